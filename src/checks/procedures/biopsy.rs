//! Skin biopsy (CPT 11102-11107): one primary code per encounter, chosen incisional >
//! punch > tangential; every other biopsied lesion takes its own technique's add-on. A
//! biopsy of a lesion removed or destroyed at the same session is not reported.

use super::analysis::{
    lesion_indexes, plural, procedures_of, Analysis, Basis, Expected, Family, FieldPath, Index, Paths,
};
use super::facts::DermFacts;
use crate::model::{BiopsyTechnique, Encounter, ProcedureType};

pub fn technique_word(t: BiopsyTechnique) -> &'static str {
    match t {
        BiopsyTechnique::Tangential => "tangential",
        BiopsyTechnique::Punch => "punch",
        BiopsyTechnique::Incisional => "incisional",
    }
}

fn type_word(kind: &ProcedureType) -> &str {
    match kind {
        ProcedureType::Excision => "excision",
        ProcedureType::Repair => "repair",
        ProcedureType::Shave => "shave",
        ProcedureType::Biopsy => "biopsy",
        ProcedureType::Destruction => "destruction",
        ProcedureType::Mohs => "mohs",
        ProcedureType::SkinTagRemoval => "skin_tag_removal",
        ProcedureType::IntralesionalInjection => "intralesional_injection",
        ProcedureType::IncisionDrainage => "incision_drainage",
        ProcedureType::Other(word) => word,
    }
}

/// Per lesion: whether a procedure of a removing type (facts: excision, shave,
/// destruction, skin tag removal) removed or destroyed it at this session.
pub fn removed_lesions(e: &Encounter, ix: &Index, facts: &DermFacts, with_mohs: bool) -> Vec<bool> {
    let mut removed = vec![false; e.lesions.len()];
    for (i, p) in e.procedures.iter().enumerate() {
        if facts.biopsy_bundled_with.iter().any(|w| w == type_word(&p.kind))
            || (with_mohs && p.kind == ProcedureType::Mohs)
        {
            for j in lesion_indexes(ix, i) {
                removed[j] = true;
            }
        }
    }
    removed
}

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts, with_mohs: bool) {
    let removed = removed_lesions(e, ix, facts, with_mohs);
    // (procedure, technique, lesions biopsied and reportable, lesions removed the same day)
    let mut biopsies: Vec<(usize, BiopsyTechnique, Vec<usize>, Vec<usize>)> = Vec::new();
    for i in procedures_of(e, Family::Biopsy) {
        let p = &e.procedures[i];
        let before = a.gaps.len();
        if p.technique.is_none() {
            a.gap(
                Family::Biopsy,
                i,
                format!("procedures[{i}].technique"),
                "The biopsy technique (tangential, punch or incisional) is missing; it selects the code.",
            );
        }
        if p.lesions.is_empty() {
            a.gap(
                Family::Biopsy,
                i,
                format!("procedures[{i}].lesions"),
                "A biopsy must name the lesions sampled; each lesion is one unit.",
            );
        }
        if a.gaps.len() > before {
            continue;
        }
        let Some(t) = p.technique else { continue };
        let (gone, kept): (Vec<usize>, Vec<usize>) = lesion_indexes(ix, i).partition(|&j| removed[j]);
        if kept.is_empty() {
            a.bundled[i] = true;
        }
        biopsies.push((i, t, kept, gone));
    }
    // The primary code goes to the first reportable biopsy of the highest-ranked technique.
    let primary = biopsies
        .iter()
        .filter(|b| !b.2.is_empty())
        .max_by_key(|b| (facts.technique(b.1).rank, std::cmp::Reverse(b.0)))
        .map(|b| (b.0, b.1));
    for (i, t, kept, gone) in biopsies {
        let codes = facts.technique(t);
        // One documented biopsy line of this procedure: the technique picks the code.
        let line = |code: &'static str, lesions: Vec<usize>, bundled: bool, basis: Basis| Expected {
            family: Family::Biopsy,
            code,
            alt: None,
            units: lesions.len() as u32,
            procedures: vec![i],
            lesions,
            bundled,
            basis,
            paths: Paths {
                class: None,
                group: Some(FieldPath::procedure(i, "technique")),
                size: None,
                units: Some(FieldPath::procedure(i, "lesions")),
            },
        };
        let word = technique_word(t);
        let mut add_on_lesions = kept.clone();
        if primary == Some((i, t)) {
            let first = add_on_lesions.remove(0);
            a.expected.push(line(
                &codes.primary,
                vec![first],
                false,
                Basis::new(move || {
                    format!("{word} biopsy, the highest-ranked technique of the session (primary code)")
                }),
            ));
        }
        if !add_on_lesions.is_empty() {
            let n = add_on_lesions.len() as u32;
            a.expected.push(line(
                &codes.add_on,
                add_on_lesions,
                false,
                Basis::new(move || {
                    format!("{word} biopsy of {} after the session's primary biopsy", plural(n, "further lesion"))
                }),
            ));
        }
        if !gone.is_empty() {
            let n = gone.len() as u32;
            a.expected.push(line(
                &codes.primary,
                gone,
                true,
                Basis::new(move || {
                    format!("{word} biopsy of {} removed or destroyed at the same session", plural(n, "lesion"))
                }),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    fn lesions(n: usize) -> Vec<serde_json::Value> {
        (1..=n)
            .map(|i| json!({"id": format!("L{i}"), "site": "back", "diameter_cm": 0.5, "diagnosis": "D48.5"}))
            .collect()
    }

    #[test]
    fn one_primary_by_rank_and_add_ons_by_own_technique() {
        let a = analyze_json(json!({
            "lesions": lesions(4),
            "procedures": [
                {"id": "P1", "type": "biopsy", "lesions": ["L1", "L2"], "technique": "tangential"},
                {"id": "P2", "type": "biopsy", "lesions": ["L3"], "technique": "punch"},
                {"id": "P3", "type": "biopsy", "lesions": ["L4"], "technique": "punch"}
            ]
        }));
        assert_eq!(codes(&a), ["11103x2", "11104", "11105"]);
        let a = analyze_json(json!({
            "lesions": lesions(2),
            "procedures": [
                {"id": "P1", "type": "biopsy", "lesions": ["L1"], "technique": "punch"},
                {"id": "P2", "type": "biopsy", "lesions": ["L2"], "technique": "incisional"}
            ]
        }));
        assert_eq!(codes(&a), ["11105", "11106"]);
    }

    #[test]
    fn a_biopsy_of_a_lesion_removed_the_same_day_is_bundled() {
        let a = analyze_json(json!({
            "lesions": lesions(2),
            "procedures": [
                {"id": "P1", "type": "biopsy", "lesions": ["L1"], "technique": "punch"},
                {"id": "P2", "type": "biopsy", "lesions": ["L2"], "technique": "tangential"},
                {"id": "P3", "type": "shave", "lesions": ["L1"]}
            ]
        }));
        // The punch biopsy is bundled, so the tangential one becomes the primary.
        assert_eq!(codes(&a), ["11300", "11102"]);
        assert!(a.bundled[0] && !a.bundled[1]);
    }
}
