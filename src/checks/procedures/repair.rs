//! Repair (CPT 12001-13153): lengths of repairs of the same classification in the same
//! site group are added and reported as one code; complex repair over 7.5 cm adds one
//! add-on unit per further 5 cm or part. A simple repair of an excision's own wound is
//! included in the excision.

use super::analysis::{
    lesion_indexes, procedures_of, Analysis, Basis, Expected, Family, FieldPath, Index, Paths, Unreportable,
};
use super::facts::DermFacts;
use crate::length::Length;
use crate::model::{Encounter, ProcedureType, RepairComplexity};

fn complexity_word(c: RepairComplexity) -> &'static str {
    match c {
        RepairComplexity::Simple => "simple",
        RepairComplexity::Intermediate => "intermediate",
        RepairComplexity::Complex => "complex",
    }
}

/// Per lesion: whether an excision removed it at this session.
fn excised_lesions(e: &Encounter, ix: &Index) -> Vec<bool> {
    let mut excised = vec![false; e.lesions.len()];
    for (i, p) in e.procedures.iter().enumerate() {
        if p.kind == ProcedureType::Excision {
            for j in lesion_indexes(ix, i) {
                excised[j] = true;
            }
        }
    }
    excised
}

/// Lengths add up exactly; the sum saturates instead of wrapping on absurd input.
fn total(lengths: impl Iterator<Item = Length>) -> Length {
    let sum: u64 = lengths.map(|l| u64::from(l.hundredths())).sum();
    Length::from_hundredths(sum.min(u64::from(u32::MAX)) as u32)
}

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts) {
    let excised = excised_lesions(e, ix);
    // (complexity, site group) -> repairs, in note order of the group's first repair
    let mut groups: Vec<((RepairComplexity, &'static str), Vec<usize>)> = Vec::new();
    for i in procedures_of(e, Family::Repair) {
        let p = &e.procedures[i];
        let before = a.gaps.len();
        if p.site.is_none() {
            a.gap(
                Family::Repair,
                i,
                format!("procedures[{i}].site"),
                "The repair's site is missing; it selects the site group of the repair code.",
            );
        }
        if p.complexity.is_none() {
            a.gap(
                Family::Repair,
                i,
                format!("procedures[{i}].complexity"),
                "The repair's classification (simple, intermediate or complex) is missing.",
            );
        }
        if p.length.is_none() {
            a.gap(
                Family::Repair,
                i,
                format!("procedures[{i}].length_cm"),
                "The repair's length is missing; repair codes are chosen by the summed length.",
            );
        }
        let (Some(site), Some(complexity), Some(length)) = (p.site, p.complexity, p.length) else { continue };
        let sg = facts.site(site);
        let group: &'static str = match complexity {
            RepairComplexity::Simple => &sg.simple_repair,
            RepairComplexity::Intermediate => &sg.intermediate_repair,
            RepairComplexity::Complex => match &sg.complex_repair {
                Some(g) => g,
                None => {
                    a.gap(
                        Family::Repair,
                        i,
                        format!("procedures[{i}].site"),
                        format!("Complex repair codes name specific parts of the face; '{}' does not say which (forehead, cheek, chin, nose, ear, eyelid, lip).", site.word()),
                    );
                    continue;
                }
            },
        };
        if a.gaps.len() > before {
            continue;
        }
        // Simple closure is part of the excision of the same wound.
        let lesions: Vec<usize> = lesion_indexes(ix, i).collect();
        if complexity == RepairComplexity::Simple && !lesions.is_empty() && lesions.iter().all(|&j| excised[j]) {
            a.bundled[i] = true;
            let (code, _) = facts.simple_repair[group].code_for(length);
            a.expected.push(Expected {
                family: Family::Repair,
                code,
                alt: None,
                units: 1,
                procedures: vec![i],
                lesions,
                bundled: true,
                basis: Basis::new(move || {
                    format!("simple repair of {length} cm of an excision's own wound (included in the excision)")
                }),
                paths: Paths { units: Some(FieldPath::procedure(i, "length_cm")), ..Paths::default() },
            });
            continue;
        }
        match groups.iter_mut().find(|(k, _)| *k == (complexity, group)) {
            Some((_, members)) => members.push(i),
            None => groups.push(((complexity, group), vec![i])),
        }
    }
    for ((complexity, group), members) in groups {
        let sum = total(members.iter().filter_map(|&i| e.procedures[i].length));
        let first = members[0];
        // "1.2 + 2.0 = 3.2 cm", written only when a finding quotes it.
        let parts: std::rc::Rc<[Length]> = members.iter().filter_map(|&i| e.procedures[i].length).collect();
        let summed = move || {
            if parts.len() > 1 {
                let parts: Vec<String> = parts.iter().map(Length::to_string).collect();
                format!("{} = {sum} cm", parts.join(" + "))
            } else {
                format!("{sum} cm")
            }
        };
        let word = complexity_word(complexity);
        let lesions: Vec<usize> = members.iter().flat_map(|&i| lesion_indexes(ix, i)).collect();
        let paths = Paths {
            class: Some(FieldPath::procedure(first, "complexity")),
            group: Some(FieldPath::procedure(first, "site")),
            size: Some(FieldPath::procedure(first, "length_cm")),
            units: Some(FieldPath::procedure(first, "length_cm")),
        };
        let line = |code: &'static str, units: u32, basis: Basis| Expected {
            family: Family::Repair,
            code,
            alt: None,
            units,
            procedures: members.clone(),
            lesions: lesions.clone(),
            bundled: false,
            basis,
            paths,
        };
        match complexity {
            RepairComplexity::Simple | RepairComplexity::Intermediate => {
                let table = if complexity == RepairComplexity::Simple {
                    &facts.simple_repair[group]
                } else {
                    &facts.intermediate_repair[group]
                };
                let (code, band) = table.code_for(sum);
                a.expected.push(line(
                    code,
                    1,
                    Basis::new(move || {
                        format!(
                            "{word} repair, site group {group}, summed length {} ({})",
                            summed(),
                            table.bands.describe(band)
                        )
                    }),
                ));
            }
            RepairComplexity::Complex => {
                let c = &facts.complex_repair;
                let g = &c.groups[group];
                if sum <= c.over {
                    a.unreportable.push(Unreportable {
                        family: Family::Repair,
                        procedures: members.clone(),
                        path: format!("procedures[{first}].length_cm"),
                        reason: format!("complex repair codes start over {} cm and the summed complex repair is {}; a repair this short is reported as simple or intermediate repair", c.over, summed()),
                    });
                } else if sum <= c.first_up_to {
                    a.expected.push(line(
                        &g.first,
                        1,
                        Basis::new(move || {
                            format!(
                                "complex repair, site group {group}, summed length {} (over {} up to {} cm)",
                                summed(),
                                c.over,
                                c.first_up_to
                            )
                        }),
                    ));
                } else {
                    let basis = move || format!("complex repair, site group {group}, summed length {}", summed());
                    let second = basis.clone();
                    a.expected.push(line(
                        &g.second,
                        1,
                        Basis::new(move || format!("{} (over {} cm)", second(), c.first_up_to)),
                    ));
                    if sum > c.second_up_to {
                        let beyond = sum.hundredths() - c.second_up_to.hundredths();
                        let step = c.add_on_step.hundredths();
                        let units = beyond.div_ceil(step);
                        a.expected.push(line(
                            &g.add_on,
                            units,
                            Basis::new(move || {
                                format!(
                                    "{}: {} beyond {} cm, one unit per {} cm or part",
                                    basis(),
                                    Length::from_hundredths(beyond),
                                    c.second_up_to,
                                    c.add_on_step
                                )
                            }),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    fn repairs(list: &[(&str, &str, f64)]) -> serde_json::Value {
        let procedures: Vec<_> = list
            .iter()
            .enumerate()
            .map(|(i, (site, c, len))| json!({"id": format!("R{i}"), "type": "repair", "site": site, "complexity": c, "length_cm": len}))
            .collect();
        json!({"procedures": procedures})
    }

    #[test]
    fn lengths_are_summed_per_classification_and_site_group() {
        // arm and chest share the simple group A: 1.4 + 1.6 = 3.0 -> 12002
        assert_eq!(codes(&analyze_json(repairs(&[("arm", "simple", 1.4), ("chest", "simple", 1.6)]))), ["12002"]);
        // 1.2 + 1.3 = 2.5 stays in the first band (closed on the right)
        assert_eq!(codes(&analyze_json(repairs(&[("arm", "simple", 1.2), ("leg", "simple", 1.3)]))), ["12001"]);
        // face is group F; scalp is A: never summed together
        assert_eq!(
            codes(&analyze_json(repairs(&[("cheek", "simple", 2.0), ("scalp", "simple", 2.0)]))),
            ["12011", "12001"]
        );
        // intermediate: neck (I2) and scalp (I1) are different groups
        assert_eq!(
            codes(&analyze_json(repairs(&[("neck", "intermediate", 2.0), ("scalp", "intermediate", 2.0)]))),
            ["12041", "12031"]
        );
        // different classifications never add up
        assert_eq!(
            codes(&analyze_json(repairs(&[("back", "simple", 2.0), ("back", "intermediate", 2.0)]))),
            ["12001", "12031"]
        );
    }

    #[test]
    fn complex_repair_bands_and_add_on_units() {
        assert_eq!(codes(&analyze_json(repairs(&[("back", "complex", 9.0)]))), ["13101", "13102"]);
        assert_eq!(codes(&analyze_json(repairs(&[("back", "complex", 12.5)]))), ["13101", "13102"]);
        assert_eq!(codes(&analyze_json(repairs(&[("back", "complex", 12.51)]))), ["13101", "13102x2"]);
        assert_eq!(codes(&analyze_json(repairs(&[("nose", "complex", 3.1)]))), ["13152"]);
        assert_eq!(codes(&analyze_json(repairs(&[("arm", "complex", 2.5)]))), ["13120"]);
        assert_eq!(codes(&analyze_json(repairs(&[("arm", "complex", 0.6), ("leg", "complex", 0.5)]))), ["13120"]);
        let a = analyze_json(repairs(&[("neck", "complex", 1.0)]));
        assert!(a.expected.is_empty() && a.unreportable.len() == 1);
        let a = analyze_json(repairs(&[("face", "complex", 3.0)]));
        assert_eq!(a.gaps[0].path, "procedures[0].site");
    }

    #[test]
    fn simple_repair_of_an_excision_wound_is_bundled() {
        let a = analyze_json(json!({
            "lesions": [{"id": "L1", "site": "leg", "diameter_cm": 1.1, "diagnosis": "D22.72"}],
            "procedures": [
                {"id": "P1", "type": "excision", "lesions": ["L1"], "margin_cm": 0.3, "closure": "simple"},
                {"id": "R1", "type": "repair", "lesions": ["L1"], "site": "leg", "complexity": "simple", "length_cm": 4.0}
            ]
        }));
        assert_eq!(codes(&a), ["11402"]);
        assert!(a.bundled[1]);
    }
}
