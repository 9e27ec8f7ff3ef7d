//! Behaviour of the ICD-10-CM check kinds, through the whole engine (so the rules in
//! rules/packs/icd.json are what is tested), with snapshots of every message.

use crate::date::Date;
use crate::finding::{Finding, Suggestion};
use crate::validator::Validator;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| Validator::new().unwrap())
}

fn lesion(id: &str, site: &str, side: Value, dx: &str) -> Value {
    json!({"id": id, "site": site, "laterality": side, "diameter_cm": 0.8, "diagnosis": dx, "pathology": "benign", "symptoms": ["inflamed"]})
}

/// A clean shave encounter (the example base) with `patch` merged in.
fn encounter(patch: Value) -> Value {
    let mut e = crate::rules::example_base("default").unwrap();
    crate::rules::merge_patch(&mut e, &patch);
    e
}

/// The findings of ICD rules (`icd.*`) for an encounter.
fn icd_findings(patch: Value) -> Vec<Finding> {
    let e = encounter(patch);
    let result = validator().validate_value(&e, Date::parse("2026-11-26").unwrap()).unwrap();
    result.findings.into_iter().filter(|f| f.rule.starts_with("icd.")).collect()
}

fn only(patch: Value, rule: &str) -> Vec<Finding> {
    let all = icd_findings(patch);
    let other: Vec<&Finding> = all.iter().filter(|f| f.rule != rule).collect();
    assert!(other.is_empty(), "unexpected {other:?}");
    all
}

fn replace(from: &str, to: &str) -> Option<Suggestion> {
    Some(Suggestion::ReplaceDiagnosis(crate::finding::FromTo { from: from.into(), to: to.into() }))
}

fn dx(codes: &[&str]) -> Value {
    Value::Array(codes.iter().map(|c| json!({"code": c})).collect())
}

#[test]
fn any_case_and_with_or_without_the_dot_draws_nothing() {
    for code in ["L82.0", "l82.0", "L820", "l820", " L82.0 "] {
        let f =
            icd_findings(json!({"diagnoses": dx(&[code]), "lesions": [lesion("L1", "neck", json!("right"), code)]}));
        assert!(f.is_empty(), "{code}: {f:?}");
    }
}

#[test]
fn unknown_and_malformed_codes() {
    let f = only(
        json!({"diagnoses": dx(&["L82.2"]), "lesions": [lesion("L1", "neck", json!("right"), "L82.2")]}),
        "icd.unknown-code",
    );
    assert_eq!(f.len(), 1, "the listed lesion code is judged once");
    assert_eq!(f[0].path.as_deref(), Some("diagnoses[0].code"));
    insta::assert_snapshot!("unknown", f[0].message);

    let f = only(
        json!({"diagnoses": dx(&["L82.0", "hello world"]), "charges": [{"code": "11306", "units": 1, "diagnosis_pointers": [1, 2], "procedures": ["P1"]}]}),
        "icd.unknown-code",
    );
    assert_eq!(f.len(), 1);
    assert!(!f[0].message.contains("hello"), "malformed text is not echoed");
    insta::assert_snapshot!("malformed", f[0].message);

    // outside the code set's dates an unknown code is not called invalid; text that
    // is not a code still is
    let later = json!({"date_of_service": "2026-10-05", "signed_on": "2026-10-05",
        "coverage": {"eligibility_checked_on": "2026-10-05"},
        "diagnoses": dx(&["L82.2", "L8.2"]), "lesions": [lesion("L1", "neck", json!("right"), "L82.2")],
        "charges": [{"code": "11306", "units": 1, "diagnosis_pointers": [1, 2], "procedures": ["P1"]}]});
    let f = icd_findings(later);
    let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["icd.unknown-code", "icd.code-set-date"]);
    assert_eq!(f[0].path.as_deref(), Some("diagnoses[1].code"));
}

#[test]
fn header_codes_list_their_subdivisions_and_follow_the_lesion() {
    let f = only(
        json!({"diagnoses": dx(&["L82"]), "lesions": [lesion("L1", "back", json!("right"), "L82")]}),
        "icd.header-code",
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].suggestion, None, "L82.0/L82.1 are not told apart by site");
    insta::assert_snapshot!("header_small", f[0].message);

    // 13 subdivisions: not listed one by one
    let f = only(
        json!({"diagnoses": dx(&["L82.0", "G43"]), "charges": [{"code": "11306", "units": 1, "diagnosis_pointers": [1, 2], "procedures": ["P1"]}]}),
        "icd.header-code",
    );
    insta::assert_snapshot!("header_large", f[0].message);

    // the lesion picks the child by site and side; written without the dot, lower case
    let f = only(
        json!({"diagnoses": dx(&["c4461"]), "lesions": [lesion("L1", "arm", json!("left"), "c4461")]}),
        "icd.header-code",
    );
    assert_eq!(f[0].suggestion, replace("c4461", "C44.619"));
    insta::assert_snapshot!("header_picked", f[0].message);

    // two lesions carrying the header agree: suggested; disagree: not
    let agree = json!({"diagnoses": dx(&["D22.6"]), "lesions": [lesion("L1", "arm", json!("left"), "D22.6"), lesion("L2", "hand", json!("left"), "D22.6")]});
    assert_eq!(only(agree, "icd.header-code")[0].suggestion, replace("D22.6", "D22.62"));
    let disagree = json!({"diagnoses": dx(&["D22.6"]), "lesions": [lesion("L1", "arm", json!("left"), "D22.6"), lesion("L2", "arm", json!("right"), "D22.6")]});
    assert_eq!(only(disagree, "icd.header-code")[0].suggestion, None);
    // midline: only a code without a side fits, and D22.6 has none
    let midline = json!({"diagnoses": dx(&["D22.6"]), "lesions": [lesion("L1", "arm", json!("midline"), "D22.6")]});
    assert_eq!(only(midline, "icd.header-code")[0].suggestion, replace("D22.6", "D22.60"));
}

#[test]
fn seventh_characters() {
    let with = |code: &str| json!({"diagnoses": dx(&["L82.0", code]), "charges": [{"code": "11306", "units": 1, "diagnosis_pointers": [1, 2], "procedures": ["P1"]}]});
    let f = only(with("S01.01"), "icd.seventh-character");
    assert_eq!((f.len(), &f[0].suggestion), (1, &None));
    insta::assert_snapshot!("seventh_missing", f[0].message);
    let f = only(with("S01.01XZ"), "icd.seventh-character");
    assert_eq!(f[0].suggestion, None);
    insta::assert_snapshot!("seventh_invalid", f[0].message);
    let f = only(with("s0101a"), "icd.seventh-character");
    assert_eq!(f[0].suggestion, replace("s0101a", "S01.01XA"));
    insta::assert_snapshot!("seventh_placeholder", f[0].message);
    // placeholder typed, 7th missing
    let f = only(with("T07.XXX"), "icd.seventh-character");
    assert!(f[0].message.contains("T07.XXXA"), "{}", f[0].message);
    assert!(icd_findings(with("S01.01XA")).is_empty());
    assert!(icd_findings(with("t07xxxa")).is_empty());
}

#[test]
fn code_set_date_is_one_warning_per_encounter() {
    let on = |date: &str| {
        json!({"date_of_service": date, "signed_on": date, "coverage": {"eligibility_checked_on": date},
            "diagnoses": dx(&["L82.0", "L57.0", "D22.5"]),
            "charges": [{"code": "11306", "units": 1, "diagnosis_pointers": [1, 2, 3], "procedures": ["P1"]}]})
    };
    let f = only(on("2025-09-30"), "icd.code-set-date");
    assert_eq!(f.len(), 1);
    insta::assert_snapshot!("code_set_date", f[0].message);
    assert_eq!(only(on("2026-10-01"), "icd.code-set-date").len(), 1);
    assert!(icd_findings(on("2025-10-01")).is_empty());
    assert!(icd_findings(on("2026-09-30")).is_empty());
    // no diagnosis at all: no ICD code was used
    let none = json!({"date_of_service": "2026-10-01", "signed_on": "2026-10-01", "coverage": {"eligibility_checked_on": "2026-10-01"},
        "diagnoses": [], "lesions": [lesion("L1", "neck", json!("right"), "L82.0")]});
    let mut none = none;
    none["lesions"][0]["diagnosis"] = Value::Null;
    assert!(icd_findings(none).is_empty());
}

#[test]
fn excludes1_follows_the_contract_reading() {
    let visit = |pointers: Value| json!({"diagnoses": dx(&["L23.7", "L25.9"]), "lesions": [], "procedures": [], "charges": pointers});
    let one_line = visit(json!([{"code": "99213", "units": 1, "diagnosis_pointers": [1, 2]}]));
    let f = only(one_line, "icd.excludes1-pair");
    assert_eq!((f.len(), f[0].charge, f[0].path.as_deref()), (1, Some(0), Some("charges[0].diagnosis_pointers")));
    insta::assert_snapshot!("excludes1_line", f[0].message);

    // linked only to different lines: no finding
    let apart = visit(
        json!([{"code": "99213", "units": 1, "diagnosis_pointers": [1]}, {"code": "99213", "units": 1, "diagnosis_pointers": [2]}]),
    );
    assert!(icd_findings(apart).is_empty());

    // written without the dots and lower case: still the same pair; reported once
    let twice = json!({"diagnoses": dx(&["l237", "L259"]), "lesions": [], "procedures": [],
        "charges": [{"code": "99213", "units": 1, "diagnosis_pointers": [1, 2]}, {"code": "99212", "units": 1, "diagnosis_pointers": [2, 1]}]});
    assert_eq!(only(twice, "icd.excludes1-pair").len(), 1);

    // each the diagnosis of a different documented lesion: the unrelated-conditions exception
    let two_lesions = json!({"diagnoses": dx(&["C44.612", "C43.62"]),
        "lesions": [lesion("L1", "arm", json!("right"), "C44.612"), lesion("L2", "arm", json!("left"), "C43.62")],
        "procedures": [{"id": "P1", "type": "biopsy", "technique": "punch", "lesions": ["L1", "L2"]}],
        "charges": [{"code": "11104", "units": 1, "diagnosis_pointers": [1, 2], "procedures": ["P1"]}]});
    assert!(icd_findings(two_lesions).is_empty());

    // one lesion, a second line billing it with a code its diagnosis excludes: that line
    let same_lesion = json!({"diagnoses": dx(&["C44.612", "C43.61"]),
        "lesions": [lesion("L1", "arm", json!("right"), "C44.612")],
        "procedures": [{"id": "P1", "type": "excision", "lesions": ["L1"], "margin_cm": 0.2, "closure": "simple"},
                       {"id": "P2", "type": "repair", "lesions": ["L1"], "site": "arm", "complexity": "intermediate", "length_cm": 2.0}],
        "charges": [{"code": "11602", "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
                    {"code": "12031", "units": 1, "diagnosis_pointers": [2], "procedures": ["P2"]}]});
    let f = only(same_lesion, "icd.excludes1-pair");
    assert_eq!((f.len(), f[0].charge), (1, Some(1)));
    insta::assert_snapshot!("excludes1_lesion", f[0].message);

    // Excludes2 or unrelated pairs: nothing
    let fine = visit(json!([{"code": "99213", "units": 1, "diagnosis_pointers": [1, 2]}]));
    let mut fine = fine;
    fine["diagnoses"] = dx(&["L82.0", "L57.0"]);
    assert!(icd_findings(fine).is_empty());
}

#[test]
fn lesion_side_and_site_contradictions() {
    let case = |code: &str, site: &str, side: Value| json!({"diagnoses": dx(&[code]), "lesions": [lesion("L1", site, side, code)]});
    let f = only(case("C44.612", "arm", json!("left")), "icd.diagnosis-contradicts-lesion");
    assert_eq!(f[0].suggestion, replace("C44.612", "C44.619"));
    insta::assert_snapshot!("contradiction_side", f[0].message);
    let f = only(case("D22.39", "back", json!("left")), "icd.diagnosis-contradicts-lesion");
    assert_eq!(f[0].suggestion, replace("D22.39", "D22.5"));
    insta::assert_snapshot!("contradiction_site", f[0].message);
    // side and site at once: right upper limb code on a left leg lesion
    let f = only(case("C44.612", "leg", json!("left")), "icd.diagnosis-contradicts-lesion");
    assert_eq!(f[0].suggestion, replace("C44.612", "C44.719"));
    insta::assert_snapshot!("contradiction_both", f[0].message);
    // "other parts of face" when the nose has its own code
    let f = only(case("C44.319", "nose", json!("midline")), "icd.diagnosis-contradicts-lesion");
    assert_eq!(f[0].suggestion, replace("C44.319", "C44.311"));
    // a side-only family outside the skin categories: a finding without a guess
    let f = only(case("S41.111A", "arm", json!("left")), "icd.diagnosis-contradicts-lesion");
    assert_eq!(f[0].suggestion, None);

    for (code, site, side) in [
        ("C44.612", "arm", json!("midline")), // midline never contradicts
        ("C44.612", "arm", Value::Null),      // nor undocumented laterality
        ("C44.612", "hand", json!("right")),  // hand is upper limb
        ("C44.612", "finger", json!("right")),
        ("C44.611", "arm", json!("left")),       // unspecified side
        ("C44.91", "back", json!("left")),       // unspecified site
        ("C44.521", "chest", json!("left")),     // breast is part of chest
        ("C44.519", "genitalia", json!("left")), // the family has no genital code
        ("D22.5", "axilla", json!("right")),     // axilla is trunk in the neoplasm table
        ("D22.39", "nose", json!("midline")),    // D22 has no nose code: face
        ("C44.41", "scalp", json!("midline")),   // scalp and neck
        ("L57.0", "back", json!("left")),        // no site in the title
        ("B07.0", "foot", json!("left")),        // plantar wart
        ("L02.412", "axilla", json!("left")),
    ] {
        let f = icd_findings(case(code, site, side.clone()));
        assert!(f.is_empty(), "{code} on {site} {side}: {f:?}");
    }

    // two lesions share a right-side code; only the left one is wrong: add, do not replace
    let shared = json!({"diagnoses": dx(&["D22.61"]),
        "lesions": [lesion("L1", "arm", json!("right"), "D22.61"), lesion("L2", "arm", json!("left"), "D22.61")]});
    let f = only(shared, "icd.diagnosis-contradicts-lesion");
    assert_eq!((f.len(), f[0].path.as_deref()), (1, Some("lesions[1].diagnosis")));
    assert_eq!(f[0].suggestion, Some(Suggestion::AddDiagnosis("D22.62".into())));
}

#[test]
fn lesion_diagnosis_missing_from_the_claim() {
    let f = only(
        json!({"lesions": [lesion("L1", "neck", json!("right"), "l821"), lesion("L2", "neck", json!("left"), "L82.1")]}),
        "icd.lesion-diagnosis-not-listed",
    );
    assert_eq!(f.len(), 1, "one finding per code");
    assert_eq!(f[0].suggestion, Some(Suggestion::AddDiagnosis("L82.1".into())));
    insta::assert_snapshot!("not_listed", f[0].message);
    // an incomplete code is the validity rules' finding, never suggested for the claim
    let f = icd_findings(json!({"lesions": [lesion("L1", "neck", json!("right"), "L82")]}));
    let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["icd.header-code"]);
    assert_eq!(f[0].path.as_deref(), Some("lesions[0].diagnosis"));
}

#[test]
fn large_encounters_stay_fast() {
    // 500 distinct diagnoses all pointed to by 60 lines that each bill 33 procedures of
    // 33 lesions (the decoder allows 2,000 references per list): every pair of diagnoses
    // is linked. The first version took minutes here.
    let codes: Vec<&str> = include_str!("../../../rules/icd10cm/sample-billable.txt").lines().take(500).collect();
    let lesions: Vec<Value> = (0..500)
        .map(|i| json!({"id": format!("L{i}"), "site": "arm", "laterality": "left", "diameter_cm": 0.5}))
        .collect();
    let all_lesions: Vec<String> = (0..33).map(|i| format!("L{i}")).collect();
    let procedures: Vec<Value> =
        (0..60).map(|i| json!({"id": format!("P{i}"), "type": "shave", "lesions": all_lesions})).collect();
    let all_procedures: Vec<String> = (0..33).map(|i| format!("P{i}")).collect();
    let pointers: Vec<usize> = (1..=500).collect();
    let charges: Vec<Value> = (0..60)
        .map(|_| json!({"code": "11300", "units": 1, "diagnosis_pointers": pointers, "procedures": all_procedures}))
        .collect();
    let patch = json!({"diagnoses": dx(&codes), "lesions": lesions, "procedures": procedures, "charges": charges});
    let started = std::time::Instant::now();
    let f = icd_findings(patch);
    let took = started.elapsed();
    assert!(f.iter().any(|f| f.rule == "icd.excludes1-pair"));
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
}
