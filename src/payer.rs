//! Payer profiles (CONTRACT.md section 3): what differs between payers, loaded at run time.

use crate::finding::Severity;
use crate::model::PlanType;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Clone, Debug, PartialEq, TS)]
#[ts(optional_fields = nullable)]
pub struct PayerProfile {
    pub id: String,
    /// CPT/HCPCS codes that need a prior authorization from this payer.
    #[ts(as = "Option<_>")]
    pub authorization_required: Vec<String>,
    pub filing_limit_days: u32,
    pub eligibility_max_age_days: u32,
    pub wants_modifier_51: bool,
    /// Warn when this many or fewer days of the filing limit remain (contract default 14).
    #[ts(as = "Option<_>")]
    pub filing_warning_days: u32,
    #[ts(as = "Option<_>")]
    pub rules: RuleSettings,
    /// Extension: plan types for which this profile is the fallback when
    /// `coverage.payer` names no loaded profile.
    #[ts(as = "Option<_>")]
    pub default_for_plan_types: Vec<PlanType>,
    /// Extension (issue 5): rendering NPIs enrolled with this payer; `None` = not tracked.
    pub enrolled_npis: Option<Vec<String>>,
    /// Extension: a readable name and the sources that justify the numbers.
    pub name: Option<String>,
    #[ts(as = "Option<_>")]
    pub sources: Vec<String>,
}

/// Per-profile rule settings: rule ids to switch off, and severities to change.
#[derive(Clone, Debug, Default, PartialEq, TS)]
#[ts(optional_fields = nullable)]
pub struct RuleSettings {
    #[ts(as = "Option<_>")]
    pub disable: Vec<String>,
    #[ts(as = "Option<_>")]
    pub severity: BTreeMap<String, Severity>,
}

impl PayerProfile {
    pub const DEFAULT_FILING_WARNING_DAYS: u32 = 14;

    pub fn requires_authorization(&self, code: &str) -> bool {
        self.authorization_required.iter().any(|c| c == code)
    }
}
