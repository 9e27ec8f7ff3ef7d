//! Destruction of lesions: premalignant (17000 first lesion, 17003 each of lesions 2-14,
//! 17004 alone for 15 or more), benign (17110 up to 14, 17111 for 15 or more) and
//! malignant (17260-17286 per lesion by site group and diameter). The premalignant and
//! benign counts are per session, over all destruction procedures.

use super::analysis::{
    lesion_class, lesion_indexes, on_site, plural, procedures_of, Analysis, Basis, Expected, Family, FieldPath, Index,
    Paths,
};
use super::facts::{DermFacts, LesionClass};
use crate::model::Encounter;

#[derive(Default)]
struct Tally {
    count: u32,
    procedures: Vec<usize>,
    lesions: Vec<usize>,
    /// Where the count comes from (the first contributing procedure).
    count_path: Option<FieldPath>,
}

impl Tally {
    fn add(&mut self, procedure: usize, lesions: &[usize], count: u32, path: FieldPath) {
        self.count = self.count.saturating_add(count);
        if !self.procedures.contains(&procedure) {
            self.procedures.push(procedure);
        }
        self.lesions.extend_from_slice(lesions);
        self.count_path.get_or_insert(path);
    }
}

pub(super) fn expect(
    a: &mut Analysis,
    e: &Encounter,
    ix: &Index,
    facts: &'static DermFacts,
    hints: &[Option<LesionClass>],
) {
    let mut premalignant = Tally::default();
    let mut benign = Tally::default();
    for i in procedures_of(e, Family::Destruction).collect::<Vec<_>>() {
        let p = &e.procedures[i];
        let hint = hints.get(i).copied().flatten();
        let lesions: Vec<usize> = lesion_indexes(ix, i).collect();
        let before = a.gaps.len();
        if lesions.is_empty() && p.count.is_none() {
            a.gap(
                Family::Destruction,
                i,
                format!("procedures[{i}].count"),
                "The destruction names no lesions and no count; the code depends on how many lesions were destroyed.",
            );
            continue;
        }
        // Class of each listed lesion; a lesion the note does not classify takes the hint.
        let mut classes = Vec::with_capacity(lesions.len());
        for &j in &lesions {
            match lesion_class(e, j, facts).or(hint) {
                Some(c) => classes.push(c),
                None => a.gap(
                    Family::Destruction,
                    i,
                    format!("lesions[{j}].diagnosis"),
                    "The destroyed lesion has no diagnosis or pathology; premalignant, benign and malignant destruction are different codes.",
                ),
            }
        }
        if lesions.is_empty() {
            match hint {
                Some(LesionClass::Malignant) => a.gap(
                    Family::Destruction,
                    i,
                    format!("procedures[{i}].lesions"),
                    "Malignant destruction is coded per lesion by site and diameter; the destruction lists no lesions.",
                ),
                Some(c) => classes.push(c),
                None => a.gap(
                    Family::Destruction,
                    i,
                    format!("procedures[{i}].lesions"),
                    "The destruction lists no lesions and nothing says whether they were premalignant, benign or malignant.",
                ),
            }
        }
        for (&j, &c) in lesions.iter().zip(&classes) {
            if c == LesionClass::Malignant {
                a.need_site_and_diameter(
                    Family::Destruction,
                    i,
                    e,
                    j,
                    "destroyed malignant",
                    "malignant destruction codes are chosen by lesion diameter",
                );
            }
        }
        if a.gaps.len() > before {
            continue;
        }
        let single_class = classes.windows(2).all(|w| w[0] == w[1]);
        for class in [LesionClass::Premalignant, LesionClass::Benign] {
            let of_class: Vec<usize> =
                lesions.iter().zip(&classes).filter(|(_, &c)| c == class).map(|(&j, _)| j).collect();
            if !classes.contains(&class) {
                continue;
            }
            // `count` is the number destroyed when the procedure is all of one class;
            // with mixed classes each class counts its listed lesions.
            let n = match p.count {
                Some(n) if single_class => n,
                _ => of_class.len() as u32,
            };
            let tally = if class == LesionClass::Premalignant { &mut premalignant } else { &mut benign };
            let path = FieldPath::procedure(i, if p.count.is_some() { "count" } else { "lesions" });
            tally.add(i, &of_class, n, path);
        }
        for (&j, _) in lesions.iter().zip(&classes).filter(|(_, &c)| c == LesionClass::Malignant) {
            let l = &e.lesions[j];
            let (Some(site), Some(diameter)) = (l.site, l.diameter) else { continue };
            let group = facts.site(site).lesion;
            let (code, band) = facts.malignant_destruction.code_for(group, diameter);
            a.expected.push(Expected::sized_lesion(
                Family::Destruction,
                code,
                None,
                i,
                j,
                Some("diagnosis"),
                Basis::new(move || {
                    let band = facts.malignant_destruction.bands.describe(band);
                    format!("malignant lesion of {diameter} cm ({band}) {}", on_site(site, group))
                }),
            ));
        }
    }
    if premalignant.count > 0 {
        let f = &facts.premalignant_destruction;
        let n = premalignant.count;
        let line = |code: &'static str, units: u32, basis: Basis| Expected {
            family: Family::Destruction,
            code,
            alt: None,
            units,
            procedures: premalignant.procedures.clone(),
            lesions: premalignant.lesions.clone(),
            bundled: false,
            basis,
            paths: Paths {
                class: premalignant.lesions.first().map(|&j| FieldPath::lesion(j, "diagnosis")),
                group: None,
                size: premalignant.count_path,
                units: premalignant.count_path,
            },
        };
        let counted = move || plural(n, "premalignant lesion");
        if n >= f.many_from {
            let basis =
                Basis::new(move || format!("{} destroyed ({} or more: one code alone)", counted(), f.many_from));
            a.expected.push(line(&f.many, 1, basis));
        } else {
            a.expected.push(line(&f.first, 1, Basis::new(move || format!("{} destroyed (first lesion)", counted()))));
            let add_ons = n.min(f.add_on_through_lesion).saturating_sub(1);
            if add_ons > 0 {
                a.expected.push(line(
                    &f.add_on,
                    add_ons,
                    Basis::new(move || format!("{} destroyed (lesions 2 to {n}: one unit each)", counted())),
                ));
            }
        }
    }
    if benign.count > 0 {
        let f = &facts.benign_destruction;
        let n = benign.count;
        let code: &'static str = if n <= f.few_up_to { &f.few } else { &f.many };
        a.expected.push(Expected {
            family: Family::Destruction,
            code,
            alt: None,
            units: 1,
            procedures: benign.procedures.clone(),
            lesions: benign.lesions.clone(),
            bundled: false,
            basis: Basis::new(move || {
                format!("{} destroyed ({} up to {}, {} above)", plural(n, "benign lesion"), f.few, f.few_up_to, f.many)
            }),
            paths: Paths {
                class: benign.lesions.first().map(|&j| FieldPath::lesion(j, "diagnosis")),
                group: None,
                size: benign.count_path,
                units: benign.count_path,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::facts::LesionClass;
    use super::super::testing::{analyze_json, analyze_json_with, codes};
    use serde_json::json;

    fn count_only(n: u32) -> serde_json::Value {
        json!({"procedures": [{"id": "P1", "type": "destruction", "method": "cryotherapy", "count": n}]})
    }

    #[test]
    fn premalignant_counts() {
        let p = Some(LesionClass::Premalignant);
        assert_eq!(codes(&analyze_json_with(count_only(1), &[p])), ["17000"]);
        assert_eq!(codes(&analyze_json_with(count_only(5), &[p])), ["17000", "17003x4"]);
        assert_eq!(codes(&analyze_json_with(count_only(14), &[p])), ["17000", "17003x13"]);
        assert_eq!(codes(&analyze_json_with(count_only(15), &[p])), ["17004"]);
        assert_eq!(codes(&analyze_json_with(count_only(40), &[p])), ["17004"]);
    }

    #[test]
    fn benign_counts_and_classes_from_lesions() {
        let b = Some(LesionClass::Benign);
        assert_eq!(codes(&analyze_json_with(count_only(14), &[b])), ["17110"]);
        assert_eq!(codes(&analyze_json_with(count_only(15), &[b])), ["17111"]);
        let a = analyze_json(json!({
            "lesions": [
                {"id": "W1", "site": "foot", "diameter_cm": 0.6, "diagnosis": "B07.0"},
                {"id": "A1", "site": "forehead", "diameter_cm": 0.4, "diagnosis": "L57.0"},
                {"id": "A2", "site": "scalp", "diameter_cm": 0.4, "diagnosis": "L57.0"},
                {"id": "C1", "site": "back", "diameter_cm": 0.9, "diagnosis": "C44.519"}
            ],
            "procedures": [{"id": "P1", "type": "destruction", "lesions": ["W1", "A1", "C1"], "method": "cryotherapy"},
                           {"id": "P2", "type": "destruction", "lesions": ["A2"], "method": "cryotherapy"}]
        }));
        assert_eq!(codes(&a), ["17261", "17000", "17003", "17110"]);
    }

    #[test]
    fn malignant_needs_listed_lesions() {
        let a = analyze_json_with(count_only(2), &[Some(LesionClass::Malignant)]);
        assert_eq!(a.gaps[0].path, "procedures[0].lesions");
        let a = analyze_json_with(count_only(2), &[None]);
        assert_eq!(a.gaps[0].path, "procedures[0].lesions");
    }
}
