//! Shave removal (CPT 11300-11313): one line per lesion, chosen by the site group and the
//! lesion's diameter.

use super::analysis::{lesion_indexes, on_site, procedures_of, Analysis, Basis, Expected, Family, Index};
use super::facts::DermFacts;
use crate::model::Encounter;

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts) {
    for i in procedures_of(e, Family::Shave).collect::<Vec<_>>() {
        let before = a.gaps.len();
        if e.procedures[i].lesions.is_empty() {
            a.gap(
                Family::Shave,
                i,
                format!("procedures[{i}].lesions"),
                "A shave removal must name the lesions it removed; each is coded by its own diameter.",
            );
        }
        for j in lesion_indexes(ix, i) {
            a.need_site_and_diameter(Family::Shave, i, e, j, "shaved", "shave codes are chosen by lesion diameter");
        }
        if a.gaps.len() > before {
            continue;
        }
        for j in lesion_indexes(ix, i) {
            let l = &e.lesions[j];
            let (Some(site), Some(diameter)) = (l.site, l.diameter) else { continue };
            let group = facts.site(site).lesion;
            let (code, band) = facts.shave.code_for(group, diameter);
            a.expected.push(Expected::sized_lesion(
                Family::Shave,
                code,
                None,
                i,
                j,
                None,
                Basis::new(move || {
                    let band = facts.shave.bands.describe(band);
                    format!("lesion diameter {diameter} cm ({band}) {}", on_site(site, group))
                }),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    #[test]
    fn sized_by_lesion_diameter_per_site_group() {
        let a = analyze_json(json!({
            "lesions": [
                {"id": "L1", "site": "neck", "diameter_cm": 0.8, "diagnosis": "L82.0"},
                {"id": "L2", "site": "back", "diameter_cm": 2.0, "diagnosis": "L82.1"},
                {"id": "L3", "site": "nose", "diameter_cm": 2.01, "diagnosis": "D22.39"}
            ],
            "procedures": [{"id": "P1", "type": "shave", "lesions": ["L1", "L2"]}, {"id": "P2", "type": "shave", "lesions": ["L3"]}]
        }));
        assert_eq!(codes(&a), ["11306", "11302", "11313"]);
    }

    #[test]
    fn a_lesion_without_a_diameter_is_a_gap() {
        let a = analyze_json(json!({
            "lesions": [{"id": "L1", "site": "neck"}],
            "procedures": [{"id": "P1", "type": "shave", "lesions": ["L1"]}]
        }));
        assert_eq!(a.gaps[0].path, "lesions[0].diameter_cm");
        assert!(a.expected.is_empty());
    }
}
