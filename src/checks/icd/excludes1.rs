//! Excludes1 pairs, read as CONTRACT.md section 2 "Two specific readings" says: an
//! error when both codes are linked to the same charge line or describe the same
//! lesion, unless each is the diagnosis of a different documented lesion (the
//! guideline's exception for unrelated conditions); codes linked only to different
//! lines draw no finding.

use super::listed;
use crate::checks::{Check, Context, Hit};
use crate::icd10cm::{CodeSet, NormalizedCode};
use crate::model::Encounter;
use std::collections::HashMap;

pub struct Excludes1Pair;

/// How the two codes were found together.
#[derive(Clone, Copy)]
enum Link {
    /// Both pointed to by charge line k.
    Line(usize),
    /// Both describe lesion `lesion`; `line` is the billing line that points to the
    /// code that is not the lesion's own diagnosis.
    Lesion { lesion: usize, line: usize },
}

impl Check for Excludes1Pair {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let encounter = cx.encounter;
        if encounter.diagnoses.len() < 2 {
            return;
        }
        let codes: Vec<Option<NormalizedCode>> = encounter.diagnoses.iter().map(|d| CodeSet::normalize(&d.code)).collect();
        // The exception needs each code to be some documented lesion's diagnosis (a
        // lesion has one diagnosis, so two such codes belong to different lesions).
        let of_a_lesion: Vec<bool> = encounter
            .diagnoses
            .iter()
            .map(|d| encounter.lesions.iter().any(|l| l.diagnosis.as_deref().is_some_and(|x| super::same_code(x, &d.code))))
            .collect();
        let pointed: Vec<Vec<usize>> = encounter.charges.iter().map(|c| pointed_diagnoses(c, codes.len())).collect();
        let mut reported: Vec<(NormalizedCode, NormalizedCode)> = Vec::new();
        let mut consider = |a: usize, b: usize, link: Link, hits: &mut Vec<Hit>| {
            let (Some(x), Some(y)) = (codes[a], codes[b]) else { return };
            if x == y || (of_a_lesion[a] && of_a_lesion[b]) {
                return;
            }
            let key = if x < y { (x, y) } else { (y, x) };
            if reported.contains(&key) || !cx.kb.icd.excludes1(x.as_str(), y.as_str()) {
                return;
            }
            reported.push(key);
            hits.push(finding(encounter, x, y, link));
        };
        for (k, dx) in pointed.iter().enumerate() {
            for (i, &a) in dx.iter().enumerate() {
                for &b in &dx[i + 1..] {
                    consider(a, b, Link::Line(k), hits);
                }
            }
        }
        if encounter.lesions.is_empty() {
            return;
        }
        let billed = lesions_billed_by_line(encounter);
        for (li, lesion) in encounter.lesions.iter().enumerate() {
            // (diagnosis index, the line linking it, or None for the lesion's own diagnosis)
            let mut describing: Vec<(usize, Option<usize>)> = Vec::new();
            if let Some(own) = lesion.diagnosis.as_deref().and_then(|d| listed(encounter, d)) {
                describing.push((own, None));
            }
            for (k, lesions) in billed.iter().enumerate() {
                if lesions.contains(&li) {
                    for &d in &pointed[k] {
                        if !describing.iter().any(|(x, _)| *x == d) {
                            describing.push((d, Some(k)));
                        }
                    }
                }
            }
            for (i, &(a, line_a)) in describing.iter().enumerate() {
                for &(b, line_b) in &describing[i + 1..] {
                    // report on the line that links the code that is not the lesion's own
                    let line = if of_a_lesion[b] { line_a.or(line_b) } else { line_b.or(line_a) };
                    if let Some(line) = line {
                        consider(a, b, Link::Lesion { lesion: li, line }, hits);
                    }
                }
            }
        }
    }
}

/// The distinct diagnosis indexes a line points to (1-based pointers; out-of-range
/// pointers are the claim-data pack's finding).
fn pointed_diagnoses(charge: &crate::model::Charge, listed: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &p in &charge.diagnosis_pointers {
        if p >= 1 && (p as usize) <= listed && !out.contains(&(p as usize - 1)) {
            out.push(p as usize - 1);
        }
    }
    out
}

/// For each charge line, the lesions (by index) its procedures treat.
fn lesions_billed_by_line(encounter: &Encounter) -> Vec<Vec<usize>> {
    let lesion_at: HashMap<&str, usize> = encounter.lesions.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let procedure_at: HashMap<&str, usize> =
        encounter.procedures.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    encounter
        .charges
        .iter()
        .map(|charge| {
            let mut out: Vec<usize> = Vec::new();
            let mut seen_procedures: Vec<usize> = Vec::new();
            for id in &charge.procedures {
                let Some(&p) = procedure_at.get(id.as_str()) else { continue };
                if seen_procedures.contains(&p) {
                    continue;
                }
                seen_procedures.push(p);
                for lesion in &encounter.procedures[p].lesions {
                    if let Some(&l) = lesion_at.get(lesion.as_str()) {
                        if !out.contains(&l) {
                            out.push(l);
                        }
                    }
                }
            }
            out
        })
        .collect()
}

fn finding(encounter: &Encounter, x: NormalizedCode, y: NormalizedCode, link: Link) -> Hit {
    let (a, b) = (x.dotted(), y.dotted());
    let (line, together) = match link {
        Link::Line(k) => (k, format!("are both linked to line {} ({})", k + 1, encounter.charges[k].code)),
        Link::Lesion { lesion, line } => (line, format!("both describe lesion {}", encounter.lesions[lesion].id)),
    };
    Hit::new(format!(
        "{a} and {b} {together}, but an Excludes1 note separates them: they are not reported together for the same condition. Keep the code the documentation supports, or link each to its own lesion if they are unrelated conditions."
    ))
    .charge(line)
    .path(format!("charges[{line}].diagnosis_pointers"))
}
