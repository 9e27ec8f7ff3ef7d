//! "Could not check": malformed input or a bad rule or profile file. These are never
//! findings and never panics; they name every bad field by JSON path.
//!
//! Messages never echo the offending value: input may hold identifying data.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// One bad field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    /// Where, e.g. `lesions[0].diameter_cm`; `""` for the whole document.
    pub path: String,
    /// What is wrong, in words, without the value.
    pub problem: String,
}

/// What kind of input failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Encounter,
    PayerProfile,
    Rules,
    ConformanceCase,
    /// A Result handed back for conversion (CDS Hooks cards).
    CheckResult,
    /// The options of a call (e.g. CDS Hooks card options).
    Options,
}

/// The structured error every front end returns for input it cannot check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error, TS)]
pub struct InputError {
    /// Always `"invalid_input"`, so a JS caller can tell it from other errors.
    #[ts(type = "\"invalid_input\"")]
    pub error: &'static str,
    pub input: InputKind,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl InputError {
    pub fn new(input: InputKind, mut fields: Vec<FieldError>) -> InputError {
        fields.sort_by(|a, b| a.path.cmp(&b.path));
        fields.dedup();
        let message = match fields.len() {
            1 => {
                format!("1 invalid field in the {}: {} ({})", input.noun(), fields[0].path_or_root(), fields[0].problem)
            }
            n => format!(
                "{n} invalid fields in the {}: {}",
                input.noun(),
                fields.iter().map(|f| f.path_or_root()).collect::<Vec<_>>().join(", ")
            ),
        };
        InputError { error: "invalid_input", input, message, fields }
    }

    pub fn single(input: InputKind, path: impl Into<String>, problem: impl Into<String>) -> InputError {
        InputError::new(input, vec![FieldError { path: path.into(), problem: problem.into() }])
    }

    /// A JSON syntax error, located by line and column only (never by content).
    pub fn syntax(input: InputKind, err: &serde_json::Error) -> InputError {
        // serde_json's messages never quote the input, but only these words leave here.
        let text = err.to_string();
        let at = format!("line {}, column {}", err.line(), err.column());
        let problem = if err.classify() == serde_json::error::Category::Eof {
            format!("the JSON ends early ({at})")
        } else if text.starts_with("recursion limit exceeded") {
            format!("nested more than 128 levels deep ({at})")
        } else if text.starts_with("number out of range") {
            format!("a number too large to represent ({at})")
        } else if ["lone leading surrogate", "invalid unicode code point", "unexpected end of hex escape"]
            .iter()
            .any(|m| text.starts_with(m))
        {
            format!("a string holds an unpaired UTF-16 surrogate, which is not Unicode text ({at})")
        } else if text.starts_with("control character") {
            format!("a string holds a raw control character; write it escaped ({at})")
        } else if text.starts_with("trailing characters") {
            format!("text follows the end of the JSON value ({at})")
        } else {
            format!("not valid JSON at {at}")
        };
        InputError::single(input, "", problem)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{\"error\":\"invalid_input\"}"))
    }
}

impl FieldError {
    fn path_or_root(&self) -> &str {
        if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        }
    }
}

impl InputKind {
    fn noun(self) -> &'static str {
        match self {
            InputKind::Encounter => "encounter",
            InputKind::PayerProfile => "payer profile",
            InputKind::Rules => "rules",
            InputKind::ConformanceCase => "conformance case",
            InputKind::CheckResult => "result",
            InputKind::Options => "options",
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
