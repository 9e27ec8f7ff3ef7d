//! Check kinds for relationships between the lines of one session: work included in
//! another line, codes that exclude each other, an add-on without its primary, a second
//! primary biopsy code, and units beyond a code's own definition.

use super::analysis::Family;
use super::facts::{DermFacts, ExclusiveCodes};
use crate::checks::{Check, Context, Hit};
use crate::finding::{NewCharge, Suggestion};

fn line_label(cx: &Context<'_>, charge: usize) -> String {
    format!("Line {} ({})", charge + 1, cx.encounter.charges[charge].code)
}

/// `bundled_same_session`: a line billing only work that is included in another
/// procedure of the session (a biopsy of a lesion removed the same day; a simple repair
/// of an excision's own wound).
pub struct BundledSameSession {
    pub family: Family,
    pub facts: &'static DermFacts,
}

impl Check for BundledSameSession {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for line in s.lines.iter().filter(|l| l.family == self.family && s.is_bundled(l)) {
            let first = line.scope[0];
            let (why, path) = match self.family {
                Family::Biopsy => (
                    "it biopsies a lesion that is removed or destroyed at this session, and that removal includes the biopsy",
                    format!("procedures[{first}].lesions"),
                ),
                Family::Repair => (
                    "it bills a simple repair of an excision's own wound, which the excision code includes",
                    format!("procedures[{first}].complexity"),
                ),
                _ => ("its work is included in another procedure of this session", format!("procedures[{first}]")),
            };
            hits.push(
                Hit::new(format!("{} is not reported separately: {why}.", line_label(cx, line.charge)))
                    .charge(line.charge)
                    .path(path)
                    .suggest(Suggestion::RemoveCharge(true)),
            );
        }
    }
}

/// `mutually_exclusive_codes`: two codes that exclude each other by definition, reported
/// on the one the documentation does not support.
pub struct MutuallyExclusive {
    pub pair: usize,
    pub facts: &'static DermFacts,
}

impl MutuallyExclusive {
    pub fn find(facts: &DermFacts, codes: &[String]) -> Option<usize> {
        facts.exclusive.iter().position(|x: &ExclusiveCodes| x.codes == codes)
    }
}

impl Check for MutuallyExclusive {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let pair = &self.facts.exclusive[self.pair];
        let billed = |codes: &[String]| cx.encounter.charges.iter().any(|c| codes.contains(&c.code));
        if !(billed(&pair.codes) && billed(&pair.with)) {
            return;
        }
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for (charge, _) in s.excluded_charges().into_iter().filter(|(_, x)| *x == self.pair) {
            let code = &cx.encounter.charges[charge].code;
            let others: Vec<&str> =
                if pair.codes.contains(code) { &pair.with } else { &pair.codes }.iter().map(String::as_str).collect();
            hits.push(
                Hit::new(format!(
                    "{} and {} exclude each other by definition; {} is the one the documentation does not support.",
                    code,
                    others.join("/"),
                    line_label(cx, charge)
                ))
                .charge(charge)
                .path(format!("charges[{charge}].code"))
                .suggest(Suggestion::RemoveCharge(true)),
            );
        }
    }
}

/// `add_on_without_primary`: an add-on code billed without any of its primary codes.
pub struct AddOnWithoutPrimary {
    pub facts: &'static DermFacts,
}

impl Check for AddOnWithoutPrimary {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let charges = &cx.encounter.charges;
        let orphan_exists = charges.iter().any(|c| {
            cx.kb
                .code(&c.code)
                .is_some_and(|f| f.is_add_on() && !f.primaries.iter().any(|p| charges.iter().any(|d| d.code == *p)))
        });
        if !orphan_exists {
            return;
        }
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for charge in s.orphan_add_ons() {
            let code = &charges[charge].code;
            let Some(facts) = cx.kb.code(code) else { continue };
            let documented = facts.primaries.iter().find(|p| s.analysis.supports_code(p));
            // The note supports the add-on too: its primary line is missing. Otherwise the
            // line should be the primary itself (e.g. a single tangential biopsy is 11102).
            let suggestion = match documented {
                Some(p) if s.analysis.supports_code(code) => {
                    Some(Suggestion::AddCharge(NewCharge { code: p.clone(), units: 1, modifiers: Vec::new() }))
                }
                Some(p) => Some(Suggestion::ReplaceCode(p.clone())),
                None => None,
            };
            let mut hit = Hit::new(format!(
                "{} is an add-on code, reported only with {}; no such line is billed.",
                line_label(cx, charge),
                facts.primaries.join(", ")
            ))
            .charge(charge)
            .path(format!("charges[{charge}].code"));
            if let Some(sug) = suggestion {
                hit = hit.suggest(sug);
            }
            hits.push(hit);
        }
    }
}

/// `second_primary_biopsy`: more than one primary biopsy code; the lower-ranked one
/// becomes its technique's add-on.
pub struct SecondPrimaryBiopsy {
    pub facts: &'static DermFacts,
}

impl Check for SecondPrimaryBiopsy {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let primaries: Vec<(usize, &super::facts::Technique)> = cx
            .encounter
            .charges
            .iter()
            .enumerate()
            .filter(|(_, c)| c.units >= 1)
            .filter_map(|(i, c)| self.facts.biopsy.iter().find(|t| t.primary == c.code).map(|t| (i, t)))
            .collect();
        if primaries.len() < 2 {
            return;
        }
        let keep = primaries.iter().max_by_key(|(i, t)| (t.rank, std::cmp::Reverse(*i))).map(|(i, _)| *i);
        for &(charge, t) in primaries.iter().filter(|(i, _)| Some(*i) != keep) {
            let kept = keep.map(|k| cx.encounter.charges[k].code.as_str()).unwrap_or_default();
            hits.push(
                Hit::new(format!(
                    "{}: only one primary biopsy code is reported per session (incisional over punch over tangential) and {kept} is the primary; this biopsy is reported with add-on {}.",
                    line_label(cx, charge),
                    t.add_on
                ))
                .charge(charge)
                .path(format!("charges[{charge}].code"))
                .suggest(Suggestion::ReplaceCode(t.add_on.clone())),
            );
        }
    }
}

/// `definitional_unit_limit`: more units of a code in the session than its definition
/// allows (first lesion, up to N lesions: 1; 17003: 13).
pub struct DefinitionalUnitLimit {
    pub facts: &'static DermFacts,
}

impl Check for DefinitionalUnitLimit {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let charges = &cx.encounter.charges;
        for (i, c) in charges.iter().enumerate() {
            let Some(limit) = self.facts.unit_limit(&c.code) else { continue };
            // Report once per code, on its last line, counting every line of the code.
            if charges[i + 1..].iter().any(|d| d.code == c.code) {
                continue;
            }
            let total: i64 = charges.iter().filter(|d| d.code == c.code).map(|d| d.units.max(0)).sum();
            let excess = total - i64::from(limit);
            if excess <= 0 {
                continue;
            }
            let keep = (c.units - excess).max(0);
            let suggestion = if keep == 0 { Suggestion::RemoveCharge(true) } else { Suggestion::SetUnits(keep as u32) };
            hits.push(
                Hit::new(format!(
                    "{}: the code's definition allows at most {limit} unit{} per session, and {total} are billed.",
                    line_label(cx, i),
                    if limit == 1 { "" } else { "s" }
                ))
                .charge(i)
                .path(format!("charges[{i}].units"))
                .suggest(suggestion),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{line, run_kind};
    use crate::finding::{NewCharge, Suggestion};
    use serde_json::{json, Value};

    fn aks(count: u32, charges: Vec<Value>) -> Value {
        json!({"diagnoses": [{"code": "L57.0"}], "procedures": [{"id": "P1", "type": "destruction", "count": count}], "charges": charges})
    }

    #[test]
    fn exclusive_codes_flag_the_side_the_count_does_not_support() {
        let spec = json!({"kind": "mutually_exclusive_codes", "codes": ["17004"]});
        let hits = run_kind(spec.clone(), aks(16, vec![line("17004", 1, &["P1"]), line("17000", 1, &["P1"])]));
        assert_eq!(hits.iter().map(|h| h.charge).collect::<Vec<_>>(), [Some(1)]);
        let hits = run_kind(
            spec.clone(),
            aks(3, vec![line("17004", 1, &["P1"]), line("17000", 1, &["P1"]), line("17003", 2, &["P1"])]),
        );
        assert_eq!(hits.iter().map(|h| h.charge).collect::<Vec<_>>(), [Some(0)]);
        assert!(run_kind(spec, aks(3, vec![line("17000", 1, &["P1"]), line("17003", 2, &["P1"])])).is_empty());
    }

    #[test]
    fn add_on_without_primary_suggests_adding_or_replacing() {
        let spec = json!({"kind": "add_on_without_primary"});
        let hits = run_kind(spec.clone(), aks(5, vec![line("17003", 4, &["P1"])]));
        assert_eq!(
            hits[0].suggestion,
            Some(Suggestion::AddCharge(NewCharge { code: "17000".into(), units: 1, modifiers: vec![] }))
        );
        let one_biopsy = json!({
            "diagnoses": [{"code": "D48.5"}],
            "lesions": [{"id": "L1", "site": "arm", "diagnosis": "D48.5"}],
            "procedures": [{"id": "P1", "type": "biopsy", "lesions": ["L1"], "technique": "punch"}],
            "charges": [line("11105", 1, &["P1"])]
        });
        assert_eq!(run_kind(spec.clone(), one_biopsy)[0].suggestion, Some(Suggestion::ReplaceCode("11104".into())));
        assert!(run_kind(spec, aks(5, vec![line("17000", 1, &["P1"]), line("17003", 4, &["P1"])])).is_empty());
    }

    #[test]
    fn second_primary_biopsy_keeps_the_highest_rank() {
        let spec = json!({"kind": "second_primary_biopsy"});
        let v = json!({"diagnoses": [{"code": "D48.5"}], "charges": [line("11104", 1, &[]), line("11106", 1, &[]), line("11102", 1, &[])]});
        let hits = run_kind(spec, v);
        let got: Vec<_> = hits.iter().map(|h| (h.charge, h.suggestion.clone())).collect();
        assert_eq!(
            got,
            [
                (Some(0), Some(Suggestion::ReplaceCode("11105".into()))),
                (Some(2), Some(Suggestion::ReplaceCode("11103".into())))
            ]
        );
    }

    #[test]
    fn definitional_limits_count_every_line_of_the_code() {
        let spec = json!({"kind": "definitional_unit_limit"});
        let hits = run_kind(spec.clone(), aks(20, vec![line("17003", 7, &[]), line("17003", 7, &[])]));
        assert_eq!((hits[0].charge, hits[0].suggestion.clone()), (Some(1), Some(Suggestion::SetUnits(6))));
        let hits = run_kind(spec.clone(), aks(20, vec![line("17110", 1, &[]), line("17110", 1, &[])]));
        assert_eq!((hits[0].charge, hits[0].suggestion.clone()), (Some(1), Some(Suggestion::RemoveCharge(true))));
        // Mohs first stages are per tumor.
        assert!(run_kind(spec, aks(1, vec![line("17311", 1, &[]), line("17311", 1, &[])])).is_empty());
    }

    #[test]
    fn bundled_kind_needs_every_procedure_on_the_line_bundled() {
        let spec = json!({"kind": "bundled_same_session", "family": "biopsy"});
        let v = |lines: Vec<Value>| {
            json!({
                "diagnoses": [{"code": "D48.5"}],
                "lesions": [{"id": "L1", "site": "back", "diameter_cm": 1.0, "diagnosis": "D48.5"}, {"id": "L2", "site": "back", "diameter_cm": 1.0, "diagnosis": "D48.5"}],
                "procedures": [
                    {"id": "B1", "type": "biopsy", "lesions": ["L1"], "technique": "punch"},
                    {"id": "B2", "type": "biopsy", "lesions": ["L2"], "technique": "punch"},
                    {"id": "X1", "type": "destruction", "lesions": ["L1"], "method": "curettage"},
                    {"id": "M1", "type": "mohs", "lesions": ["L2"], "stages": 1, "blocks": [2]}
                ],
                "charges": lines
            })
        };
        assert_eq!(run_kind(spec.clone(), v(vec![line("11104", 1, &["B1"])])).len(), 1);
        // A diagnostic biopsy on the day of Mohs is left to the clinician.
        assert!(run_kind(spec.clone(), v(vec![line("11104", 1, &["B2"])])).is_empty());
        assert!(run_kind(spec, v(vec![line("11104", 1, &["B1", "B2"])])).is_empty());
    }
}
