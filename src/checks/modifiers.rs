//! Modifier checks: 25, 57, 24/79/58/78 in global periods, 59/X{EPSU}, laterality and anatomic modifiers, 51, invalid modifiers (issue 4).
//!
//! No check kinds yet: this pack's rules are not implemented, so none are registered.

use super::Check;
use crate::knowledge::Knowledge;
use serde_json::Value;

pub fn build(_kind: &str, _spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    None
}
