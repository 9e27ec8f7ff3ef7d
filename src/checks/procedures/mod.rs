//! Dermatology procedure families (issue 9): the documentation must support every
//! procedure code and its units.
//!
//! No check kinds yet: this pack's rules are not implemented, so none are registered.

use super::Check;
use crate::knowledge::Knowledge;
use serde_json::Value;

pub fn build(_kind: &str, _spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    None
}
