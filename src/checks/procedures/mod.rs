//! Dermatology procedure families (issue 9): the documentation must support every
//! procedure code and its units.
//!
//! - `facts`: the coding facts (`rules/facts/derm-*.json`) as typed tables.
//! - One module per family computes the lines its documentation supports:
//!   `excision`, `shave`, `biopsy`, `repair`, `destruction`, `mohs`, `counted` (skin
//!   tags, intralesional injections), `incision` (incision and drainage); `analysis`
//!   runs them all.
//! - `reconcile` ties billed lines to procedures and matches codes and units.
//! - The check kinds: `documentation` (missing fields, unsupported codes, units, pending
//!   pathology), `session` (bundling, exclusive codes, add-ons, second primary biopsy,
//!   definitional unit limits), `necessity` (diagnosis families, Medicare benign-lesion
//!   LCD).
//!
//! `crate::suggest` turns the same analysis into charge lines.

pub mod analysis;
mod biopsy;
mod counted;
mod destruction;
mod documentation;
mod excision;
pub mod facts;
mod incision;
mod mohs;
mod necessity;
pub mod reconcile;
mod repair;
mod session;
mod shave;

pub use analysis::{analyze, analyze_with, Analysis, Expected, Family, Index, Reading};
pub use biopsy::technique_word;
pub use reconcile::SessionCache;

use super::Check;
use crate::knowledge::Knowledge;
use crate::model::PlanType;
use facts::DermFacts;
use serde_json::Value;

/// Check parameters are read by hand (a derived deserializer per parameter struct would
/// cost the wasm more than the checks themselves); unknown keys are refused.
fn params_with<'v>(spec: &'v Value, allowed: &[&str]) -> Result<&'v serde_json::Map<String, Value>, String> {
    let map = spec.as_object().ok_or("check parameters must be an object")?;
    if let Some(k) = map.keys().find(|k| *k != "kind" && !allowed.contains(&k.as_str())) {
        return Err(format!("check parameters: unknown field {k:?}"));
    }
    Ok(map)
}

fn text_param<'v>(map: &'v serde_json::Map<String, Value>, key: &str) -> Result<&'v str, String> {
    map.get(key).and_then(Value::as_str).ok_or_else(|| format!("check parameters: {key} must be a string"))
}

fn list_param(map: &serde_json::Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    let items =
        map.get(key).and_then(Value::as_array).ok_or_else(|| format!("check parameters: {key} must be an array"))?;
    items
        .iter()
        .map(|v| v.as_str().map(str::to_string).ok_or_else(|| format!("check parameters: {key} must list strings")))
        .collect()
}

fn plan_type(word: &str) -> Result<PlanType, String> {
    Ok(match word {
        "medicare" => PlanType::Medicare,
        "medicare_advantage" => PlanType::MedicareAdvantage,
        "medicaid" => PlanType::Medicaid,
        "commercial" => PlanType::Commercial,
        "self_pay" => PlanType::SelfPay,
        other => return Err(format!("unknown plan type {other:?}")),
    })
}

const KINDS: &[&str] = &[
    "procedure_documentation",
    "procedure_code",
    "procedure_units_over",
    "procedure_units_under",
    "pathology_pending",
    "bundled_same_session",
    "mutually_exclusive_codes",
    "add_on_without_primary",
    "second_primary_biopsy",
    "definitional_unit_limit",
    "diagnosis_family",
    "benign_removal_indication",
];

pub fn build(kind: &str, spec: &Value, kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    if !KINDS.contains(&kind) {
        return None;
    }
    Some(build_kind(kind, spec, kb))
}

fn family(spec: &Value) -> Result<Family, String> {
    let word = text_param(params_with(spec, &["family"])?, "family")?;
    Family::from_word(word).ok_or_else(|| format!("unknown procedure family {word:?}"))
}

fn build_kind(kind: &str, spec: &Value, kb: &Knowledge) -> Result<Box<dyn Check>, String> {
    let facts = DermFacts::get()?;
    let no_params = || params_with(spec, &[]).map(|_| ());
    Ok(match kind {
        "procedure_documentation" => Box::new(documentation::RequiredDocumentation { family: family(spec)?, facts }),
        "procedure_code" => Box::new(documentation::CodeSupported { family: family(spec)?, facts }),
        "procedure_units_over" => {
            no_params()?;
            Box::new(documentation::UnitsOver { facts })
        }
        "procedure_units_under" => {
            no_params()?;
            Box::new(documentation::UnitsUnder { facts })
        }
        "pathology_pending" => Box::new(documentation::PathologyPending { family: family(spec)?, facts }),
        "bundled_same_session" => Box::new(session::BundledSameSession { family: family(spec)?, facts }),
        "mutually_exclusive_codes" => {
            let codes = list_param(params_with(spec, &["codes"])?, "codes")?;
            let pair = session::MutuallyExclusive::find(facts, &codes)
                .ok_or_else(|| format!("derm-exclusive.json has no entry whose codes are {codes:?}"))?;
            Box::new(session::MutuallyExclusive { pair, facts })
        }
        "add_on_without_primary" => {
            no_params()?;
            Box::new(session::AddOnWithoutPrimary { facts })
        }
        "second_primary_biopsy" => {
            no_params()?;
            Box::new(session::SecondPrimaryBiopsy { facts })
        }
        "definitional_unit_limit" => {
            no_params()?;
            Box::new(session::DefinitionalUnitLimit { facts })
        }
        "diagnosis_family" => {
            let map = params_with(spec, &["code_families", "diagnoses"])?;
            let code_families = list_param(map, "code_families")?;
            let known: Vec<&str> = kb.codes().map(|c| c.family.as_str()).collect();
            if let Some(f) = code_families.iter().find(|f| !known.contains(&f.as_str())) {
                return Err(format!("no code in cpt-codes.json has family {f:?}"));
            }
            let d = &facts.diagnoses;
            let mut accepted = Vec::new();
            let mut described = Vec::new();
            for name in &list_param(map, "diagnoses")? {
                let (prefixes, words) = match name.as_str() {
                    "malignant" => (&d.malignant, "malignant neoplasms of skin"),
                    "in_situ" => (&d.in_situ, "in-situ neoplasms of skin (D03, D04)"),
                    "premalignant" => (&d.premalignant, "actinic keratosis (L57.0)"),
                    other => return Err(format!("unknown diagnosis family {other:?}")),
                };
                accepted.push(prefixes);
                described.push(words);
            }
            Box::new(necessity::DiagnosisFamily { code_families, accepted, described: described.join(" or ") })
        }
        "benign_removal_indication" => {
            let words = list_param(params_with(spec, &["plan_types"])?, "plan_types")?;
            let plan_types = words.iter().map(|w| plan_type(w)).collect::<Result<_, _>>()?;
            Box::new(necessity::BenignRemovalIndication { plan_types, facts })
        }
        other => return Err(format!("unknown check kind {other:?}")),
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the family modules' unit tests.
    use super::analysis::{analyze, Analysis};
    use super::facts::{DermFacts, LesionClass};
    use serde_json::Value;

    /// Decodes a partial encounter (date and charges filled in) and analyses it.
    pub fn analyze_json_with(mut v: Value, hints: &[Option<LesionClass>]) -> Analysis {
        v["date_of_service"] = Value::from("2026-04-07");
        if v.get("charges").is_none() {
            v["charges"] = Value::Array(Vec::new());
        }
        let e = crate::decode::decode_encounter(&v).unwrap_or_else(|err| panic!("{}", err.message));
        analyze(&e, DermFacts::get().unwrap(), hints)
    }

    pub fn analyze_json(v: Value) -> Analysis {
        analyze_json_with(v, &[])
    }

    /// Runs one check kind (built from `spec` as a rule would) on a partial encounter:
    /// Medicare coverage and the date are filled in when absent.
    pub fn run_kind(spec: Value, mut v: Value) -> Vec<crate::checks::Hit> {
        v["date_of_service"] = Value::from("2026-04-07");
        if v.get("charges").is_none() {
            v["charges"] = Value::Array(Vec::new());
        }
        if v.get("coverage").is_none() {
            v["coverage"] = serde_json::json!({"payer": "medicare", "plan_type": "medicare"});
        }
        let e = crate::decode::decode_encounter(&v).unwrap_or_else(|err| panic!("{}", err.message));
        let kb = crate::knowledge::Knowledge::embedded().unwrap();
        let check = crate::checks::build(&spec, &kb).unwrap();
        let cx = crate::checks::Context::new(&e, None, e.date_of_service, e.date_of_service, &kb);
        let mut hits = Vec::new();
        check.run(&cx, &mut hits);
        hits
    }

    /// A charge line billing `procedures`.
    pub fn line(code: &str, units: u32, procedures: &[&str]) -> Value {
        serde_json::json!({"code": code, "units": units, "diagnosis_pointers": [1], "procedures": procedures})
    }

    /// The reportable codes, `code` or `codexunits`.
    pub fn codes(a: &Analysis) -> Vec<String> {
        a.expected
            .iter()
            .filter(|e| !e.bundled)
            .map(|e| if e.units == 1 { e.code.to_string() } else { format!("{}x{}", e.code, e.units) })
            .collect()
    }
}
