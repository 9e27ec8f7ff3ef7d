//! Claim readiness through the whole engine: payer-profile rule settings (disable,
//! severity), profile selection, encounter overrides, and the default profiles' filing
//! limits. Per-check edge cases live in src/checks/readiness.rs.

use chargecheck::finding::{CheckResult, Severity, Status};
use chargecheck::rules::{example_base, merge_patch};
use chargecheck::{Date, Validator};
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// The clean default example (Medicare, 11306 shave, 2026-04-28) with a merge patch.
fn encounter(patch: Value) -> Value {
    let mut e = example_base("default").unwrap();
    merge_patch(&mut e, &patch);
    e
}

fn check(v: &Validator, patch: Value) -> CheckResult {
    v.validate_value(&encounter(patch), today()).unwrap()
}

/// The rules that fired, leaving out the ICD code-set date warning: these tests move the
/// date of service past the FY2026 code set on purpose, to exercise dates.
fn rules_fired(r: &CheckResult) -> Vec<&str> {
    r.findings.iter().map(|f| f.rule.as_str()).filter(|rule| *rule != "icd.code-set-date").collect()
}

fn harborview(extra: Value) -> Value {
    let mut p = json!({"id": "harborview-ppo", "authorization_required": ["11306"], "filing_limit_days": 90,
                       "eligibility_max_age_days": 30, "wants_modifier_51": false});
    merge_patch(&mut p, &extra);
    p
}

const HARBORVIEW: &str = r#"{"coverage": {"payer": "harborview-ppo", "plan_type": "commercial"}}"#;

/// Combines two merge patches into one, keeping `null`s (which delete in the encounter).
fn combine(mut a: Value, b: Value) -> Value {
    match (&mut a, b) {
        (Value::Object(am), Value::Object(bm)) => {
            for (k, v) in bm {
                let merged = match am.remove(&k) {
                    Some(old) => combine(old, v),
                    None => v,
                };
                am.insert(k, merged);
            }
            a
        }
        (_, b) => b,
    }
}

fn on_harborview(patch: Value) -> Value {
    combine(serde_json::from_str(HARBORVIEW).unwrap(), patch)
}

#[test]
fn the_base_is_clean() {
    let v = Validator::new().unwrap();
    assert_eq!(check(&v, json!({})).status, Status::Clean);
}

// ------------------------------------------------------------ profile rule settings

#[test]
fn profile_disable_switches_a_rule_off_for_that_payer_only() {
    let mut v = Validator::new().unwrap();
    let never_checked = on_harborview(json!({"coverage": {"eligibility_checked_on": null}}));
    v.add_payer_profile(&harborview(json!({"authorization_required": []}))).unwrap();
    let r = check(&v, never_checked.clone());
    assert_eq!(r.status, Status::Review);
    assert_eq!(rules_fired(&r), ["eligibility.never-checked"]);

    v.add_payer_profile(&harborview(
        json!({"authorization_required": [], "rules": {"disable": ["eligibility.never-checked"]}}),
    ))
    .unwrap();
    let r = check(&v, never_checked);
    assert_eq!(r.status, Status::Clean);
    assert!(r.findings.is_empty());

    // Medicare's profile is untouched.
    let r = check(&v, json!({"coverage": {"eligibility_checked_on": null}}));
    assert_eq!(rules_fired(&r), ["eligibility.never-checked"]);
}

#[test]
fn profile_severity_changes_the_finding_and_the_status() {
    let mut v = Validator::new().unwrap();
    let stale = on_harborview(json!({"coverage": {"eligibility_checked_on": "2026-03-01"}}));
    let late = on_harborview(json!({"signed_on": "2026-08-01"}));

    v.add_payer_profile(&harborview(json!({"authorization_required": []}))).unwrap();
    assert_eq!(check(&v, stale.clone()).status, Status::Review);
    assert_eq!(check(&v, late.clone()).status, Status::Blocked);

    v.add_payer_profile(&harborview(json!({"authorization_required": [],
        "rules": {"severity": {"eligibility.check-stale": "error", "filing.limit-passed": "warning"}}})))
        .unwrap();
    let r = check(&v, stale);
    assert_eq!(r.status, Status::Blocked);
    assert_eq!(r.findings[0].severity, Severity::Error);
    let r = check(&v, late);
    assert_eq!(r.status, Status::Review);
    assert_eq!(r.findings[0].severity, Severity::Warning);

    // Down to info: reported, but the encounter is clean.
    v.add_payer_profile(&harborview(json!({"authorization_required": [],
        "rules": {"severity": {"eligibility.check-stale": "info"}}})))
        .unwrap();
    let r = check(&v, on_harborview(json!({"coverage": {"eligibility_checked_on": "2026-03-01"}})));
    assert_eq!((r.status, r.findings.len(), r.findings[0].severity), (Status::Clean, 1, Severity::Info));
}

#[test]
fn per_call_profiles_are_honoured_like_loaded_ones() {
    let v = Validator::new().unwrap();
    let profile =
        v.decode_payer_profile(&harborview(json!({"rules": {"disable": ["authorization.required-missing"]}}))).unwrap();
    let e = chargecheck::decode::decode_encounter(&encounter(on_harborview(json!({})))).unwrap();
    assert_eq!(
        v.validate_with(&e, today(), &[]).status,
        Status::Clean,
        "unknown id falls back to the commercial default"
    );
    let strict = v.decode_payer_profile(&harborview(json!({}))).unwrap();
    assert_eq!(rules_fired(&v.validate_with(&e, today(), &[strict])), ["authorization.required-missing"]);
    assert_eq!(v.validate_with(&e, today(), &[profile]).status, Status::Clean);
}

#[test]
fn unknown_payer_falls_back_to_the_plan_type_default() {
    let v = Validator::new().unwrap();
    // Commercial default: 90 days. 2026-04-28 + 90 = 2026-07-27.
    let acme = |signed: &str| {
        check(&v, json!({"coverage": {"payer": "acme", "plan_type": "commercial"}, "signed_on": signed}))
    };
    assert_eq!(acme("2026-07-27").status, Status::Review);
    assert_eq!(rules_fired(&acme("2026-07-28")), ["filing.limit-passed"]);
    // Medicare: one calendar year.
    assert_eq!(check(&v, json!({"signed_on": "2027-04-28"})).status, Status::Review);
    assert_eq!(check(&v, json!({"signed_on": "2027-04-29"})).status, Status::Blocked);
    // Medicaid default, 12 months, warning at 30 days.
    let medicaid = |signed: &str| {
        check(&v, json!({"coverage": {"payer": "medicaid", "plan_type": "medicaid"}, "signed_on": signed}))
    };
    assert_eq!(medicaid("2027-03-28").status, Status::Clean);
    assert_eq!(medicaid("2027-03-29").status, Status::Review);
    assert_eq!(medicaid("2027-04-29").status, Status::Blocked);
}

#[test]
fn medicare_leap_year_deadline_is_a_calendar_year() {
    let v = Validator::new().unwrap();
    // 2027-03-01 + 365 days = 2028-02-29, a day short of one calendar year.
    let r = check(
        &v,
        json!({"date_of_service": "2027-03-01", "coverage": {"eligibility_checked_on": "2027-03-01"}, "signed_on": "2028-03-01"}),
    );
    assert_eq!(rules_fired(&r), ["filing.limit-near"]);
    // A February 29 service is due February 28 (Pub. 100-04 ch. 1 sec. 70.1).
    let r = check(
        &v,
        json!({"date_of_service": "2028-02-29", "coverage": {"eligibility_checked_on": "2028-02-29"}, "signed_on": "2029-03-01"}),
    );
    assert_eq!(rules_fired(&r), ["filing.limit-passed"]);
}

#[test]
fn a_future_date_of_service_is_caught_against_today() {
    // With no signed_on the signing date is today, so the existing claim-data rule covers
    // "no date of service in the future"; readiness adds no duplicate.
    let v = Validator::new().unwrap();
    let r = check(
        &v,
        json!({"date_of_service": "2026-12-01", "signed_on": null, "coverage": {"eligibility_checked_on": "2026-11-26"}}),
    );
    assert_eq!(rules_fired(&r), ["claim.service-date-after-signing"]);
}

#[test]
fn self_pay_skips_coverage_checks() {
    let v = Validator::new().unwrap();
    let r = check(
        &v,
        json!({"coverage": {"payer": null, "plan_type": "self_pay", "terminates": "2020-01-01", "eligibility_checked_on": null},
               "signed_on": "2029-01-01"}),
    );
    assert_eq!(r.status, Status::Clean, "{:?}", rules_fired(&r));
}

// ------------------------------------------------------------------------ overrides

fn two_lines_needing_authorization() -> Value {
    // Two shaved lesions, one line each (one lesion billed on two lines would be an
    // error of the procedure pack: units over the documented work).
    let lesion = |id: &str| json!({"id": id, "site": "neck", "laterality": "right", "diameter_cm": 0.8, "diagnosis": "L82.0", "pathology": "benign", "symptoms": ["inflamed"]});
    on_harborview(json!({
        "lesions": [lesion("L1"), lesion("L2")],
        "procedures": [{"id": "P1", "type": "shave", "lesions": ["L1"]}, {"id": "P2", "type": "shave", "lesions": ["L2"]}],
        "charges": [
            {"code": "11306", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
            {"code": "11306", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P2"]}
        ]
    }))
}

/// A patch plus encounter overrides.
fn with_overrides(patch: Value, overrides: Value) -> Value {
    combine(patch, json!({"overrides": overrides}))
}

fn strict_validator() -> Validator {
    let mut v = Validator::new().unwrap();
    v.add_payer_profile(&harborview(json!({}))).unwrap();
    v
}

fn auth_findings(r: &CheckResult) -> Vec<(Option<usize>, Option<bool>, Option<&str>)> {
    r.findings
        .iter()
        .filter(|f| f.rule == "authorization.required-missing")
        .map(|f| (f.charge, f.overridden, f.override_reason.as_deref()))
        .collect()
}

#[test]
fn an_override_matches_rule_and_line() {
    let v = strict_validator();
    let base = two_lines_needing_authorization();
    let r = check(&v, base.clone());
    assert_eq!(auth_findings(&r), [(Some(0), None, None), (Some(1), None, None)]);
    assert_eq!(r.status, Status::Blocked);

    // Line 1 only: line 0 still blocks.
    let r = check(
        &v,
        with_overrides(
            base.clone(),
            json!([{"rule": "authorization.required-missing", "charge": 1, "reason": "retro auth requested"}]),
        ),
    );
    assert_eq!(auth_findings(&r), [(Some(0), None, None), (Some(1), Some(true), Some("retro auth requested"))]);
    assert_eq!(r.status, Status::Blocked);

    // Both lines, one by one: the status ignores overridden findings.
    let r = check(
        &v,
        with_overrides(
            base.clone(),
            json!([{"rule": "authorization.required-missing", "charge": 0, "reason": "a"},
                   {"rule": "authorization.required-missing", "charge": 1, "reason": "b"}]),
        ),
    );
    assert_eq!(auth_findings(&r), [(Some(0), Some(true), Some("a")), (Some(1), Some(true), Some("b"))]);
    assert_eq!(r.status, Status::Clean);

    // charge null = any line.
    let r = check(
        &v,
        with_overrides(
            base.clone(),
            json!([{"rule": "authorization.required-missing", "charge": null, "reason": "any"}]),
        ),
    );
    assert!(r.findings.iter().all(|f| f.overridden == Some(true)));
    assert_eq!(r.status, Status::Clean);
    let r = check(
        &v,
        with_overrides(base.clone(), json!([{"rule": "authorization.required-missing", "reason": "omitted charge"}])),
    );
    assert_eq!(r.status, Status::Clean);

    // A different rule, or a line with no such finding, matches nothing.
    for o in [
        json!({"rule": "eligibility.check-stale", "charge": null, "reason": "x"}),
        json!({"rule": "authorization.required-missing", "charge": 5, "reason": "x"}),
    ] {
        let r = check(&v, with_overrides(base.clone(), json!([o])));
        assert!(r.findings.iter().all(|f| f.overridden.is_none()));
        assert_eq!(r.status, Status::Blocked);
    }
}

#[test]
fn a_line_override_does_not_match_an_encounter_level_finding() {
    let v = Validator::new().unwrap();
    let e = json!({"coverage": {"terminates": "2026-01-31"}});
    let r = check(
        &v,
        with_overrides(e.clone(), json!([{"rule": "eligibility.coverage-inactive", "charge": 0, "reason": "x"}])),
    );
    assert_eq!(r.status, Status::Blocked);
    let r = check(
        &v,
        with_overrides(
            e,
            json!([{"rule": "eligibility.coverage-inactive", "charge": null, "reason": "renewal verified by phone"}]),
        ),
    );
    assert_eq!(r.status, Status::Clean);
    assert_eq!(r.findings[0].override_reason.as_deref(), Some("renewal verified by phone"));
}

#[test]
fn non_overridable_rules_stay_errors() {
    let v = Validator::new().unwrap();
    for (patch, rule) in [
        (json!({"providers": {"billing_npi": "1452038691"}}), "claim.npi-check-digit"),
        (json!({"patient": {"birth_date": "2027-01-01"}}), "claim.patient-birth-date"),
        (json!({"patient": {"sex": null}}), "claim.patient-sex"),
    ] {
        let r = check(&v, with_overrides(patch, json!([{"rule": rule, "charge": null, "reason": "please"}])));
        let f = r.findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("{rule} did not fire"));
        assert_eq!((f.overridden, f.override_reason.as_deref()), (None, None), "{rule}");
        assert_eq!(r.status, Status::Blocked, "{rule}");
    }
    let meta: Vec<_> = v.rules().filter(|r| !r.overridable).map(|r| r.id.as_str()).collect();
    assert!(meta.contains(&"claim.patient-birth-date") && meta.contains(&"claim.npi-check-digit"));
}

#[test]
fn overridden_warnings_leave_the_encounter_clean_and_serialize_the_extension() {
    let v = Validator::new().unwrap();
    let e = with_overrides(
        json!({"coverage": {"eligibility_checked_on": null}}),
        json!([{"rule": "eligibility.never-checked", "charge": null, "reason": "verified at front desk"}]),
    );
    let r = check(&v, e);
    assert_eq!(r.status, Status::Clean);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["findings"][0]["overridden"], json!(true));
    assert_eq!(json["findings"][0]["override_reason"], json!("verified at front desk"));
    // Findings that were not overridden carry neither key (the contract's shape exactly).
    let plain = serde_json::to_value(check(&v, json!({"coverage": {"eligibility_checked_on": null}}))).unwrap();
    assert!(plain["findings"][0].get("overridden").is_none() && plain["findings"][0].get("override_reason").is_none());
}

#[test]
fn malformed_overrides_are_input_errors_named_by_path() {
    let v = Validator::new().unwrap();
    let e = encounter(json!({"overrides": [{"charge": -1, "reason": 3}, "x"]}));
    let err = v.validate_value(&e, today()).unwrap_err();
    let paths: Vec<_> = err.fields.iter().map(|f| f.path.as_str()).collect();
    for want in ["overrides[0].rule", "overrides[0].charge", "overrides[0].reason", "overrides[1]"] {
        assert!(paths.contains(&want), "missing {want} in {paths:?}");
    }
}
