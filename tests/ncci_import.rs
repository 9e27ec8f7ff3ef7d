//! The NCCI importer on files in exactly the CMS practitioner layouts
//! (tests/fixtures/ncci/, Latin-1 + CRLF, six PTP header lines, quoted multi-line MUE
//! notice), both at run time (`Validator::load_ncci`) and through `chargecheck
//! ncci-import`, whose output must load again and keep the official layout.

use chargecheck::ncci::{decode_file_bytes, NcciEdits, PTP_HEADER};
use chargecheck::{Date, Validator};
use serde_json::{json, Value};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ncci").join(name);
    decode_file_bytes(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

const F1: &str = "ccipra-v322r0-f1.excerpt.TXT";
const F2: &str = "ccipra-v322r0-f2.excerpt.TXT";
const MUE: &str = "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv";

fn loaded() -> Validator {
    let mut v = Validator::new().unwrap();
    let ptp = fixture(F1) + &fixture(F2);
    assert_eq!(v.load_ncci(Some(&ptp), Some(&fixture(MUE))).unwrap(), (8, 4));
    v
}

fn encounter(dos: &str, charges: Value) -> Value {
    json!({
        "date_of_service": dos,
        "place_of_service": "11",
        "diagnoses": [{"code": "C44.519"}, {"code": "D48.5"}, {"code": "L40.0"}],
        "lesions": [
            {"id": "L1", "site": "back", "laterality": "midline", "diameter_cm": 0.9, "diagnosis": "C44.519", "pathology": "malignant", "symptoms": []},
            {"id": "L2", "site": "arm", "laterality": "left", "diameter_cm": 0.5, "diagnosis": "D48.5", "pathology": "uncertain", "symptoms": ["growing"]}
        ],
        "procedures": [
            {"id": "P1", "type": "destruction", "lesions": ["L1"], "method": "curettage"},
            {"id": "P2", "type": "biopsy", "lesions": ["L2"], "technique": "tangential"},
            {"id": "P3", "type": "biopsy", "lesions": ["L1"], "technique": "tangential"}
        ],
        "visit": {"patient_status": "established", "mdm": {"problems": "moderate", "data": "low", "risk": "moderate"}, "separately_identifiable": true},
        "charges": charges,
        "signed_on": dos
    })
}

fn findings(v: &Validator, enc: &Value, rule: &str) -> Vec<Value> {
    let today = Date::parse("2026-12-01").unwrap();
    let result = v.validate_value(enc, today).unwrap();
    result.findings.iter().filter(|f| f.rule == rule).map(|f| serde_json::to_value(f).unwrap()).collect()
}

#[test]
fn official_layout_files_load_with_every_row() {
    let mut edits = NcciEdits::default();
    assert_eq!(edits.add_ptp_text(&fixture(F1)).unwrap(), 6, "header lines are skipped, every data row kept");
    assert_eq!(edits.add_ptp_text(&fixture(F2)).unwrap(), 2);
    assert_eq!(edits.add_mue_text(&fixture(MUE)).unwrap(), 4, "the notice and header records are skipped");
    let dos = Date::parse("2026-07-01").unwrap();
    assert_eq!(edits.ptp("17261", "11102", dos).unwrap().rationale, "Misuse of column two code with column one code");
    assert_eq!(edits.mue("0001U").unwrap().value, 1);
    assert_eq!(edits.mue("11306").unwrap().adjudication, chargecheck::ncci::MueAdjudication::Line);
}

#[test]
fn indicator_1_pair_on_different_lesions_suggests_xs_on_column_2() {
    let v = loaded();
    let enc = encounter(
        "2026-07-01",
        json!([
            {"code": "17261", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
            {"code": "11102", "modifiers": [], "units": 1, "diagnosis_pointers": [2], "procedures": ["P2"]}
        ]),
    );
    let f = findings(&v, &enc, "ncci.ptp-pair");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["charge"], 1);
    assert_eq!(f[0]["category"], "bundling");
    assert_eq!(f[0]["suggestion"], json!({"add_modifier": "XS"}));
}

#[test]
fn a_bypass_modifier_on_either_line_is_accepted() {
    let v = loaded();
    for (m1, m2) in [(json!(["XS"]), json!([])), (json!([]), json!(["59"]))] {
        let enc = encounter(
            "2026-07-01",
            json!([
                {"code": "17261", "modifiers": m1, "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
                {"code": "11102", "modifiers": m2, "units": 1, "diagnosis_pointers": [2], "procedures": ["P2"]}
            ]),
        );
        assert!(findings(&v, &enc, "ncci.ptp-pair").is_empty());
    }
}

#[test]
fn same_lesion_pair_suggests_removing_column_2() {
    let v = loaded();
    let enc = encounter(
        "2026-07-01",
        json!([
            {"code": "17261", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
            {"code": "11102", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P3"]}
        ]),
    );
    let f = findings(&v, &enc, "ncci.ptp-pair");
    assert_eq!(f[0]["suggestion"], json!({"remove_charge": true}));
}

#[test]
fn effective_and_deletion_dates_bound_the_edit() {
    let v = loaded();
    let pair = |dos: &str| {
        let enc = encounter(
            dos,
            json!([
                {"code": "11402", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
                {"code": "11104", "modifiers": [], "units": 1, "diagnosis_pointers": [2], "procedures": ["P2"]}
            ]),
        );
        findings(&v, &enc, "ncci.ptp-pair").len()
    };
    // 11402/11104 (fixture row): effective 2026-04-01, deleted 2026-06-30 (its last day).
    assert_eq!(pair("2026-03-31"), 0);
    assert_eq!(pair("2026-04-01"), 1);
    assert_eq!(pair("2026-06-30"), 1);
    assert_eq!(pair("2026-07-01"), 0);
}

#[test]
fn indicator_0_has_no_bypass_and_indicator_9_is_no_edit() {
    let v = loaded();
    let enc = |mods: Value| {
        json!({
            "date_of_service": "2026-07-01",
            "diagnoses": [{"code": "C44.619"}],
            "charges": [
                {"code": "13121", "modifiers": [], "units": 1, "diagnosis_pointers": [1]},
                {"code": "13120", "modifiers": mods, "units": 1, "diagnosis_pointers": [1]}
            ]
        })
    };
    let f = findings(&v, &enc(json!(["XS"])), "ncci.ptp-pair");
    assert_eq!(f.len(), 1, "indicator 0: XS does not bypass");
    assert_eq!(f[0]["suggestion"], json!({"remove_charge": true}));
    // Only an indicator-9 row for this pair: no edit.
    let mut v9 = Validator::new().unwrap();
    v9.load_ncci(
        Some(&format!("{PTP_HEADER}13121\t13120\t\t19960101\t*\t9\tCPT Manual or CMS manual coding instruction\r\n")),
        None,
    )
    .unwrap();
    assert!(findings(&v9, &enc(json!([])), "ncci.ptp-pair").is_empty());
}

#[test]
fn em_column_2_with_separate_service_suggests_25() {
    let v = loaded();
    let enc = encounter(
        "2026-07-01",
        json!([
            {"code": "17261", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
            {"code": "99214", "modifiers": [], "units": 1, "diagnosis_pointers": [3]}
        ]),
    );
    let f = findings(&v, &enc, "ncci.ptp-pair");
    assert_eq!(f[0]["charge"], 1);
    assert_eq!(f[0]["suggestion"], json!({"add_modifier": "25"}));
}

#[test]
fn mue_line_and_date_of_service_edits() {
    let v = loaded();
    // 11306: MAI 1 (line edit) of 1 in the fixture.
    let enc = json!({"date_of_service": "2026-07-01", "diagnoses": [{"code": "L82.0"}], "charges": [
        {"code": "11306", "modifiers": [], "units": 2, "diagnosis_pointers": [1]},
        {"code": "11306", "modifiers": ["XS"], "units": 1, "diagnosis_pointers": [1]}
    ]});
    let f = findings(&v, &enc, "ncci.mue-units");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0]["charge"].clone(), f[0]["suggestion"].clone()), (json!(0), json!({"set_units": 1})));
    // 11104: MAI 2 (date of service) of 1: two lines add up; the excess is on the last line.
    let enc = json!({"date_of_service": "2026-07-01", "diagnoses": [{"code": "D48.5"}], "charges": [
        {"code": "11104", "modifiers": [], "units": 1, "diagnosis_pointers": [1]},
        {"code": "11104", "modifiers": ["XS"], "units": 1, "diagnosis_pointers": [1]}
    ]});
    let f = findings(&v, &enc, "ncci.mue-units");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0]["charge"].clone(), f[0]["category"].clone()), (json!(1), json!("units")));
    assert_eq!(f[0]["suggestion"], json!({"remove_charge": true}));
}

#[test]
fn a_bad_file_changes_nothing_and_names_its_line() {
    let mut v = Validator::new().unwrap();
    let bad = format!("{PTP_HEADER}11402\t11104\t\t2026-04-01\t*\t1\tx\r\n");
    let e = v.load_ncci(Some(&bad), None).unwrap_err();
    assert_eq!(e.fields[0].path, "ncci.ptp:line 7");
    assert_eq!(v.knowledge().ncci.ptp_row_count(), 4, "the shipped subset is still loaded");
}

#[test]
fn cli_import_writes_the_official_layout_and_it_loads_again() {
    let dir = std::env::temp_dir().join(format!("chargecheck-ncci-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ncci");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chargecheck"))
        .arg("ncci-import")
        .args([F1, F2, MUE].map(|f| fixtures.join(f)))
        .args(["--out", dir.to_str().unwrap(), "--today", "2026-07-02"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    // 0001A/0591T and 0001U are not dermatology codes the rules know: filtered out.
    assert!(stdout.contains("PTP: 2 file(s), 8 rows read, 7 kept; MUE: 1 file(s), 4 rows read, 3 kept"), "{stdout}");
    let ptp = std::fs::read_to_string(dir.join("ptp-practitioner-derm.txt")).unwrap();
    let mue = std::fs::read_to_string(dir.join("mue-practitioner-derm.csv")).unwrap();
    // After the '#' provenance lines: the six CMS header lines, then CRLF data rows.
    let body = ptp.split_once(PTP_HEADER).expect("the CMS header lines").1;
    assert!(ptp.lines().next().unwrap().starts_with("# chargecheck NCCI PTP table"));
    assert!(
        body.starts_with("11402\t11104\t\t20260401\t20260630\t1\tMisuse of column two code with column one code\r\n"),
        "{body}"
    );
    assert!(body.contains("13121\t13120\t*\t19960101\t*\t0\tCPT Manual or CMS manual coding instruction\r\n"));
    assert!(mue.starts_with('"') && mue.contains(",,,\r\n\"HCPCS/\nCPT Code\","), "{mue}");
    assert!(mue.ends_with("99214,1,2 Date of Service Edit: Policy,CMS Policy\r\n"));
    let mut v = Validator::new().unwrap();
    assert_eq!(v.load_ncci(Some(&ptp), Some(&mue)).unwrap(), (7, 3));
    std::fs::remove_dir_all(&dir).ok();
}
