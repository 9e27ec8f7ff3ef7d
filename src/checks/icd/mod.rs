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
use crate::icd10cm::{CodeSet, Lookup, NormalizedCode};
use crate::knowledge::Knowledge;
use crate::model::Encounter;
use serde_json::Value;
use std::cell::OnceCell;

pub fn build(kind: &str, spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let check: Box<dyn Check> = match kind {
        "icd_unknown_code" => Box::new(validity::UnknownCode),
        "icd_header_code" => {
            return Some(
                params::<validity::HeaderParams>(spec).map(|p| Box::new(validity::HeaderCode(p)) as Box<dyn Check>),
            )
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

/// A diagnosis code as written, with its normalized form when it is shaped like a code.
#[derive(Clone, Copy, Debug)]
struct Written<'a> {
    text: &'a str,
    code: Option<NormalizedCode>,
}

impl<'a> Written<'a> {
    fn new(text: &'a str) -> Written<'a> {
        Written { text, code: CodeSet::normalize(text) }
    }

    /// The same code however written ("l570" = "L57.0"); text that is not shaped like a
    /// code compares trimmed and case-insensitively.
    fn same(&self, other: &Written<'_>) -> bool {
        match (self.code, other.code) {
            (Some(x), Some(y)) => x == y,
            (None, None) => self.text.trim().eq_ignore_ascii_case(other.text.trim()),
            _ => false,
        }
    }
}

/// The pack's reading of the encounter's codes during one `validate` call, shared by its
/// rules: each code is normalized and looked up in the code set once per call, not once
/// per rule.
#[derive(Default)]
pub struct CallCache<'a> {
    codes: OnceCell<Codes<'a>>,
}

impl<'a> CallCache<'a> {
    fn codes(&self, encounter: &'a Encounter, icd: &CodeSet) -> &Codes<'a> {
        self.codes.get_or_init(|| Codes::of(encounter, icd))
    }
}

/// The encounter's diagnosis codes, normalized once (the lists are compared with each
/// other, and an encounter may hold hundreds of entries).
struct Codes<'a> {
    /// `diagnoses[i].code`
    listed: Vec<Written<'a>>,
    /// `lesions[i].diagnosis`
    lesions: Vec<Option<Written<'a>>>,
    /// The codes the validity rules judge (see [`Codes::to_check`]) with what the code
    /// set says of each.
    checked: Vec<(Place, Written<'a>, Lookup)>,
}

impl<'a> Codes<'a> {
    fn of(encounter: &'a Encounter, icd: &CodeSet) -> Codes<'a> {
        let mut codes = Codes {
            listed: encounter.diagnoses.iter().map(|d| Written::new(&d.code)).collect(),
            lesions: encounter.lesions.iter().map(|l| l.diagnosis.as_deref().map(Written::new)).collect(),
            checked: Vec::new(),
        };
        codes.checked = codes.to_check().map(|(place, w)| (place, w, icd.lookup(w.text))).collect();
        codes
    }

    /// The index in `diagnoses` of a code, however written.
    fn listed_at(&self, code: &Written<'_>) -> Option<usize> {
        self.listed.iter().position(|d| d.same(code))
    }

    /// The codes the validity rules judge: every `diagnoses[i].code`, then each lesion
    /// diagnosis that is not also listed (so one bad code draws one finding).
    fn to_check(&self) -> impl Iterator<Item = (Place, Written<'a>)> + '_ {
        let listed = self.listed.iter().enumerate().map(|(i, w)| (Place::Diagnosis(i), *w));
        let lesions = self.lesions.iter().enumerate().filter_map(move |(i, w)| {
            let w = (*w)?;
            self.listed_at(&w).is_none().then_some((Place::Lesion(i), w))
        });
        listed.chain(lesions)
    }
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
