//! Check kinds that compare billed lines with what the documentation supports: missing
//! documentation, codes the note does not support, units over and under the documented
//! work, and codes that wait on pathology.

use super::analysis::{Expected, Family};
use super::facts::DermFacts;
use super::reconcile::{Session, Verdict};
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
        let Some(s) = Session::new(cx.encounter, cx.kb, self.facts, Some(self.family)) else { return };
        let label = self.family.label();
        for line in s.lines.iter().filter(|l| l.family == self.family && l.scope.is_empty()) {
            let (path, why) = if line.explicit {
                (format!("charges[{}].procedures", line.charge), format!("the procedures it names are not a documented {label}"))
            } else {
                ("procedures".to_string(), format!("the note documents no {label}"))
            };
            hits.push(Hit::new(format!("{} bills a {label} code, but {why}.", line_label(cx, line.charge))).charge(line.charge).path(path));
        }
        let mut seen: Vec<&str> = Vec::new();
        for comp in s.components().into_iter().filter(|c| c.family == Some(self.family)) {
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
                hits.push(Hit::new(format!("{}: {}", line_label(cx, line.charge), gap.problem)).charge(line.charge).path(gap.path.clone()));
            }
        }
    }
}

/// The documented field that decides the axis on which `billed` differs from `expected`.
fn deciding_path(facts: &DermFacts, billed: &str, expected: &Expected) -> Option<String> {
    let p = &expected.paths;
    match (facts.locate(billed), facts.locate(expected.code)) {
        (Some(b), Some(x)) if b.table != x.table || b.class != x.class => p.class.clone().or_else(|| p.size.clone()),
        (Some(b), Some(x)) if b.group != x.group => p.group.clone().or_else(|| p.size.clone()),
        _ => p.size.clone().or_else(|| p.units.clone()),
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
        let Some(s) = Session::new(cx.encounter, cx.kb, self.facts, Some(self.family)) else { return };
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
        let Some(s) = Session::new(cx.encounter, cx.kb, self.facts, None) else { return };
        for (charge, verdict) in s.reconcile().verdicts {
            let Verdict::Over { expected, excess } = verdict else { continue };
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
            let mut hit = Hit::new(format!("{} bills {} units; {what} ({}).", line_label(cx, charge), c.units, e.basis)).charge(charge).suggest(suggestion);
            if let Some(path) = e.paths.units.clone() {
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
        let Some(s) = Session::new(cx.encounter, cx.kb, self.facts, None) else { return };
        for short in s.reconcile().shortfalls {
            let e = &s.analysis.expected[short.expected];
            let (message, suggestion) = match short.set_units {
                Some(n) => (
                    format!("{} bills {} units; the note documents {n} ({}).", line_label(cx, short.charge), cx.encounter.charges[short.charge].units, e.basis),
                    Suggestion::SetUnits(n),
                ),
                None => (
                    format!("The note documents {} x {} that no line bills ({}).", e.code, short.missing, e.basis),
                    Suggestion::AddCharge(NewCharge { code: e.code.to_string(), units: short.missing, modifiers: Vec::new() }),
                ),
            };
            let mut hit = Hit::new(message).charge(short.charge).suggest(suggestion);
            if let Some(path) = e.paths.units.clone() {
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
        let Some(s) = Session::new(e, cx.kb, self.facts, Some(self.family)) else { return };
        for line in s.lines.iter().filter(|l| l.family == self.family) {
            let pending = line
                .scope
                .iter()
                .flat_map(|&i| e.procedures[i].lesions.iter())
                .filter_map(|id| e.lesion_index(id))
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
