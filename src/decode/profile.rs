//! The payer-profile walk (CONTRACT.md section 3).

use super::{non_null, Decoder, Map, Path, Value};
use crate::checks::claim_data::{npi_is_valid, procedure_code_shape_ok};
use crate::error::{InputError, InputKind};
use crate::finding::Severity;
use crate::model::PlanType;
use crate::payer::{FilingLimitRule, PayerProfile, RuleSettings};

const SEVERITIES: &[(&str, Severity)] =
    &[("error", Severity::Error), ("warning", Severity::Warning), ("info", Severity::Info)];
const PLAN_TYPES: &[(&str, PlanType)] = &[
    ("medicare", PlanType::Medicare),
    ("medicare_advantage", PlanType::MedicareAdvantage),
    ("medicaid", PlanType::Medicaid),
    ("commercial", PlanType::Commercial),
    ("self_pay", PlanType::SelfPay),
];

/// A group's enrolled rendering NPIs can outnumber the encounter's item limit; the
/// document-size limit (1 MiB) still bounds the list.
const MAX_ENROLLED_NPIS: usize = 50_000;

/// Decodes a profile; `known_rule` says whether a rule id exists, so that a typo in
/// `rules.disable` is an error instead of a silently ignored setting.
pub fn decode_payer_profile(
    value: &serde_json::Value,
    known_rule: &dyn Fn(&str) -> bool,
) -> Result<PayerProfile, InputError> {
    decode_payer_profile_json(&Value::from_serde(value), known_rule)
}

/// As [`decode_payer_profile`], on the decoder's borrowed JSON tree.
pub fn decode_payer_profile_json(
    value: &Value<'_>,
    known_rule: &dyn Fn(&str) -> bool,
) -> Result<PayerProfile, InputError> {
    let mut d = Decoder::new(InputKind::PayerProfile);
    let root = Path::ROOT;
    let Some(m) = d.object(value, &root) else { return Err(d.finish(()).unwrap_err()) };

    let id = d.req_string(m, "id", &root);
    if matches!(&id, Some(s) if s.trim().is_empty()) {
        d.error(&root.field("id"), "the id cannot be empty");
    }
    let filing_limit_days = required_days(&mut d, m, "filing_limit_days", &root);
    let eligibility_max_age_days = required_days(&mut d, m, "eligibility_max_age_days", &root);
    let wants_modifier_51 = match d.required(m, "wants_modifier_51", &root) {
        Some(_) => d.opt_bool(m, "wants_modifier_51", &root),
        None => None,
    };
    let rules = non_null(m, "rules").map(|v| {
        let path = root.field("rules");
        let Some(rm) = d.object(v, &path) else { return RuleSettings::default() };
        let disable_path = path.field("disable");
        let disable = d.array(rm, "disable", &path, |d, v, p| {
            let id = d.string(v, p)?;
            if !known_rule(&id) {
                d.error(p, "no rule has this id");
            }
            Some(id)
        });
        let _ = disable_path;
        let mut severity = std::collections::BTreeMap::new();
        if let Some(sv) = non_null(rm, "severity") {
            let sp = path.field("severity");
            if let Some(sm) = d.object(sv, &sp) {
                for (rule, level) in sm.iter() {
                    let rp = sp.field(rule);
                    if !known_rule(rule) {
                        d.error(&rp, "no rule has this id");
                    }
                    if let Some(level) = d.word(level, &rp, SEVERITIES) {
                        severity.insert(rule.to_string(), level);
                    }
                }
            }
        }
        RuleSettings { disable, severity }
    });
    let profile = PayerProfile {
        authorization_required: d.array(m, "authorization_required", &root, |d, v, p| {
            let code = d.string(v, p)?;
            if !procedure_code_shape_ok(&code) {
                d.error(
                    p,
                    "not a CPT or HCPCS code (five digits; four digits and F or T; or a letter A-V and four digits)",
                );
            }
            Some(code)
        }),
        filing_limit_rule: d.opt_word(m, "filing_limit_rule", &root, FilingLimitRule::WORDS).unwrap_or_default(),
        filing_warning_days: d
            .opt_count(m, "filing_warning_days", &root, 3650)
            .unwrap_or(PayerProfile::DEFAULT_FILING_WARNING_DAYS),
        rules: rules.unwrap_or_default(),
        default_for_plan_types: d.array(m, "default_for_plan_types", &root, |d, v, p| d.word(v, p, PLAN_TYPES)),
        enrolled_npis: non_null(m, "enrolled_npis").map(|v| enrolled_npis(&mut d, v, &root.field("enrolled_npis"))),
        name: d.opt_string(m, "name", &root),
        sources: d.string_array(m, "sources", &root),
        id: id.unwrap_or_default(),
        filing_limit_days: filing_limit_days.unwrap_or_default(),
        eligibility_max_age_days: eligibility_max_age_days.unwrap_or_default(),
        wants_modifier_51: wants_modifier_51.unwrap_or_default(),
    };
    d.finish(profile)
}

/// Enrolled NPIs: each must be a valid NPI (a typo would otherwise flag every claim of
/// that provider); kept sorted so that a lookup is a binary search.
fn enrolled_npis(d: &mut Decoder, value: &Value, path: &Path<'_>) -> Vec<String> {
    let Value::Array(items) = value else {
        d.error(path, format!("expected an array, found {}", super::kind_of(value)));
        return Vec::new();
    };
    if items.len() > MAX_ENROLLED_NPIS {
        d.error(path, format!("{} items; the limit is {MAX_ENROLLED_NPIS}", items.len()));
        return Vec::new();
    }
    let mut npis = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        let p = path.index(i);
        if let Some(npi) = d.string(v, &p) {
            if npi_is_valid(&npi) {
                npis.push(npi);
            } else {
                d.error(&p, "not a valid NPI (10 digits with the Luhn check digit)");
            }
        }
    }
    npis.sort_unstable();
    npis.dedup();
    npis
}

fn required_days(d: &mut Decoder, m: &Map<'_>, name: &str, p: &Path<'_>) -> Option<u32> {
    let v = d.required(m, name, p)?;
    d.integer(v, &p.field(name), 0, 3650).map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_the_contract_example() {
        let p = decode_payer_profile(
            &json!({"id": "harborview-ppo", "authorization_required": ["17311"], "filing_limit_days": 90,
                    "eligibility_max_age_days": 30, "wants_modifier_51": false}),
            &|_| true,
        )
        .unwrap();
        assert_eq!(p.filing_warning_days, 14);
        assert!(p.requires_authorization("17311"));
    }

    #[test]
    fn names_every_bad_field() {
        let err = decode_payer_profile(
            &json!({"filing_limit_days": -5, "eligibility_max_age_days": "30", "wants_modifier_51": "no",
                    "rules": {"disable": ["no.such-rule"], "severity": {"x": "fatal"}}}),
            &|r| r != "no.such-rule" && r != "x",
        )
        .unwrap_err();
        let paths: Vec<_> = err.fields.iter().map(|f| f.path.as_str()).collect();
        for want in [
            "id",
            "filing_limit_days",
            "eligibility_max_age_days",
            "wants_modifier_51",
            "rules.disable[0]",
            "rules.severity.x",
        ] {
            assert!(paths.contains(&want), "missing {want} in {paths:?}");
        }
    }

    #[test]
    fn extension_fields_decode_and_are_validated() {
        let p = decode_payer_profile(
            &json!({"id": "m", "filing_limit_days": 365, "filing_limit_rule": "one_calendar_year",
                    "eligibility_max_age_days": 30, "wants_modifier_51": false,
                    "enrolled_npis": ["1647283906", "1452038692", "1647283906"]}),
            &|_| true,
        )
        .unwrap();
        assert_eq!(p.filing_limit_rule, FilingLimitRule::OneCalendarYear);
        assert_eq!(p.enrolled_npis.as_deref(), Some(&["1452038692".to_string(), "1647283906".to_string()][..]));
        assert_eq!(p.is_enrolled("1647283906"), Some(true));
        assert_eq!(p.is_enrolled("1234567893"), Some(false));

        let err = decode_payer_profile(
            &json!({"id": "m", "filing_limit_days": 90, "filing_limit_rule": "twelve_moons",
                    "eligibility_max_age_days": 30, "wants_modifier_51": false,
                    "authorization_required": ["17311", "MOHS"], "enrolled_npis": ["1647283906", "1647283907", 5],
                    "filing_warning_days": -1}),
            &|_| true,
        )
        .unwrap_err();
        let paths: Vec<_> = err.fields.iter().map(|f| f.path.as_str()).collect();
        for want in [
            "filing_limit_rule",
            "authorization_required[1]",
            "enrolled_npis[1]",
            "enrolled_npis[2]",
            "filing_warning_days",
        ] {
            assert!(paths.contains(&want), "missing {want} in {paths:?}");
        }
        // Problems name the field, never echo its value.
        assert!(err.fields.iter().all(|f| !f.problem.contains("1647283907") && !f.problem.contains("MOHS")));
    }

    #[test]
    fn default_days_rule_when_absent() {
        let p = decode_payer_profile(
            &json!({"id": "x", "filing_limit_days": 90, "eligibility_max_age_days": 30, "wants_modifier_51": false}),
            &|_| true,
        )
        .unwrap();
        assert_eq!(p.filing_limit_rule, FilingLimitRule::Days);
        assert_eq!(p.enrolled_npis, None);
    }
}
