//! Codes chosen by how many lesions were treated in the session: skin tag removal
//! (11200 up to 15 tags, add-on 11201 per further 10 or part) and intralesional injection
//! (11900 up to 7 lesions, 11901 more than 7). `count`, when given, is the number treated;
//! otherwise the listed lesions are counted.

use super::analysis::{
    lesion_indexes, plural, procedures_of, Analysis, Basis, Expected, Family, FieldPath, Index, Paths,
};
use super::facts::DermFacts;
use crate::model::Encounter;

/// (total count, contributing procedures, their lesions, where the count is documented)
fn tally(
    a: &mut Analysis,
    e: &Encounter,
    ix: &Index,
    family: Family,
) -> Option<(u32, Vec<usize>, Vec<usize>, FieldPath)> {
    let mut total = 0u32;
    let mut procedures = Vec::new();
    let mut lesions = Vec::new();
    let mut path = None;
    for i in procedures_of(e, family) {
        let p = &e.procedures[i];
        let listed: Vec<usize> = lesion_indexes(ix, i).collect();
        let n = match p.count {
            Some(n) => n,
            None if !listed.is_empty() => listed.len() as u32,
            None => {
                a.gap(
                    family,
                    i,
                    format!("procedures[{i}].count"),
                    format!(
                        "The {} gives no count and lists no lesions; the code depends on how many were treated.",
                        family.label()
                    ),
                );
                continue;
            }
        };
        total = total.saturating_add(n);
        procedures.push(i);
        lesions.extend(listed);
        path.get_or_insert(FieldPath::procedure(i, if p.count.is_some() { "count" } else { "lesions" }));
    }
    match path {
        Some(path) if total > 0 => Some((total, procedures, lesions, path)),
        _ => None,
    }
}

fn line(
    family: Family,
    code: &'static str,
    units: u32,
    t: &(u32, Vec<usize>, Vec<usize>, FieldPath),
    basis: Basis,
) -> Expected {
    Expected {
        family,
        code,
        alt: None,
        units,
        procedures: t.1.clone(),
        lesions: t.2.clone(),
        bundled: false,
        basis,
        paths: Paths { class: None, group: None, size: Some(t.3), units: Some(t.3) },
    }
}

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts) {
    if let Some(t) = tally(a, e, ix, Family::SkinTags) {
        let f = &facts.skin_tags;
        let n = t.0;
        a.expected.push(line(
            Family::SkinTags,
            &f.first,
            1,
            &t,
            Basis::new(move || format!("{} removed (the first {} on one code)", plural(n, "skin tag"), f.first_up_to)),
        ));
        if n > f.first_up_to {
            let units = (n - f.first_up_to).div_ceil(f.add_on_step);
            a.expected.push(line(
                Family::SkinTags,
                &f.add_on,
                units,
                &t,
                Basis::new(move || {
                    format!(
                        "{} removed: {} beyond {}, one unit per {} or part",
                        plural(n, "skin tag"),
                        n - f.first_up_to,
                        f.first_up_to,
                        f.add_on_step
                    )
                }),
            ));
        }
    }
    if let Some(t) = tally(a, e, ix, Family::Injection) {
        let f = &facts.intralesional_injection;
        let n = t.0;
        let code: &'static str = if n <= f.few_up_to { &f.few } else { &f.many };
        a.expected.push(line(
            Family::Injection,
            code,
            1,
            &t,
            Basis::new(move || {
                format!("{} injected ({} up to {}, {} above)", plural(n, "lesion"), f.few, f.few_up_to, f.many)
            }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    fn one(kind: &str, count: u32) -> serde_json::Value {
        json!({"procedures": [{"id": "P1", "type": kind, "count": count}]})
    }

    #[test]
    fn skin_tags_by_count() {
        assert_eq!(codes(&analyze_json(one("skin_tag_removal", 15))), ["11200"]);
        assert_eq!(codes(&analyze_json(one("skin_tag_removal", 16))), ["11200", "11201"]);
        assert_eq!(codes(&analyze_json(one("skin_tag_removal", 25))), ["11200", "11201"]);
        assert_eq!(codes(&analyze_json(one("skin_tag_removal", 26))), ["11200", "11201x2"]);
    }

    #[test]
    fn injections_by_count_over_the_session() {
        assert_eq!(codes(&analyze_json(one("intralesional_injection", 7))), ["11900"]);
        assert_eq!(codes(&analyze_json(one("intralesional_injection", 8))), ["11901"]);
        let a = analyze_json(json!({"procedures": [
            {"id": "P1", "type": "intralesional_injection", "count": 4},
            {"id": "P2", "type": "intralesional_injection", "count": 4}
        ]}));
        assert_eq!(codes(&a), ["11901"]);
        let a = analyze_json(json!({"procedures": [{"id": "P1", "type": "intralesional_injection"}]}));
        assert_eq!(a.gaps[0].path, "procedures[0].count");
    }
}
