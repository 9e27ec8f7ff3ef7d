//! The contract's `Result` and `Finding` (CONTRACT.md section 2).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// The denial categories a billing office tracks; every finding has exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    CodeValidity,
    Documentation,
    MedicalNecessity,
    Bundling,
    Modifier,
    Units,
    Authorization,
    Eligibility,
    ClaimData,
    TimelyFiling,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::CodeValidity,
        Category::Documentation,
        Category::MedicalNecessity,
        Category::Bundling,
        Category::Modifier,
        Category::Units,
        Category::Authorization,
        Category::Eligibility,
        Category::ClaimData,
        Category::TimelyFiling,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Category::CodeValidity => "code_validity",
            Category::Documentation => "documentation",
            Category::MedicalNecessity => "medical_necessity",
            Category::Bundling => "bundling",
            Category::Modifier => "modifier",
            Category::Units => "units",
            Category::Authorization => "authorization",
            Category::Eligibility => "eligibility",
            Category::ClaimData => "claim_data",
            Category::TimelyFiling => "timely_filing",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Clean,
    Review,
    Blocked,
}

/// A machine-applicable fix: exactly one key, as the contract lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Suggestion {
    ReplaceCode(String),
    AddModifier(String),
    RemoveModifier(String),
    SetUnits(u32),
    AddCharge(NewCharge),
    RemoveCharge(bool),
    AddDiagnosis(String),
    ReplaceDiagnosis(FromTo),
    ReplaceModifier(FromTo),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewCharge {
    pub code: String,
    pub units: u32,
    pub modifiers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FromTo {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub category: Category,
    pub message: String,
    pub charge: Option<usize>,
    pub path: Option<String>,
    pub suggestion: Option<Suggestion>,
    /// Extension: present (true) only when an encounter override matched this finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub overridden: Option<bool>,
    /// Extension: the override's reason, with `overridden`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub override_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckResult {
    pub status: Status,
    pub rules_version: String,
    pub findings: Vec<Finding>,
}

impl Finding {
    /// Whether this finding counts toward the status (overridden ones do not).
    pub fn counts(&self) -> bool {
        self.overridden != Some(true)
    }
}

/// `blocked` when any counted finding is an error, `review` when the worst is a warning,
/// `clean` otherwise (info findings allowed).
pub fn status_of(findings: &[Finding]) -> Status {
    match findings.iter().filter(|f| f.counts()).map(|f| f.severity).max() {
        Some(Severity::Error) => Status::Blocked,
        Some(Severity::Warning) => Status::Review,
        _ => Status::Clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity) -> Finding {
        Finding {
            rule: "x".into(),
            severity,
            category: Category::ClaimData,
            message: String::new(),
            charge: None,
            path: None,
            suggestion: None,
            overridden: None,
            override_reason: None,
        }
    }

    #[test]
    fn status_follows_the_worst_counted_severity() {
        assert_eq!(status_of(&[]), Status::Clean);
        assert_eq!(status_of(&[finding(Severity::Info)]), Status::Clean);
        assert_eq!(status_of(&[finding(Severity::Info), finding(Severity::Warning)]), Status::Review);
        assert_eq!(status_of(&[finding(Severity::Warning), finding(Severity::Error)]), Status::Blocked);
        let mut overridden = finding(Severity::Error);
        overridden.overridden = Some(true);
        assert_eq!(status_of(&[overridden, finding(Severity::Warning)]), Status::Review);
    }

    #[test]
    fn suggestions_serialize_as_single_key_objects() {
        let s = |x: Suggestion| serde_json::to_string(&x).unwrap();
        assert_eq!(s(Suggestion::ReplaceCode("11402".into())), r#"{"replace_code":"11402"}"#);
        assert_eq!(s(Suggestion::SetUnits(13)), r#"{"set_units":13}"#);
        assert_eq!(s(Suggestion::RemoveCharge(true)), r#"{"remove_charge":true}"#);
        assert_eq!(
            s(Suggestion::AddCharge(NewCharge { code: "13102".into(), units: 1, modifiers: vec![] })),
            r#"{"add_charge":{"code":"13102","units":1,"modifiers":[]}}"#
        );
        assert_eq!(
            s(Suggestion::ReplaceDiagnosis(FromTo { from: "C44.612".into(), to: "C44.619".into() })),
            r#"{"replace_diagnosis":{"from":"C44.612","to":"C44.619"}}"#
        );
    }

    #[test]
    fn every_finding_field_is_present_even_when_null() {
        let json = serde_json::to_value(finding(Severity::Info)).unwrap();
        for key in ["rule", "severity", "category", "message", "charge", "path", "suggestion"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert!(json.get("overridden").is_none());
    }
}
