//! Payer profiles (CONTRACT.md section 3): what differs between payers, loaded at run time.

use crate::date::Date;
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
    /// Extension: how the filing limit is counted (`filing_limit_rule`); `Days` unless the
    /// profile says otherwise.
    #[ts(as = "Option<_>")]
    pub filing_limit_rule: FilingLimitRule,
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
    /// Extension (issue 5): rendering NPIs enrolled with this payer, sorted and without
    /// duplicates (the decoder guarantees it); `None` = not tracked.
    pub enrolled_npis: Option<Vec<String>>,
    /// Extension: a readable name and the sources that justify the numbers.
    pub name: Option<String>,
    #[ts(as = "Option<_>")]
    pub sources: Vec<String>,
}

/// How a profile's filing limit is counted from the date of service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FilingLimitRule {
    /// `filing_limit_days` calendar days after the date of service (the contract's rule).
    #[default]
    Days,
    /// The same calendar day one year later (42 CFR 424.44(a)(1): "1 calendar year after the
    /// date of service"); a February 29 date of service is due February 28 (Medicare Claims
    /// Processing Manual, Pub. 100-04, Chapter 1, section 70.1). Counting 365 days instead
    /// would fall one day short whenever the year contains a February 29.
    OneCalendarYear,
}

impl FilingLimitRule {
    pub const WORDS: &'static [(&'static str, FilingLimitRule)] =
        &[("days", FilingLimitRule::Days), ("one_calendar_year", FilingLimitRule::OneCalendarYear)];
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
    /// A profile with the contract's required numbers and every optional field at its
    /// default (as if the JSON gave only these).
    pub fn with_limits(
        id: &str,
        filing_limit_days: u32,
        eligibility_max_age_days: u32,
        wants_modifier_51: bool,
    ) -> PayerProfile {
        PayerProfile {
            id: id.to_string(),
            authorization_required: Vec::new(),
            filing_limit_days,
            filing_limit_rule: FilingLimitRule::Days,
            eligibility_max_age_days,
            wants_modifier_51,
            filing_warning_days: PayerProfile::DEFAULT_FILING_WARNING_DAYS,
            rules: RuleSettings::default(),
            default_for_plan_types: Vec::new(),
            enrolled_npis: None,
            name: None,
            sources: Vec::new(),
        }
    }

    pub const DEFAULT_FILING_WARNING_DAYS: u32 = 14;

    pub fn requires_authorization(&self, code: &str) -> bool {
        self.authorization_required.iter().any(|c| c == code)
    }

    /// Whether a rendering NPI is enrolled; `None` when the profile does not track enrolment.
    pub fn is_enrolled(&self, npi: &str) -> Option<bool> {
        self.enrolled_npis.as_ref().map(|list| list.binary_search_by(|n| n.as_str().cmp(npi)).is_ok())
    }

    /// The last day on which a claim for `date_of_service` is still timely.
    pub fn filing_deadline(&self, date_of_service: Date) -> Date {
        match self.filing_limit_rule {
            FilingLimitRule::Days => date_of_service.add_days(self.filing_limit_days as i32),
            FilingLimitRule::OneCalendarYear => date_of_service.add_years(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(rule: FilingLimitRule, days: u32) -> PayerProfile {
        PayerProfile { filing_limit_rule: rule, ..PayerProfile::with_limits("p", days, 30, false) }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_count_deadline() {
        assert_eq!(profile(FilingLimitRule::Days, 90).filing_deadline(d("2026-07-23")), d("2026-10-21"));
        // 365 days from 2027-03-01 lands on 2028-02-29: one day short of a calendar year.
        assert_eq!(profile(FilingLimitRule::Days, 365).filing_deadline(d("2027-03-01")), d("2028-02-29"));
    }

    #[test]
    fn one_calendar_year_deadline() {
        let medicare = profile(FilingLimitRule::OneCalendarYear, 365);
        assert_eq!(medicare.filing_deadline(d("2026-08-04")), d("2027-08-04"));
        assert_eq!(medicare.filing_deadline(d("2027-03-01")), d("2028-03-01"));
        assert_eq!(medicare.filing_deadline(d("2027-02-28")), d("2028-02-28"));
        // Pub. 100-04 ch. 1 sec. 70.1: a February 29 service is due February 28.
        assert_eq!(medicare.filing_deadline(d("2028-02-29")), d("2029-02-28"));
        assert_eq!(medicare.filing_deadline(d("2026-12-31")), d("2027-12-31"));
    }
}
