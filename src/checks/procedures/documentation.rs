//! Check kinds that compare billed lines with what the documentation supports: missing
//! documentation, codes the note does not support, units over and under the documented
//! work, and codes that wait on pathology.

use super::analysis::{Expected, Family, FieldPath};
use super::facts::DermFacts;
use super::reconcile::Verdict;
use crate::checks::{Check, Context, Hit};
use crate::finding::{NewCharge, Suggestion};
use crate::model::Pathology;

fn line_label(cx: &Context<'_>, charge: usize) -> String {
    format!("Line {} ({})", charge + 1, cx.encounter.charges[charge].code)
}

/// `procedure_documentation`: a billed line whose procedure lacks a field its code needs,
/// or that no documented procedure of its family supports.
pub struct RequiredDocumentation {
    pub family: Family,
    pub facts: &'static DermFacts,
}

impl Check for RequiredDocumentation {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        let label = self.family.label();
        for line in s.lines.iter().filter(|l| l.family == self.family && l.scope.is_empty()) {
            let (path, why) = if line.explicit {
                (
                    format!("charges[{}].procedures", line.charge),
                    format!("the note documents no {label} (the procedures it names are something else)"),
                )
            } else {
                ("procedures".to_string(), format!("the note documents no {label}"))
            };
            hits.push(
                Hit::new(format!("{} bills a {label} code, but {why}.", line_label(cx, line.charge)))
                    .charge(line.charge)
                    .path(path),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for comp in s.components().iter().filter(|c| c.family == Some(self.family)) {
            for &g in &comp.gaps {
                let gap = &s.analysis.gaps[g];
                if seen.contains(&gap.path.as_str()) {
                    continue;
                }
                seen.push(&gap.path);
                let line = comp
                    .lines
                    .iter()
                    .map(|&k| &s.lines[k])
                    .find(|l| l.scope.contains(&gap.procedure) && gap.only_with.is_none_or(|c| s.code(l) == c))
                    .unwrap_or(&s.lines[comp.lines[0]]);
                hits.push(
                    Hit::new(format!("{}: {}", line_label(cx, line.charge), gap.problem))
                        .charge(line.charge)
                        .path(gap.path.clone()),
                );
            }
        }
    }
}

/// The documented field that decides the axis on which `billed` differs from `expected`.
fn deciding_path(facts: &DermFacts, billed: &str, expected: &Expected) -> Option<FieldPath> {
    let p = &expected.paths;
    match (facts.locate(billed), facts.locate(expected.code)) {
        (Some(b), Some(x)) if b.table != x.table || b.class != x.class => p.class.or(p.size),
        (Some(b), Some(x)) if b.group != x.group => p.group.or(p.size),
        _ => p.size.or(p.units),
    }
}

/// `procedure_code`: a billed code the documentation does not support (wrong size band,
/// site group, benign vs malignant, classification, technique or count).
pub struct CodeSupported {
    pub family: Family,
    pub facts: &'static DermFacts,
}

impl Check for CodeSupported {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        let rec = s.reconcile();
        for (charge, verdict) in &rec.verdicts {
            let Some(line) = s.lines.iter().find(|l| l.charge == *charge) else { continue };
            if line.family != self.family {
                continue;
            }
            let Verdict::Unsupported { replace, unreportable } = verdict else { continue };
            let billed = s.code(line);
            let label = line_label(cx, *charge);
            let hit = match (replace, unreportable) {
                (Some(x), _) => {
                    let e = &s.analysis.expected[*x];
                    let mut hit = Hit::new(format!("{label}: the note supports {}, not {billed}: {}.", e.code, e.basis))
                        .charge(*charge)
                        .suggest(Suggestion::ReplaceCode(e.code.to_string()));
                    if let Some(path) = deciding_path(self.facts, billed, e) {
                        hit = hit.path(path);
                    }
                    hit
                }
                (None, Some(u)) => {
                    let u = &s.analysis.unreportable[*u];
                    Hit::new(format!("{label}: {}.", u.reason)).charge(*charge).path(u.path.clone())
                }
                (None, None) => Hit::new(format!(
                    "{label}: the documented {} supports no {billed} line; the work it bills is not in the note or is already billed.",
                    self.family.label()
                ))
                .charge(*charge)
                .path(format!("charges[{charge}].code"))
                .suggest(Suggestion::RemoveCharge(true)),
            };
            hits.push(hit);
        }
    }
}

/// `procedure_units_over`: more units than the documented work.
pub struct UnitsOver {
    pub facts: &'static DermFacts,
}

impl Check for UnitsOver {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for &(charge, ref verdict) in &s.reconcile().verdicts {
            let Verdict::Over { expected, excess } = *verdict else { continue };
            let c = &cx.encounter.charges[charge];
            // Units beyond the code's own definition are the definitional-limit rule's.
            if self.facts.unit_limit(&c.code).is_some_and(|limit| c.units > i64::from(limit)) {
                continue;
            }
            let e = &s.analysis.expected[expected];
            let keep = (c.units - i64::from(excess)).max(0) as u32;
            let suggestion = if keep == 0 { Suggestion::RemoveCharge(true) } else { Suggestion::SetUnits(keep) };
            let what = if keep == 0 {
                "the documented work is already billed on another line".to_string()
            } else {
                format!("the note documents {keep}")
            };
            let mut hit =
                Hit::new(format!("{} bills {} units; {what} ({}).", line_label(cx, charge), c.units, e.basis))
                    .charge(charge)
                    .suggest(suggestion);
            if let Some(path) = e.paths.units {
                hit = hit.path(path);
            }
            hits.push(hit);
        }
    }
}

/// `procedure_units_under`: fewer units than the documented work (the clinician's choice,
/// so a warning), including an add-on line the documented work calls for.
pub struct UnitsUnder {
    pub facts: &'static DermFacts,
}

impl Check for UnitsUnder {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for short in &s.reconcile().shortfalls {
            let e = &s.analysis.expected[short.expected];
            let (message, suggestion) = match short.set_units {
                Some(n) => (
                    format!(
                        "{} bills {} units; the note documents {n} ({}).",
                        line_label(cx, short.charge),
                        cx.encounter.charges[short.charge].units,
                        e.basis
                    ),
                    Suggestion::SetUnits(n),
                ),
                None => (
                    format!("The note documents {} x {} that no line bills ({}).", e.code, short.missing, e.basis),
                    Suggestion::AddCharge(NewCharge {
                        code: e.code.to_string(),
                        units: short.missing,
                        modifiers: Vec::new(),
                    }),
                ),
            };
            let mut hit = Hit::new(message).charge(short.charge).suggest(suggestion);
            if let Some(path) = e.paths.units {
                hit = hit.path(path);
            }
            hits.push(hit);
        }
    }
}

/// `pathology_pending`: an excision line whose benign-vs-malignant code waits on a
/// pathology result.
pub struct PathologyPending {
    pub family: Family,
    pub facts: &'static DermFacts,
}

impl Check for PathologyPending {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let e = cx.encounter;
        if !e.lesions.iter().any(|l| l.pathology == Some(Pathology::Pending)) {
            return;
        }
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for line in s.lines.iter().filter(|l| l.family == self.family) {
            let pending = line
                .scope
                .iter()
                .flat_map(|&i| s.analysis.index.lesions_of(i).iter().copied())
                .find(|&j| e.lesions[j].pathology == Some(Pathology::Pending));
            if let Some(j) = pending {
                hits.push(
                    Hit::new(format!(
                        "{}: benign and malignant {} codes differ and the pathology result is pending; the code cannot be final until the result is in.",
                        line_label(cx, line.charge),
                        self.family.label()
                    ))
                    .charge(line.charge)
                    .path(format!("lesions[{j}].pathology")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{line, run_kind};
    use crate::finding::{NewCharge, Suggestion};
    use serde_json::{json, Value};

    fn excisions(charges: Vec<Value>) -> Value {
        json!({
            "diagnoses": [{"code": "D22.5"}],
            "lesions": [
                {"id": "L1", "site": "back", "diameter_cm": 1.2, "diagnosis": "D22.5", "pathology": "benign"},
                {"id": "L2", "site": "neck", "diameter_cm": 0.4, "diagnosis": "D22.4", "pathology": "pending"}
            ],
            "procedures": [
                {"id": "P1", "type": "excision", "lesions": ["L1"], "margin_cm": 0.3},
                {"id": "P2", "type": "excision", "lesions": ["L2"], "margin_cm": 0.3}
            ],
            "charges": charges
        })
    }

    #[test]
    fn code_kind_pairs_unmatched_lines_with_documented_codes() {
        let spec = json!({"kind": "procedure_code", "family": "excision"});
        // Lines that name no procedure are matched by family, as a multiset.
        let hits = run_kind(spec.clone(), excisions(vec![line("11421", 1, &[]), line("11403", 1, &[])]));
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].charge, hits[0].suggestion.clone()),
            (Some(1), Some(Suggestion::ReplaceCode("11402".into())))
        );
        assert_eq!(hits[0].path.as_deref(), Some("lesions[0].diameter_cm"));
        assert!(
            run_kind(spec.clone(), excisions(vec![line("11402", 1, &["P1"]), line("11421", 1, &["P2"])])).is_empty()
        );
        // Pending pathology: the malignant code is not contradicted.
        assert!(run_kind(spec, excisions(vec![line("11402", 1, &["P1"]), line("11621", 1, &["P2"])])).is_empty());
    }

    #[test]
    fn units_kinds_report_over_as_error_fixes_and_under_as_additions() {
        let ak = |charges: Vec<Value>| json!({"diagnoses": [{"code": "L57.0"}], "procedures": [{"id": "P1", "type": "destruction", "count": 5}], "charges": charges});
        let over = run_kind(
            json!({"kind": "procedure_units_over"}),
            ak(vec![line("17000", 1, &["P1"]), line("17003", 6, &["P1"])]),
        );
        assert_eq!(over[0].suggestion, Some(Suggestion::SetUnits(4)));
        let under = run_kind(json!({"kind": "procedure_units_under"}), ak(vec![line("17000", 1, &["P1"])]));
        assert_eq!(
            under[0].suggestion,
            Some(Suggestion::AddCharge(NewCharge { code: "17003".into(), units: 4, modifiers: vec![] }))
        );
        assert_eq!(under[0].charge, Some(0));
        let under = run_kind(
            json!({"kind": "procedure_units_under"}),
            ak(vec![line("17000", 1, &["P1"]), line("17003", 2, &["P1"])]),
        );
        assert_eq!((under[0].charge, under[0].suggestion.clone()), (Some(1), Some(Suggestion::SetUnits(4))));
        assert!(run_kind(
            json!({"kind": "procedure_units_over"}),
            ak(vec![line("17000", 1, &["P1"]), line("17003", 4, &["P1"])])
        )
        .is_empty());
    }

    #[test]
    fn documentation_kind_names_the_missing_field_once() {
        let spec = json!({"kind": "procedure_documentation", "family": "repair"});
        let v = json!({
            "diagnoses": [{"code": "S41.111A"}],
            "procedures": [{"id": "R1", "type": "repair", "site": "arm", "complexity": "simple"}],
            "charges": [line("12001", 1, &["R1"]), line("12001", 1, &[])]
        });
        let hits = run_kind(spec.clone(), v);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].charge, hits[0].path.as_deref()), (Some(0), Some("procedures[0].length_cm")));
        let hits = run_kind(spec, json!({"diagnoses": [{"code": "S41.111A"}], "charges": [line("12001", 1, &[])]}));
        assert_eq!(hits[0].path.as_deref(), Some("procedures"));
    }

    #[test]
    fn pending_kind_fires_only_for_pending_lesions_of_its_family() {
        let spec = json!({"kind": "pathology_pending", "family": "excision"});
        let hits = run_kind(spec, excisions(vec![line("11402", 1, &["P1"]), line("11421", 1, &["P2"])]));
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].charge, hits[0].path.as_deref()), (Some(1), Some("lesions[1].pathology")));
    }
}
