//! "Generate charges from the note": the procedure lines the documentation supports, as
//! contract charge objects (code, modifiers, units, diagnosis pointers, procedures).
//!
//! The lines come from the same analysis the procedure checks compare billed lines with
//! (`checks::procedures::analysis`), so suggested charges validate without an error from
//! those checks; `tests/suggest_invariant.rs` holds the whole validator to that. Only
//! procedure lines are suggested: E/M levels, drugs and modifiers other than laterality
//! and the distinct-lesion XS are for the clinician and their own rules.

use crate::checks::procedures::facts::{DermFacts, LesionClass};
use crate::checks::procedures::{analyze_with, Expected, Family, Reading};
use crate::knowledge::Knowledge;
use crate::model::{Encounter, Laterality, Site};
use serde::Serialize;

/// A charge line in the contract's shape (CONTRACT.md section 1, `charges[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SuggestedCharge {
    pub code: String,
    pub modifiers: Vec<String>,
    pub units: u32,
    /// 1-based into the encounter's `diagnoses`, at most four.
    pub diagnosis_pointers: Vec<u32>,
    pub procedures: Vec<String>,
}

/// The claim form's box 24E holds four pointers.
const MAX_POINTERS: usize = 4;

/// Sites where RT/LT is the anatomic modifier and cannot be confused with a more specific
/// one (fingers take FA-F9, toes TA-T9, eyelids E1-E4; trunk and face sites take none).
const RT_LT_SITES: [Site; 4] = [Site::Arm, Site::Hand, Site::Leg, Site::Foot];

/// The procedure lines the documentation supports. Procedures whose documentation is
/// incomplete, and work that is not separately reportable, get no line.
pub fn suggest_charges(e: &Encounter, kb: &Knowledge) -> Result<Vec<SuggestedCharge>, String> {
    let facts = DermFacts::get()?;
    let reading = Reading { hints: class_hints(e, facts), mohs_removes_biopsied_lesion: true };
    let analysis = analyze_with(e, facts, &reading);
    let is_add_on = |code: &str| kb.code(code).is_some_and(|f| f.is_add_on());

    let mut lines: Vec<(usize, &Expected)> = analysis
        .expected
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.bundled && x.units > 0 && !x.procedures.iter().any(|&i| analysis.has_gap(i)))
        .collect();
    // Note order of the first procedure billed; a primary before its add-ons.
    lines.sort_by_key(|(at, x)| (x.procedures.iter().min().copied().unwrap_or(usize::MAX), is_add_on(x.code), *at));

    // A biopsy billed with the removal of a different lesion takes the distinct-structure
    // modifier (a biopsy of the same lesion is bundled and never suggested).
    let removal_billed = lines.iter().any(|(_, x)| {
        !matches!(x.family, Family::Biopsy | Family::Repair | Family::Injection | Family::IncisionDrainage)
    });

    Ok(lines
        .into_iter()
        .map(|(_, x)| {
            let mut modifiers = Vec::new();
            if let Some(side) = laterality_modifier(e, x) {
                modifiers.push(side.to_string());
            }
            if x.family == Family::Biopsy && removal_billed {
                modifiers.push("XS".to_string());
            }
            SuggestedCharge {
                code: x.code.to_string(),
                modifiers,
                units: x.units,
                diagnosis_pointers: pointers(e, x, facts, &reading.hints),
                procedures: x.procedures.iter().map(|&i| e.procedures[i].id.clone()).collect(),
            }
        })
        .collect())
}

/// For destructions the note does not classify: the one destruction class the
/// encounter's diagnoses name (actinic keratosis: premalignant; warts, molluscum,
/// seborrheic keratosis: benign), looking first at the diagnoses no lesion claims.
fn class_hints(e: &Encounter, facts: &DermFacts) -> Vec<Option<LesionClass>> {
    let d = &facts.diagnoses;
    let class_of = |free_only: bool| {
        let named = |prefixes: &crate::checks::procedures::facts::CodePrefixes| {
            e.diagnoses.iter().any(|x| prefixes.contains(&x.code) && (!free_only || !claimed(e, &x.code)))
        };
        match (named(&d.premalignant), named(&d.benign_destruction)) {
            (true, false) => Some(LesionClass::Premalignant),
            (false, true) => Some(LesionClass::Benign),
            _ => None,
        }
    };
    vec![class_of(true).or_else(|| class_of(false)); e.procedures.len()]
}

/// Whether a diagnosis is some documented lesion's.
fn claimed(e: &Encounter, code: &str) -> bool {
    e.lesions.iter().any(|l| l.diagnosis.as_deref().is_some_and(|c| same_code(c, code)))
}

fn same_code(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().chars().filter(|c| *c != '.').map(|c| c.to_ascii_uppercase()).collect::<String>();
    norm(a) == norm(b)
}

/// Pointers to the line's lesions' diagnoses; a line without lesions points to the
/// diagnoses of its destruction class, or else to the diagnoses no lesion claims (the
/// lacerations of a repair, the keloids of an injection).
fn pointers(e: &Encounter, x: &Expected, facts: &DermFacts, hints: &[Option<LesionClass>]) -> Vec<u32> {
    let index_of = |code: &str| e.diagnoses.iter().position(|d| same_code(&d.code, code));
    let mut out: Vec<u32> = Vec::new();
    let mut push = |i: usize| {
        let p = i as u32 + 1;
        if !out.contains(&p) && out.len() < MAX_POINTERS {
            out.push(p);
        }
    };
    if !x.lesions.is_empty() {
        for &j in &x.lesions {
            if let Some(i) = e.lesions[j].diagnosis.as_deref().and_then(index_of) {
                push(i);
            }
        }
        return out;
    }
    let d = &facts.diagnoses;
    let class = x.procedures.first().and_then(|&i| hints.get(i).copied().flatten());
    if x.family == Family::Destruction {
        let fits = |code: &str| match class {
            Some(LesionClass::Premalignant) => d.premalignant.contains(code),
            Some(LesionClass::Benign) => d.benign_destruction.contains(code),
            _ => false,
        };
        // Prefer the class's diagnoses that no listed lesion claims.
        let free_fit = e.diagnoses.iter().any(|dx| fits(&dx.code) && !claimed(e, &dx.code));
        for (i, dx) in e.diagnoses.iter().enumerate() {
            if fits(&dx.code) && (!free_fit || !claimed(e, &dx.code)) {
                push(i);
            }
        }
        return out;
    }
    for (i, dx) in e.diagnoses.iter().enumerate() {
        if !claimed(e, &dx.code) {
            push(i);
        }
    }
    out
}

/// RT or LT when every lesion on the line is on that side of a limb.
fn laterality_modifier(e: &Encounter, x: &Expected) -> Option<&'static str> {
    let mut side = None;
    for &j in &x.lesions {
        let l = &e.lesions[j];
        if !l.site.is_some_and(|s| RT_LT_SITES.contains(&s)) {
            return None;
        }
        let this = match l.laterality {
            Some(Laterality::Right) => "RT",
            Some(Laterality::Left) => "LT",
            _ => return None,
        };
        if side.is_some_and(|s| s != this) {
            return None;
        }
        side = Some(this);
    }
    side
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn suggest(v: serde_json::Value) -> Vec<SuggestedCharge> {
        let e = crate::decode::decode_encounter(&v).unwrap();
        suggest_charges(&e, &Knowledge::embedded().unwrap()).unwrap()
    }

    #[test]
    fn lines_pointers_and_modifiers() {
        let got = suggest(json!({
            "date_of_service": "2026-04-07", "charges": [],
            "diagnoses": [{"code": "D22.5"}, {"code": "D23.61"}],
            "lesions": [
                {"id": "L1", "site": "back", "laterality": "left", "diameter_cm": 1.2, "diagnosis": "D22.5", "pathology": "benign"},
                {"id": "L2", "site": "arm", "laterality": "right", "diameter_cm": 0.6, "diagnosis": "D23.61", "pathology": "benign"}
            ],
            "procedures": [
                {"id": "P1", "type": "excision", "lesions": ["L1"], "margin_cm": 0.3, "closure": "simple"},
                {"id": "P2", "type": "biopsy", "lesions": ["L2"], "technique": "punch"}
            ]
        }));
        let want = vec![
            SuggestedCharge {
                code: "11402".into(),
                modifiers: vec![],
                units: 1,
                diagnosis_pointers: vec![1],
                procedures: vec!["P1".into()],
            },
            SuggestedCharge {
                code: "11104".into(),
                modifiers: vec!["RT".into(), "XS".into()],
                units: 1,
                diagnosis_pointers: vec![2],
                procedures: vec!["P2".into()],
            },
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn count_only_destruction_takes_its_class_from_the_diagnoses() {
        let got = suggest(json!({
            "date_of_service": "2026-04-07", "charges": [],
            "diagnoses": [{"code": "L40.0"}, {"code": "L57.0"}],
            "procedures": [{"id": "P1", "type": "destruction", "method": "cryotherapy", "count": 5}]
        }));
        let codes: Vec<_> = got.iter().map(|c| (c.code.as_str(), c.units, c.diagnosis_pointers.clone())).collect();
        assert_eq!(codes, [("17000", 1, vec![2]), ("17003", 4, vec![2])]);
    }

    #[test]
    fn incomplete_and_bundled_work_gets_no_line() {
        let got = suggest(json!({
            "date_of_service": "2026-04-07", "charges": [],
            "diagnoses": [{"code": "C44.519"}],
            "lesions": [{"id": "L1", "site": "back", "laterality": "left", "diameter_cm": 1.0, "diagnosis": "C44.519", "pathology": "malignant"}],
            "procedures": [
                {"id": "P1", "type": "biopsy", "lesions": ["L1"], "technique": "tangential"},
                {"id": "P2", "type": "excision", "lesions": ["L1"], "closure": "simple"}
            ]
        }));
        assert!(got.is_empty(), "{got:?}");
    }
}
