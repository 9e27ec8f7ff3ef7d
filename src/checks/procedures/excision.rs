//! Excision of benign and malignant lesions (CPT 11400-11646): one line per lesion,
//! chosen by the site group, the excised diameter (lesion + 2 x narrowest margin) and
//! benign vs malignant.

use super::analysis::{lesion_indexes, on_site, procedures_of, Analysis, Basis, Expected, Family, Index};
use super::facts::{DermFacts, LesionClass};
use crate::model::{Encounter, Pathology};

/// Benign vs malignant for an excision, and what else the documentation leaves open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExcisionClass {
    /// The class the code is chosen by (the diagnosis when known, so the line and its
    /// diagnosis agree).
    pub class: LesionClass,
    /// The other class, when the documentation does not exclude it: pathology pending or
    /// unknown, or pathology and diagnosis disagreeing (a re-excision of a carcinoma that
    /// shows no residual tumor keeps its malignant diagnosis and code).
    pub also: Option<LesionClass>,
    /// Which field decides: the pathology (true) or the diagnosis.
    pub by_pathology: bool,
}

pub fn excision_class(e: &Encounter, lesion: usize, facts: &DermFacts) -> ExcisionClass {
    let l = &e.lesions[lesion];
    let by_dx = l.diagnosis.as_deref().map(|c| {
        if facts.diagnoses.is_malignant_or_in_situ(c) {
            LesionClass::Malignant
        } else {
            LesionClass::Benign
        }
    });
    // Uncertain behaviour and premalignant lesions take the benign codes.
    let by_path = match l.pathology {
        Some(Pathology::Malignant) => Some(LesionClass::Malignant),
        Some(Pathology::Benign | Pathology::Uncertain | Pathology::Premalignant) => Some(LesionClass::Benign),
        Some(Pathology::Pending) | None => None,
    };
    let other = |c: LesionClass| if c == LesionClass::Malignant { LesionClass::Benign } else { LesionClass::Malignant };
    match (by_dx, by_path) {
        (Some(d), Some(p)) if d == p => ExcisionClass { class: d, also: None, by_pathology: true },
        (Some(d), Some(p)) => ExcisionClass { class: d, also: Some(p), by_pathology: true },
        (Some(d), None) if l.pathology == Some(Pathology::Pending) => {
            ExcisionClass { class: d, also: Some(other(d)), by_pathology: true }
        }
        (Some(d), None) => ExcisionClass { class: d, also: None, by_pathology: false },
        (None, Some(p)) => ExcisionClass { class: p, also: None, by_pathology: true },
        (None, None) => {
            ExcisionClass { class: LesionClass::Benign, also: Some(LesionClass::Malignant), by_pathology: true }
        }
    }
}

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts) {
    for i in procedures_of(e, Family::Excision).collect::<Vec<_>>() {
        let p = &e.procedures[i];
        let before = a.gaps.len();
        if p.lesions.is_empty() {
            a.gap(
                Family::Excision,
                i,
                format!("procedures[{i}].lesions"),
                "An excision must name the lesion it removed.",
            );
        }
        for j in lesion_indexes(ix, i) {
            a.need_site_and_diameter(
                Family::Excision,
                i,
                e,
                j,
                "excised",
                "the code is chosen by the excised diameter (lesion + 2 x margin)",
            );
        }
        if p.margin.is_none() {
            a.gap(
                Family::Excision,
                i,
                format!("procedures[{i}].margin_cm"),
                "The excision's narrowest margin is missing; the excised diameter is the lesion plus twice the margin.",
            );
        }
        if a.gaps.len() > before {
            continue;
        }
        let margin = p.margin.unwrap_or_default();
        for j in lesion_indexes(ix, i) {
            let l = &e.lesions[j];
            let (Some(site), Some(diameter)) = (l.site, l.diameter) else { continue };
            let excised = diameter + margin * 2;
            let group = facts.site(site).lesion;
            let class = excision_class(e, j, facts);
            let table = |c: LesionClass| {
                if c == LesionClass::Malignant {
                    &facts.excision_malignant
                } else {
                    &facts.excision_benign
                }
            };
            let (code, band) = table(class.class).code_for(group, excised);
            let alt = class.also.map(|c| table(c).code_for(group, excised).0);
            let class_word = match (class.class, class.also) {
                (_, Some(_))
                    if l.pathology == Some(Pathology::Pending) || l.pathology.is_none() && l.diagnosis.is_none() =>
                {
                    "benign or malignant (pathology not final)"
                }
                (LesionClass::Malignant, _) => "malignant",
                _ => "benign",
            };
            let class_path = if class.by_pathology { "pathology" } else { "diagnosis" };
            let basis = Basis::new(move || {
                let band = facts.excision_benign.bands.describe(band);
                format!(
                    "excised diameter {diameter} + 2 x {margin} = {excised} cm ({band}), {class_word} lesion {}",
                    on_site(site, group)
                )
            });
            a.expected.push(Expected::sized_lesion(Family::Excision, code, alt, i, j, Some(class_path), basis));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    fn excision(site: &str, diameter: f64, margin: f64, dx: &str, pathology: &str) -> serde_json::Value {
        json!({
            "diagnoses": [{"code": dx}],
            "lesions": [{"id": "L1", "site": site, "laterality": "left", "diameter_cm": diameter, "diagnosis": dx, "pathology": pathology}],
            "procedures": [{"id": "P1", "type": "excision", "lesions": ["L1"], "margin_cm": margin, "closure": "simple"}]
        })
    }

    #[test]
    fn sized_by_lesion_plus_twice_the_margin_with_exact_arithmetic() {
        assert_eq!(codes(&analyze_json(excision("chest", 1.4, 0.2, "D22.5", "benign"))), ["11402"]);
        assert_eq!(codes(&analyze_json(excision("back", 2.6, 0.2, "D22.5", "benign"))), ["11403"]);
        assert_eq!(codes(&analyze_json(excision("back", 0.1, 0.2, "D22.5", "benign"))), ["11400"]);
        assert_eq!(codes(&analyze_json(excision("back", 0.11, 0.2, "D22.5", "benign"))), ["11401"]);
        assert_eq!(codes(&analyze_json(excision("cheek", 0.9, 0.4, "C44.319", "malignant"))), ["11642"]);
        assert_eq!(codes(&analyze_json(excision("neck", 3.0, 0.6, "C44.42", "malignant"))), ["11626"]);
    }

    #[test]
    fn pathology_and_diagnosis_choose_benign_or_malignant() {
        let a = analyze_json(excision("arm", 0.8, 0.2, "D22.62", "benign"));
        assert_eq!((a.expected[0].code, a.expected[0].alt), ("11402", None));
        // Pending: coded by the diagnosis for now, the other class stays possible.
        let a = analyze_json(excision("back", 1.0, 0.3, "D49.2", "pending"));
        assert_eq!((a.expected[0].code, a.expected[0].alt), ("11402", Some("11602")));
        // Uncertain behaviour takes benign codes.
        let a = analyze_json(excision("back", 1.0, 0.3, "D48.5", "uncertain"));
        assert_eq!((a.expected[0].code, a.expected[0].alt), ("11402", None));
        // A carcinoma re-excision with no residual tumor may keep its malignant code.
        let a = analyze_json(excision("back", 1.0, 0.3, "C44.519", "benign"));
        assert_eq!((a.expected[0].code, a.expected[0].alt), ("11602", Some("11402")));
    }

    #[test]
    fn missing_fields_are_gaps_named_by_path() {
        let a = analyze_json(json!({
            "lesions": [{"id": "L1", "site": "back"}],
            "procedures": [{"id": "P1", "type": "excision", "lesions": ["L1"]}]
        }));
        let paths: Vec<_> = a.gaps.iter().map(|g| g.path.as_str()).collect();
        assert_eq!(paths, ["lesions[0].diameter_cm", "procedures[0].margin_cm"]);
        assert!(a.expected.is_empty());
    }
}
