//! The batch audit over a small NDJSON file built from the shared conformance encounters
//! (whose expected results are the contract's, so the numbers below do not drift as other
//! packs grow), with malformed and blank lines mixed in. Runs the library and the CLI.

use chargecheck::audit::{audit_reader, LagValue, Malformed};
use chargecheck::{Date, Validator};
use serde_json::{json, Value};
use std::path::PathBuf;

const PROVIDER_A: &str = "1647283906";
const PROVIDER_B: &str = "1234567893"; // CMS's check-digit example, valid

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

fn case(stem: &str) -> Value {
    let dir = std::env::var_os("CHARGECHECK_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance"));
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(stem))
        .unwrap_or_else(|| panic!("no case {stem}"));
    serde_json::from_str::<Value>(&std::fs::read_to_string(file).unwrap()).unwrap()["encounter"].clone()
}

fn with(mut e: Value, npi: &str, signed_on: Option<&str>) -> String {
    e["providers"]["rendering_npi"] = json!(npi);
    match signed_on {
        Some(s) => e["signed_on"] = json!(s),
        None => {
            e.as_object_mut().unwrap().remove("signed_on");
        }
    }
    serde_json::to_string(&e).unwrap()
}

/// Ten lines: seven encounters, two malformed, one blank (see the expectations below).
fn fixture() -> String {
    let e019 = case("019");
    let e034 = case("034");
    let e007 = case("007");
    let e033 = case("033");
    let e035 = case("035");
    let e001 = case("001");
    [
        with(e019.clone(), PROVIDER_A, Some("2026-06-09")), // 1 clean, E/M with 25, lag 0
        with(e034, PROVIDER_A, Some("2026-07-30")),         // 2 review: stale eligibility; E/M without 25
        with(e007.clone(), PROVIDER_B, Some("2026-05-01")), // 3 clean, lag 3
        "not json {".to_string(),                           // 4 malformed
        String::new(),                                      // 5 blank
        with(e033, PROVIDER_B, Some("2026-07-28")),         // 6 blocked: coverage ended
        r#"{"date_of_service": "2026-04-31", "charges": []}"#.to_string(), // 7 malformed: no such date
        with(e035, PROVIDER_A, Some("2027-09-08")),         // 8 blocked: filing limit, lag 400; E/M without 25
        with(e001, PROVIDER_A, None),                       // 9 clean, no signed_on
        with(e007, PROVIDER_B, Some("2026-04-27")),         // 10 blocked: signed before the visit, lag -1
    ]
    .join("\n")
        + "\n"
}

#[test]
fn audit_metrics_by_provider_and_payer() {
    let validator = Validator::new().unwrap();
    let mut malformed = Vec::new();
    let mut progress_calls = 0;
    let text = fixture();
    let audit = audit_reader(
        text.as_bytes(),
        &validator,
        today(),
        &mut |m: Malformed| malformed.push(m.line),
        &mut |_, _| progress_calls += 1,
        4,
    )
    .unwrap();
    assert_eq!(malformed, [4, 7]);
    assert_eq!(progress_calls, 2 + 1, "every 4 lines, and once at the end");
    assert_eq!((audit.lines, audit.blank_lines, audit.malformed_lines), (10, 1, 2));
    assert_eq!(audit.bytes, text.len() as u64);

    let report = audit.report(today());
    let all = &report.overall;
    assert_eq!((all.encounters, all.clean, all.review, all.blocked), (7, 3, 1, 3));
    assert_eq!(all.clean_first_pass_rate, Some(3.0 / 7.0));
    assert_eq!(all.findings_by_category["eligibility"], 2);
    assert_eq!(all.findings_by_category["timely_filing"], 1);
    assert_eq!(all.findings_by_category["claim_data"], 1);
    assert_eq!(all.findings_by_category["authorization"], 0);
    assert_eq!((all.em_lines, all.em_lines_with_25, all.modifier_25_rate), (3, 1, Some(1.0 / 3.0)));
    let lag = &all.charge_lag_days;
    assert_eq!((lag.encounters, lag.without_signed_on, lag.signed_before_service), (5, 1, 1));
    assert_eq!(lag.mean, Some(403.0 / 5.0));
    assert_eq!((lag.median, lag.p90), (Some(LagValue::Days(0)), Some(LagValue::Days(400))));

    let group = |groups: &Vec<chargecheck::audit::GroupReport<'_>>, key: &str| {
        groups.iter().find(|g| g.key == key).unwrap_or_else(|| panic!("no group {key}")).summary.clone()
    };
    assert_eq!(report.by_provider.len(), 2);
    assert_eq!(report.by_provider[0].key, PROVIDER_A, "largest group first");
    let a = group(&report.by_provider, PROVIDER_A);
    assert_eq!((a.encounters, a.clean, a.review, a.blocked, a.em_lines, a.em_lines_with_25), (4, 2, 1, 1, 3, 1));
    let b = group(&report.by_provider, PROVIDER_B);
    assert_eq!((b.encounters, b.clean, b.blocked, b.em_lines), (3, 1, 2, 0));
    assert_eq!(b.modifier_25_rate, None);
    assert_eq!(b.charge_lag_days.median, Some(LagValue::Days(0)));

    let medicare = group(&report.by_payer, "medicare");
    assert_eq!(medicare.encounters, 6);
    let ppo = group(&report.by_payer, "harborview-ppo");
    assert_eq!((ppo.encounters, ppo.review, ppo.findings_by_category["eligibility"]), (1, 1, 1));
}

#[test]
fn a_loaded_profile_changes_the_audit() {
    // The audit uses whatever profiles the validator holds: loading the case's profile
    // makes its Mohs line need an authorization.
    let mut validator = Validator::new().unwrap();
    let profile = json!({"id": "harborview-ppo", "authorization_required": ["17311", "17312", "17313", "17314"],
                         "filing_limit_days": 90, "eligibility_max_age_days": 30, "wants_modifier_51": false});
    let line = with(case("032"), PROVIDER_A, Some("2026-07-23")) + "\n";
    let run = |v: &Validator| audit_reader(line.as_bytes(), v, today(), &mut |_| {}, &mut |_, _| {}, 0).unwrap();
    assert_eq!(run(&validator).report(today()).overall.findings_by_category["authorization"], 0);
    validator.add_payer_profile(&profile).unwrap();
    assert_eq!(run(&validator).report(today()).overall.findings_by_category["authorization"], 1);
}

#[test]
fn the_cli_prints_a_table_or_json_and_reports_malformed_lines_on_stderr() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("audit-fixture.ndjson");
    std::fs::write(&file, fixture()).unwrap();
    let bin = env!("CARGO_BIN_EXE_chargecheck");

    let out = std::process::Command::new(bin)
        .args(["audit", file.to_str().unwrap(), "--json", "--today", "2026-11-26"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<_> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("line 4: skipped:") && lines[1].starts_with("line 7: skipped:"), "{stderr}");
    assert!(!stderr.contains('\r'), "no progress bar when stderr is not a terminal");
    // The skipped lines' content is not echoed.
    assert!(!stderr.contains("not json") && !stderr.contains("2026-04-31"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["encounters"], 7);
    assert_eq!(json["malformed_lines"], 2);
    assert_eq!(json["overall"]["charge_lag_days"]["p90"], 400);
    assert_eq!(json["by_provider"][0]["key"], PROVIDER_A);
    assert!(json["definitions"]["modifier_25_rate"].as_str().unwrap().contains("E/M lines"));

    let out = std::process::Command::new(bin)
        .args(["audit", file.to_str().unwrap(), "--today", "2026-11-26"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    for want in ["BY PROVIDER (rendering NPI)", "BY PAYER", PROVIDER_B, "harborview-ppo", "42.9%", "33.3%"] {
        assert!(table.contains(want), "{want} missing from\n{table}");
    }

    // Standard input works too.
    let mut child = std::process::Command::new(bin)
        .args(["audit", "-", "--json", "--today", "2026-11-26"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(fixture().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["encounters"], 7);
}

#[test]
fn an_overlong_or_binary_line_is_skipped_and_the_rest_is_kept() {
    let validator = Validator::new().unwrap();
    let good = with(case("007"), PROVIDER_A, Some("2026-04-28"));
    let mut text = Vec::new();
    text.extend_from_slice(good.as_bytes());
    text.push(b'\n');
    text.extend(std::iter::repeat_n(b' ', chargecheck::decode::MAX_DOCUMENT_BYTES + 10));
    text.push(b'\n');
    text.extend_from_slice(&[0xff, 0xfe, b'\n']);
    text.extend_from_slice(good.as_bytes()); // last line without a newline
    let mut malformed = Vec::new();
    let audit =
        audit_reader(&text[..], &validator, today(), &mut |m| malformed.push((m.line, m.problem)), &mut |_, _| {}, 0)
            .unwrap();
    assert_eq!(malformed.iter().map(|m| m.0).collect::<Vec<_>>(), [2, 3]);
    assert!(malformed[0].1.contains("longer than"));
    assert_eq!((audit.lines, audit.overall.encounters, audit.overall.clean), (4, 2, 2));
}
