//! ICD-10-CM checks: unknown and header codes, 7th characters, code-set dates, Excludes1, laterality and site against the lesion (issue 3).
//!
//! No check kinds yet: this pack's rules are not implemented, so none are registered.

use super::Check;
use crate::knowledge::Knowledge;
use serde_json::Value;

pub fn build(_kind: &str, _spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    None
}
