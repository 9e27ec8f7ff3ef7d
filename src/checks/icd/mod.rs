//! ICD-10-CM checks (issue 3): codes that are not in the FY2026 code set, headers,
//! 7th characters, a date of service the loaded code set does not cover, Excludes1
//! pairs, and lesion diagnoses that contradict or are missing from the claim.
//!
//! The code set itself (lookup, Excludes1, laterality and site of each code) is data in
//! [`crate::icd10cm`], reached as `cx.kb.icd`; these checks only interpret it against
//! the encounter. Codes are accepted with or without the dot and in any letter case.
//! `prior_procedures[].diagnoses` are history (they only relate a prior global period
//! to today's service) and are not judged here.

mod excludes1;
mod lesions;
mod validity;

use super::{params, Check};
use crate::icd10cm::CodeSet;
use crate::knowledge::Knowledge;
use crate::model::Encounter;
use serde_json::Value;

pub fn build(kind: &str, spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let check: Box<dyn Check> = match kind {
        "icd_unknown_code" => Box::new(validity::UnknownCode),
        "icd_header_code" => {
            return Some(params::<validity::HeaderParams>(spec).map(|p| Box::new(validity::HeaderCode(p)) as Box<dyn Check>))
        }
        "icd_seventh_character" => Box::new(validity::SeventhCharacter),
        "icd_code_set_date" => Box::new(validity::CodeSetDate),
        "icd_excludes1_pair" => Box::new(excludes1::Excludes1Pair),
        "icd_diagnosis_contradicts_lesion" => Box::new(lesions::DiagnosisContradictsLesion),
        "icd_lesion_diagnosis_not_listed" => Box::new(lesions::LesionDiagnosisNotListed),
        _ => return None,
    };
    Some(Ok(check))
}

/// Where a diagnosis code was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// `diagnoses[i].code`
    Diagnosis(usize),
    /// `lesions[i].diagnosis`
    Lesion(usize),
}

impl Place {
    fn path(self) -> String {
        match self {
            Place::Diagnosis(i) => format!("diagnoses[{i}].code"),
            Place::Lesion(i) => format!("lesions[{i}].diagnosis"),
        }
    }

    /// How the message names it ("diagnosis 2", "the diagnosis of lesion L1").
    fn label(self, encounter: &Encounter) -> String {
        match self {
            Place::Diagnosis(i) => format!("Diagnosis {}", i + 1),
            Place::Lesion(i) => format!("The diagnosis of lesion {}", encounter.lesions[i].id),
        }
    }
}

/// The same ICD-10-CM code however written ("l570" = "L57.0"); text that is not shaped
/// like a code compares trimmed and case-insensitively.
fn same_code(a: &str, b: &str) -> bool {
    match (CodeSet::normalize(a), CodeSet::normalize(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    }
}

/// The index in `diagnoses` of a code, however written.
fn listed(encounter: &Encounter, code: &str) -> Option<usize> {
    encounter.diagnoses.iter().position(|d| same_code(&d.code, code))
}

/// The codes the validity rules judge: every `diagnoses[i].code`, then each lesion
/// diagnosis that is not also listed there (so one bad code draws one finding).
fn codes_to_check(encounter: &Encounter) -> impl Iterator<Item = (Place, &str)> {
    let listed_codes = encounter.diagnoses.iter().enumerate().map(|(i, d)| (Place::Diagnosis(i), d.code.as_str()));
    let lesion_codes = encounter.lesions.iter().enumerate().filter_map(move |(i, l)| {
        let code = l.diagnosis.as_deref()?;
        listed(encounter, code).is_none().then_some((Place::Lesion(i), code))
    });
    listed_codes.chain(lesion_codes)
}

/// "A, B or C".
fn one_of(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests;
