//! Runs the contract's conformance case files (CONTRACT.md section 4).
//!
//! A case passes when the status matches, every expected finding is matched key by key
//! by some actual finding, and no actual finding matches an `absent` object.

use crate::date::Date;
use crate::decode::parse_json;
use crate::error::InputKind;
use crate::finding::CheckResult;
use crate::validator::Validator;
use serde_json::Value;

/// The outcome of one case.
pub struct CaseOutcome {
    pub title: String,
    /// Why the case failed; empty when it passed.
    pub failures: Vec<String>,
    pub result: Option<CheckResult>,
}

impl CaseOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs one case file's text. Profiles in the case apply to that case only.
pub fn run_case(validator: &Validator, text: &str, today: Date) -> CaseOutcome {
    let mut outcome = CaseOutcome { title: String::new(), failures: Vec::new(), result: None };
    let case = match parse_json(text, InputKind::ConformanceCase) {
        Ok(v) => v,
        Err(e) => {
            outcome.failures.push(e.message);
            return outcome;
        }
    };
    outcome.title = case.get("title").and_then(Value::as_str).unwrap_or("(untitled)").to_string();
    let result = match check_case(validator, &case, today) {
        Ok(r) => r,
        Err(message) => {
            outcome.failures.push(message);
            return outcome;
        }
    };
    outcome.failures = compare(&result, case.get("expect").unwrap_or(&Value::Null));
    outcome.result = Some(result);
    outcome
}

/// Validates a case's encounter with its optional payer profile.
pub fn check_case(validator: &Validator, case: &Value, today: Date) -> Result<CheckResult, String> {
    let mut extra = Vec::new();
    if let Some(profile) = case.get("payer_profile").filter(|p| !p.is_null()) {
        extra.push(validator.decode_payer_profile(profile).map_err(|e| format!("payer_profile: {}", e.message))?);
    }
    let encounter = case.get("encounter").ok_or("the case has no encounter")?;
    let encounter = crate::decode::decode_encounter(encounter).map_err(|e| format!("encounter: {}", e.message))?;
    Ok(validator.validate_with(&encounter, today, &extra))
}

/// Compares a result with a case's `expect`, returning the reasons it does not match.
pub fn compare(result: &CheckResult, expect: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let actual = serde_json::to_value(result).unwrap_or(Value::Null);
    let findings = actual.get("findings").and_then(Value::as_array).cloned().unwrap_or_default();
    if let Some(status) = expect.get("status") {
        if actual.get("status") != Some(status) {
            failures.push(format!("status is {} but {} was expected", actual["status"], status));
        }
    }
    for want in expect.get("findings").and_then(Value::as_array).into_iter().flatten() {
        if !findings.iter().any(|f| matches(f, want)) {
            failures.push(format!("no finding matches {want}"));
        }
    }
    for unwanted in expect.get("absent").and_then(Value::as_array).into_iter().flatten() {
        for f in findings.iter().filter(|f| matches(f, unwanted)) {
            failures.push(format!("finding {} from rule {} matches absent {unwanted}", f["message"], f["rule"]));
        }
    }
    if !failures.is_empty() {
        let got: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{}/{}/{} charge={} {}",
                    f["rule"].as_str().unwrap_or(""),
                    f["severity"].as_str().unwrap_or(""),
                    f["category"].as_str().unwrap_or(""),
                    f["charge"],
                    f["suggestion"]
                )
            })
            .collect();
        failures.push(format!("actual findings: [{}]", got.join("; ")));
    }
    failures
}

/// Key-by-key match: every key `want` gives equals the actual value; objects recurse.
pub fn matches(actual: &Value, want: &Value) -> bool {
    match (actual, want) {
        (Value::Object(a), Value::Object(w)) => w.iter().all(|(k, wv)| a.get(k).is_some_and(|av| matches(av, wv))),
        _ => actual == want,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matching_is_key_by_key_and_recursive() {
        let actual = json!({"rule": "x", "charge": 0, "suggestion": {"replace_code": "11402"}});
        assert!(matches(&actual, &json!({"charge": 0})));
        assert!(matches(&actual, &json!({"suggestion": {"replace_code": "11402"}})));
        assert!(!matches(&actual, &json!({"suggestion": {"replace_code": "11403"}})));
        assert!(!matches(&actual, &json!({"charge": null})));
        assert!(matches(&json!({"charge": null}), &json!({"charge": null})));
        assert!(!matches(&actual, &json!({"path": null})));
    }
}
