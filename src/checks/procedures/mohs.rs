//! Mohs micrographic surgery (CPT 17311-17315): the first stage by site, each further
//! stage with that site's add-on, and each tissue block beyond five in any stage with
//! 17315. Repairs are reported separately (see repair.rs).

use super::analysis::{
    lesion_indexes, plural, procedures_of, Analysis, Basis, Expected, Family, FieldPath, Index, Paths,
};
use super::facts::{DermFacts, MohsGroup};
use crate::model::Encounter;

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts) {
    let m = &facts.mohs;
    for i in procedures_of(e, Family::Mohs).collect::<Vec<_>>() {
        let p = &e.procedures[i];
        let before = a.gaps.len();
        if p.lesions.is_empty() {
            a.gap(
                Family::Mohs,
                i,
                format!("procedures[{i}].lesions"),
                "Mohs surgery must name the tumor's lesion; its site selects the code.",
            );
        }
        let lesions: Vec<usize> = lesion_indexes(ix, i).collect();
        for &j in &lesions {
            if e.lesions[j].site.is_none() {
                a.gap(
                    Family::Mohs,
                    i,
                    format!("lesions[{j}].site"),
                    "The lesion's site is missing; it selects the first-stage Mohs code.",
                );
            }
        }
        let stages = p.stages.unwrap_or(0);
        if stages == 0 {
            a.gap(
                Family::Mohs,
                i,
                format!("procedures[{i}].stages"),
                "The number of Mohs stages (at least 1) is missing.",
            );
        }
        match &p.blocks {
            Some(blocks) if stages > 0 && blocks.len() != stages as usize => a.gap(
                Family::Mohs,
                i,
                format!("procedures[{i}].blocks"),
                format!("The note lists tissue blocks for {} but documents {}.", plural(blocks.len() as u32, "stage"), plural(stages, "stage")),
            ),
            None => a.gaps.push(super::analysis::Gap {
                family: Family::Mohs,
                procedure: i,
                path: format!("procedures[{i}].blocks"),
                problem: format!("{} is billed for tissue blocks beyond {} per stage, but the note does not list the blocks per stage.", m.additional_block, m.blocks_included_per_stage),
                only_with: Some(&m.additional_block),
            }),
            _ => {}
        }
        if a.has_gap(i) || a.gaps[before..].iter().any(|g| g.only_with.is_none()) {
            continue;
        }
        // A tumor on the head, neck, hands, feet or genitalia takes the head codes.
        let group = if lesions.iter().any(|&j| e.lesions[j].site.is_some_and(|s| facts.site(s).mohs == MohsGroup::Head))
        {
            MohsGroup::Head
        } else {
            MohsGroup::Trunk
        };
        let codes = m.stages_for(group);
        let site_of = lesions.first().and_then(|&j| e.lesions[j].site);
        let site = move || site_of.map(|s| s.word().replace('_', " ")).unwrap_or_default();
        let where_ =
            if group == MohsGroup::Head { "head, neck, hands, feet or genitalia" } else { "trunk, arms or legs" };
        let line = |code: &'static str, units: u32, basis: Basis, units_path: FieldPath| Expected {
            family: Family::Mohs,
            code,
            alt: None,
            units,
            procedures: vec![i],
            lesions: lesions.clone(),
            bundled: false,
            basis,
            paths: Paths {
                class: None,
                group: lesions.first().map(|&j| FieldPath::lesion(j, "site")),
                size: Some(FieldPath::procedure(i, "stages")),
                units: Some(units_path),
            },
        };
        let stages_path = FieldPath::procedure(i, "stages");
        a.expected.push(line(
            &codes.first_stage,
            1,
            Basis::new(move || format!("first Mohs stage, tumor on the {} ({where_})", site())),
            stages_path,
        ));
        if stages > 1 {
            a.expected.push(line(
                &codes.additional_stage,
                stages - 1,
                Basis::new(move || {
                    format!(
                        "{} of Mohs surgery on the {}: {} after the first",
                        plural(stages, "stage"),
                        site(),
                        plural(stages - 1, "further stage")
                    )
                }),
                stages_path,
            ));
        }
        if let Some(blocks) = &p.blocks {
            let extra: u32 = blocks.iter().map(|&b| b.saturating_sub(m.blocks_included_per_stage)).sum();
            if extra > 0 {
                a.expected.push(line(
                    &m.additional_block,
                    extra,
                    Basis::new(move || {
                        format!("{} beyond {} per stage", plural(extra, "tissue block"), m.blocks_included_per_stage)
                    }),
                    FieldPath::procedure(i, "blocks"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    fn mohs(site: &str, stages: u32, blocks: Option<Vec<u32>>) -> serde_json::Value {
        let mut p = json!({"id": "M1", "type": "mohs", "lesions": ["L1"], "stages": stages});
        if let Some(b) = blocks {
            p["blocks"] = json!(b);
        }
        json!({"lesions": [{"id": "L1", "site": site, "diameter_cm": 1.0, "diagnosis": "C44.311"}], "procedures": [p]})
    }

    #[test]
    fn stages_and_blocks_by_site() {
        assert_eq!(codes(&analyze_json(mohs("nose", 2, Some(vec![4, 3])))), ["17311", "17312"]);
        assert_eq!(codes(&analyze_json(mohs("back", 1, Some(vec![3])))), ["17313"]);
        assert_eq!(codes(&analyze_json(mohs("hand", 3, Some(vec![6, 5, 8])))), ["17311", "17312x2", "17315x4"]);
        assert_eq!(codes(&analyze_json(mohs("leg", 2, Some(vec![7, 2])))), ["17313", "17314", "17315x2"]);
        // Without blocks the stages are still coded; 17315 needs the blocks.
        let a = analyze_json(mohs("back", 2, None));
        assert_eq!(codes(&a), ["17313", "17314"]);
        assert_eq!(a.gaps[0].only_with, Some("17315"));
    }

    #[test]
    fn contradicting_stage_and_block_counts_are_a_gap() {
        let a = analyze_json(mohs("nose", 2, Some(vec![4])));
        assert_eq!(a.gaps[0].path, "procedures[0].blocks");
        assert!(a.expected.is_empty());
    }
}
