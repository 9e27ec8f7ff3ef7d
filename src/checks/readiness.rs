//! Claim readiness: prior authorization, eligibility, timely filing, credentialing (issue 5).
//!
//! No check kinds yet: this pack's rules are not implemented, so none are registered.

use super::Check;
use crate::knowledge::Knowledge;
use serde_json::Value;

pub fn build(_kind: &str, _spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    None
}
