//! The engine: one `Validator` holds the loaded rules, the payer profiles and the shared
//! facts, and checks encounters against them. Front ends (CLI, wasm) are thin wrappers.

use crate::checks::{Context, Hit};
use crate::date::Date;
use crate::decode::{decode_encounter, decode_encounter_json, decode_payer_profile, decode_payer_profile_json, parse};
use crate::error::{InputError, InputKind};
use crate::finding::{status_of, CheckResult, Finding};
use crate::knowledge::Knowledge;
use crate::model::{Encounter, PlanType};
use crate::payer::PayerProfile;
use crate::rules::{self, Rule, RuleMeta};
use serde_json::Value;
use std::collections::BTreeMap;

const DEFAULT_PROFILES: &[(&str, &str)] = &[
    ("medicare", embedded_rules_file!("payers/medicare.json")),
    ("medicaid", embedded_rules_file!("payers/medicaid.json")),
    ("commercial", embedded_rules_file!("payers/commercial.json")),
];

pub struct Validator {
    rules_version: String,
    rules: Vec<Rule>,
    profiles: BTreeMap<String, PayerProfile>,
    kb: Knowledge,
}

impl Validator {
    /// Loads the embedded rules, facts and default payer profiles.
    pub fn new() -> Result<Validator, InputError> {
        let kb = Knowledge::embedded().map_err(|e| InputError::single(InputKind::Rules, "facts", e))?;
        let (rules_version, rules) = rules::load_embedded(&kb)?;
        let mut validator = Validator { rules_version, rules, profiles: BTreeMap::new(), kb };
        for (name, text) in DEFAULT_PROFILES {
            validator.add_payer_profile_json(text).map_err(|mut e| {
                e.message = format!("default payer profile {name}: {}", e.message);
                e
            })?;
        }
        Ok(validator)
    }

    pub fn rules_version(&self) -> &str {
        &self.rules_version
    }

    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter().map(|r| &r.meta)
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.kb
    }

    pub fn has_rule(&self, id: &str) -> bool {
        self.rules.iter().any(|r| r.meta.id == id)
    }

    /// Replaces the NCCI edit tables with ones read from the official CMS practitioner
    /// files (PTP `.TXT` text, one or more files concatenated; MUE `.csv` text). A table
    /// given as `None` keeps what is loaded. Returns the PTP and MUE row counts now loaded.
    /// A file that cannot be read changes nothing.
    pub fn load_ncci(&mut self, ptp: Option<&str>, mue: Option<&str>) -> Result<(usize, usize), InputError> {
        let bad = |e: crate::ncci::ImportError| {
            InputError::single(InputKind::Rules, format!("ncci.{}:line {}", e.file.to_lowercase(), e.line), e.problem)
        };
        let mut edits = self.kb.ncci.clone();
        if let Some(text) = ptp {
            edits.clear_ptp();
            edits.add_ptp_text(text).map_err(bad)?;
        }
        if let Some(text) = mue {
            edits.clear_mue();
            edits.add_mue_text(text).map_err(bad)?;
        }
        let counts = (edits.ptp_row_count(), edits.mue_row_count());
        self.kb.ncci = edits;
        Ok(counts)
    }

    /// Adds or replaces a payer profile (by `id`).
    pub fn add_payer_profile(&mut self, profile: &Value) -> Result<String, InputError> {
        let profile = self.decode_payer_profile(profile)?;
        Ok(self.insert_profile(profile))
    }

    pub fn add_payer_profile_json(&mut self, text: &str) -> Result<String, InputError> {
        let value = parse(text, InputKind::PayerProfile)?;
        let profile = decode_payer_profile_json(&value, &|id| self.has_rule(id))?;
        Ok(self.insert_profile(profile))
    }

    fn insert_profile(&mut self, profile: PayerProfile) -> String {
        let id = profile.id.clone();
        self.profiles.insert(id.clone(), profile);
        id
    }

    pub fn payer_profile(&self, id: &str) -> Option<&PayerProfile> {
        self.profiles.get(id)
    }

    /// The profile `coverage.payer` names, else the default for `coverage.plan_type`.
    /// `extra` profiles (loaded for this call only) take precedence over loaded ones.
    pub fn profile_for<'a>(&'a self, encounter: &Encounter, extra: &'a [PayerProfile]) -> Option<&'a PayerProfile> {
        let coverage = encounter.coverage.as_ref()?;
        if let Some(id) = coverage.payer.as_deref() {
            if let Some(p) = extra.iter().find(|p| p.id == id).or_else(|| self.profiles.get(id)) {
                return Some(p);
            }
        }
        let plan: PlanType = coverage.plan_type?;
        self.profiles.values().find(|p| p.default_for_plan_types.contains(&plan))
    }

    /// Decodes a payer profile without loading it (for per-call profiles).
    pub fn decode_payer_profile(&self, profile: &Value) -> Result<PayerProfile, InputError> {
        decode_payer_profile(profile, &|id| self.has_rule(id))
    }

    /// Checks JSON text. `today` is the caller's calendar date (the core reads no clock).
    pub fn validate_json(&self, text: &str, today: Date) -> Result<CheckResult, InputError> {
        let value = parse(text, InputKind::Encounter)?;
        Ok(self.validate(&decode_encounter_json(&value)?, today))
    }

    /// The charge lines the documentation supports (`suggestCharges`, `chargecheck suggest`).
    pub fn suggest_charges_json(&self, text: &str) -> Result<Vec<crate::suggest::SuggestedCharge>, InputError> {
        let value = parse(text, InputKind::Encounter)?;
        let encounter = decode_encounter_json(&value)?;
        crate::suggest::suggest_charges(&encounter, &self.kb)
            .map_err(|e| InputError::single(InputKind::Rules, "facts", e))
    }

    pub fn validate_value(&self, value: &Value, today: Date) -> Result<CheckResult, InputError> {
        let encounter = decode_encounter(value)?;
        Ok(self.validate(&encounter, today))
    }

    /// Runs every applicable rule. Never fails: a decoded encounter can always be checked.
    pub fn validate(&self, encounter: &Encounter, today: Date) -> CheckResult {
        self.validate_with(encounter, today, &[])
    }

    /// As [`Validator::validate`], with payer profiles that apply to this call only.
    pub fn validate_with(&self, encounter: &Encounter, today: Date, extra: &[PayerProfile]) -> CheckResult {
        let profile = self.profile_for(encounter, extra);
        let cx = Context::new(encounter, profile, encounter.signed_on.unwrap_or(today), today, &self.kb);
        let mut findings = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
        for rule in &self.rules {
            let meta = &rule.meta;
            let settings = profile.map(|p| &p.rules);
            if settings.is_some_and(|s| s.disable.contains(&meta.id)) || !rule.applies_on(encounter.date_of_service) {
                continue;
            }
            rule.check.run(&cx, &mut hits);
            let severity = settings.and_then(|s| s.severity.get(&meta.id)).copied().unwrap_or(meta.severity);
            for hit in hits.drain(..) {
                let mut finding = Finding {
                    rule: meta.id.clone(),
                    severity,
                    category: meta.category,
                    message: hit.message,
                    charge: hit.charge,
                    path: hit.path,
                    suggestion: hit.suggestion,
                    overridden: None,
                    override_reason: None,
                };
                if meta.overridable {
                    apply_override(encounter, &mut finding);
                }
                findings.push(finding);
            }
        }
        CheckResult { status: status_of(&findings), rules_version: self.rules_version.clone(), findings }
    }
}

/// An encounter override sets a finding aside when it names the finding's rule and either
/// its line or no line at all.
fn apply_override(encounter: &Encounter, finding: &mut Finding) {
    let matching = encounter
        .overrides
        .iter()
        .find(|o| o.rule == finding.rule && (o.charge.is_none() || o.charge == finding.charge));
    if let Some(o) = matching {
        finding.overridden = Some(true);
        finding.override_reason = Some(o.reason.clone());
    }
}
