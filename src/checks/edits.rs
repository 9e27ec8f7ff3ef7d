//! NCCI procedure-to-procedure (PTP) and medically unlikely edits (MUE), read from the
//! CMS practitioner file layouts (`crate::ncci`): the shipped subset in `rules/ncci/`, or
//! the full quarterly files a vendor loads (`Validator::load_ncci`, `chargecheck
//! ncci-import`).

use super::modifiers::{facts, line_spots, ModifierFacts};
use super::visit::is_office_em;
use super::{Check, Context, Hit};
use crate::finding::Suggestion;
use crate::knowledge::Knowledge;
use crate::ncci::{ModifierIndicator, MueAdjudication};
use serde_json::Value;

pub fn build(kind: &str, _spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let check: Box<dyn Check> = match kind {
        "ncci_ptp" => match facts() {
            Ok(f) => Box::new(NcciPtp(f)),
            Err(e) => return Some(Err(e.clone())),
        },
        "ncci_mue" => Box::new(NcciMue),
        _ => return None,
    };
    Some(Ok(check))
}

/// A pair of lines under a PTP edit in force on the date of service. The finding goes on
/// the column-2 line; a fix is suggested only when the documentation decides it.
struct NcciPtp(&'static ModifierFacts);

impl Check for NcciPtp {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let enc = cx.encounter;
        let dos = enc.date_of_service;
        let ncci = &cx.kb.ncci;
        // Each distinct pair of codes is looked up once (a note may bill hundreds of lines
        // of a few codes), and only for column-1 codes; the line pairs under an edit are
        // then visited in line order.
        let mut distinct: Vec<(crate::ncci::Code, Vec<usize>)> = Vec::new();
        let mut slot: rustc_hash::FxHashMap<crate::ncci::Code, usize> = Default::default();
        for (i, c) in enc.charges.iter().enumerate() {
            let Some(code) = crate::ncci::Code::parse(&c.code) else { continue };
            let at = *slot.entry(code).or_insert_with(|| {
                distinct.push((code, Vec::new()));
                distinct.len() - 1
            });
            distinct[at].1.push(i);
        }
        let mut pairs: Vec<(usize, usize, crate::ncci::PtpEdit<'_>)> = Vec::new();
        for (a, (code1, lines1)) in distinct.iter().enumerate() {
            if !ncci.is_column1(*code1) {
                continue;
            }
            for (b, (code2, lines2)) in distinct.iter().enumerate() {
                if a == b && lines1.len() < 2 {
                    continue;
                }
                let Some(edit) = ncci.ptp_codes(*code1, *code2, dos) else { continue };
                for &i in lines1 {
                    pairs.extend(lines2.iter().filter(|&&j| j != i).map(|&j| (i, j, edit)));
                }
            }
        }
        pairs.sort_unstable_by_key(|&(i, j, _)| (i, j));
        for (i, j, edit) in pairs {
            let (col1, col2) = (&enc.charges[i], &enc.charges[j]);
            // Written only when a finding is reported (most pairs with an edit carry a bypass).
            let head = || {
                format!(
                    "NCCI PTP edit: {} is a column-2 code of {} (line {}), in force since {} ({}; modifier indicator {})",
                    col2.code,
                    col1.code,
                    i + 1,
                    edit.effective,
                    if edit.rationale.is_empty() { "no rationale given" } else { edit.rationale },
                    edit.indicator.digit()
                )
            };
            let hit = Hit::new(String::new()).charge(j);
            match edit.indicator {
                ModifierIndicator::NotAllowed => hits.push(Hit {
                    message: format!(
                        "{}: no modifier allows both; the column-2 line is not paid with the column-1 code.",
                        head()
                    ),
                    ..hit.path(format!("charges[{j}]")).suggest(Suggestion::RemoveCharge(true))
                }),
                ModifierIndicator::Allowed => {
                    // A bypass modifier on either line is accepted here; the modifier
                    // rules check that the documentation supports it.
                    let bypass = |c: &crate::model::Charge| c.modifiers.iter().any(|m| self.0.is_ncci_bypass(m));
                    if bypass(col1) || bypass(col2) {
                        continue;
                    }
                    let mut hit = hit.path(format!("charges[{j}].modifiers"));
                    let advice = if is_office_em(&col2.code) {
                        match enc.visit.as_ref().and_then(|v| v.separately_identifiable) {
                            Some(true) => {
                                hit = hit.suggest(Suggestion::AddModifier("25".into()));
                                "the note documents a separately identifiable E/M, which modifier 25 reports"
                            }
                            _ => "the note documents no separately identifiable E/M",
                        }
                    } else {
                        let (a, b) = (line_spots(enc, col1), line_spots(enc, col2));
                        if a.distinct_from(&b, enc) {
                            hit = hit.suggest(Suggestion::AddModifier("XS".into()));
                            "the note documents different lesions or sites for the two lines, which XS (separate structure) reports"
                        } else if a.known && b.known {
                            hit = hit.suggest(Suggestion::RemoveCharge(true));
                            "the note documents both on the same lesion or site, so no modifier applies"
                        } else {
                            "link both lines to their documented procedures and lesions to tell whether a distinct-site modifier applies"
                        }
                    };
                    hits.push(Hit {
                        message: format!("{}: billed together without a bypass modifier; {advice}.", head()),
                        ..hit
                    });
                }
                ModifierIndicator::NotApplicable => {}
            }
        }
    }
}

/// Units of a code over its MUE value: per line for MAI 1, per date of service (all
/// lines of the code added up) for MAI 2 and 3.
struct NcciMue;

impl Check for NcciMue {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let enc = cx.encounter;
        let ncci = &cx.kb.ncci;
        if ncci.mue_row_count() == 0 {
            return;
        }
        for (i, charge) in enc.charges.iter().enumerate() {
            let Some(row) = ncci.mue(&charge.code) else { continue };
            let limit = i64::from(row.value);
            let label = row.adjudication.label();
            let rationale = ncci.rationale_of(row);
            match row.adjudication {
                MueAdjudication::Line => {
                    if charge.units > limit {
                        hits.push(
                            Hit::new(format!(
                                "{} is billed with {} units on one line; its MUE is {limit} per line ({label}; {rationale}).",
                                charge.code, charge.units
                            ))
                            .charge(i)
                            .path(format!("charges[{i}].units"))
                            .suggest(Suggestion::SetUnits(row.value)),
                        );
                    }
                }
                MueAdjudication::DatePolicy | MueAdjudication::DateClinical => {
                    // Reported once, on the last line of the code, which takes the excess.
                    let same: Vec<usize> =
                        enc.charges.iter().enumerate().filter(|(_, c)| c.code == charge.code).map(|(k, _)| k).collect();
                    if same.last() != Some(&i) {
                        continue;
                    }
                    let total: i64 = same.iter().map(|&k| enc.charges[k].units.max(0)).sum();
                    if total <= limit {
                        continue;
                    }
                    let others = total - charge.units.max(0);
                    let room = limit - others;
                    let lines = if same.len() > 1 { format!(" over {} lines", same.len()) } else { String::new() };
                    let suggestion =
                        if room >= 1 { Suggestion::SetUnits(room as u32) } else { Suggestion::RemoveCharge(true) };
                    hits.push(
                        Hit::new(format!(
                            "{} is billed {total} units on this date{lines}; its MUE is {limit} per date of service ({label}; {rationale}).",
                            charge.code
                        ))
                        .charge(i)
                        .path(format!("charges[{i}].units"))
                        .suggest(suggestion),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_finding_goes_on_the_column_2_line_whatever_the_line_order() {
        let kb = Knowledge::embedded().unwrap();
        let check = NcciPtp(facts().unwrap());
        for (codes, column2_line) in [(["13121", "13120"], 1), (["13120", "13121"], 0)] {
            let enc = json!({"date_of_service": "2026-06-11", "charges": [
                {"code": codes[0], "diagnosis_pointers": [1]}, {"code": codes[1], "diagnosis_pointers": [1]}
            ]});
            let e = crate::decode::decode_encounter(&enc).unwrap();
            let cx = Context::new(&e, None, e.date_of_service, e.date_of_service, &kb);
            let mut hits = Vec::new();
            check.run(&cx, &mut hits);
            assert_eq!(hits.len(), 1);
            assert_eq!(hits[0].charge, Some(column2_line));
            assert_eq!(hits[0].suggestion, Some(Suggestion::RemoveCharge(true)));
        }
    }
}
