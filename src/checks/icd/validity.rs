//! Is each diagnosis a complete, billable FY2026 ICD-10-CM code, and does the loaded
//! code set cover the date of service?

use super::{one_of, Codes, Written};
use crate::checks::{Check, Context, Hit};
use crate::finding::{FromTo, Suggestion};
use crate::icd10cm::{CodeSet, Laterality, Lookup};

fn in_window(cx: &Context<'_>) -> bool {
    let (y, m, d) = cx.encounter.date_of_service.ymd();
    CodeSet::covers(y, m, d)
}

/// A code the FY2026 code set does not contain, or text not shaped like a code.
pub struct UnknownCode;

impl Check for UnknownCode {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let icd = cx.kb.icd;
        // Outside the code set's dates a code it lacks may be valid in the version in
        // effect on that date: only the code-set-date warning speaks then.
        let judge_unknown = in_window(cx);
        let codes = cx.icd_codes.codes(cx.encounter, cx.kb.icd);
        for (place, written, lookup) in &codes.checked {
            let (place, code) = (*place, written.text);
            match lookup {
                // The malformed text is not echoed: it may be anything typed into the field.
                Lookup::Malformed => hits.push(
                    Hit::new(format!(
                        "{} is not shaped like an ICD-10-CM code (a letter, two more characters, then up to four after the dot: L57.0, C44.612, S01.81XA).",
                        place.label(cx.encounter)
                    ))
                    .path(place.path()),
                ),
                Lookup::Unknown if judge_unknown => {
                    let dotted = CodeSet::dotted(code);
                    hits.push(
                        Hit::new(format!(
                            "{dotted} is not a code in ICD-10-CM FY2026 (April 1, 2026 update).{}",
                            nearest_header_hint(icd, code)
                        ))
                        .path(place.path()),
                    )
                }
                _ => {}
            }
        }
    }
}

/// " L82 has L82.0 or L82.1." for the nearest category above a made-up code.
fn nearest_header_hint(icd: &CodeSet, code: &str) -> String {
    let Some(n) = CodeSet::normalize(code) else { return String::new() };
    let raw = n.as_str();
    for len in (3..raw.len()).rev() {
        if let Lookup::Header { children } = icd.lookup(&raw[..len]) {
            let parent = CodeSet::dotted(&raw[..len]);
            return if children.len() <= 12 {
                format!(" {parent} has {}.", children.join(", "))
            } else {
                format!(" {parent} has {} subdivisions.", children.len())
            };
        }
    }
    String::new()
}

#[derive(serde::Deserialize)]
pub struct HeaderParams {
    /// List the subdivisions in the message when there are at most this many.
    pub max_listed_children: usize,
}

/// A category or subcategory that has subdivisions: not a reportable code.
pub struct HeaderCode(pub HeaderParams);

/// The child code the lesions carrying a header pick (code and the lesion word that
/// picked it), remembered per distinct header.
type ChildPick<'a> = (Option<crate::icd10cm::NormalizedCode>, Option<(String, &'a str)>);

impl Check for HeaderCode {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let codes = cx.icd_codes.codes(cx.encounter, cx.kb.icd);
        // one pick per distinct header, however often it is written
        let mut picks: Vec<ChildPick<'_>> = Vec::new();
        for (place, written, lookup) in &codes.checked {
            let (place, code) = (*place, written.text);
            let Lookup::Header { children } = lookup else { continue };
            let dotted = CodeSet::dotted(code);
            let under = if children.len() <= self.0.max_listed_children {
                format!("Its subdivisions: {}.", children.join(", "))
            } else {
                format!("It has {} subdivisions, {} to {}.", children.len(), children[0], children[children.len() - 1])
            };
            let mut message =
                format!("{dotted} is a category with subdivisions, not a complete code (only complete codes are reported). {under}");
            let mut hit = Hit::new(String::new()).path(place.path());
            let pick = match picks.iter().find(|(c, _)| *c == written.code) {
                Some((_, pick)) => pick.clone(),
                None => {
                    let pick = child_the_lesions_pick(cx, codes, written);
                    picks.push((written.code, pick.clone()));
                    pick
                }
            };
            if let Some((to, lesion)) = pick {
                message.push_str(&format!(" The documentation of lesion {lesion} selects {to}."));
                hit = hit.suggest(Suggestion::ReplaceDiagnosis(FromTo { from: code.trim().to_string(), to }));
            }
            hit.message = message;
            hits.push(hit);
        }
    }
}

/// The one billable code under `header` that every lesion carrying it selects by site
/// and side (with the first such lesion's id), or None when a lesion lacks a site, the
/// site does not decide, or the lesions disagree.
fn child_the_lesions_pick<'a>(cx: &Context<'a>, codes: &Codes<'_>, header: &Written<'_>) -> Option<(String, &'a str)> {
    let icd = cx.kb.icd;
    let carriers = cx.encounter.lesions.iter().zip(&codes.lesions).filter(|(_, w)| w.is_some_and(|w| w.same(header)));
    let mut picked: Option<(String, &str)> = None;
    for (lesion, _) in carriers {
        let side = lesion.laterality.and_then(Laterality::from_lesion);
        let child = icd.header_child_for(header.text, lesion.site?, side)?;
        match &picked {
            Some((code, _)) if *code != child => return None,
            Some(_) => {}
            None => picked = Some((child, lesion.id.as_str())),
        }
    }
    picked
}

/// A 7th character that is missing or not allowed, or a 7th character without its X
/// placeholder(s).
pub struct SeventhCharacter;

impl Check for SeventhCharacter {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let codes = cx.icd_codes.codes(cx.encounter, cx.kb.icd);
        for (place, written, lookup) in &codes.checked {
            let (place, code) = (*place, written.text);
            let dotted = || CodeSet::dotted(code);
            let from = || code.trim().to_string();
            let (message, fix) = match lookup {
                Lookup::Missing7th { allowed } => (
                    format!(
                        "{} needs a 7th character ({}), with X placeholders so that it is the 7th: e.g. {}.",
                        dotted(),
                        seventh_characters(allowed),
                        allowed[0]
                    ),
                    only(allowed),
                ),
                Lookup::Invalid7th { allowed } => (
                    format!(
                        "{} ends in a 7th character this code does not take; it allows {} ({}).",
                        dotted(),
                        seventh_characters(allowed),
                        one_of(allowed)
                    ),
                    only(allowed),
                ),
                Lookup::MissingPlaceholder { corrected } => (
                    format!(
                        "{} lacks its X placeholder: the 7th character must be in the 7th position ({corrected}).",
                        dotted()
                    ),
                    Some(corrected.clone()),
                ),
                _ => continue,
            };
            let mut hit = Hit::new(message).path(place.path());
            if let Some(to) = fix {
                hit = hit.suggest(Suggestion::ReplaceDiagnosis(FromTo { from: from(), to }));
            }
            hits.push(hit);
        }
    }
}

/// The one complete code when there is exactly one (the only unambiguous fix).
fn only(allowed: &[String]) -> Option<String> {
    match allowed {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// "A, D or S" from S01.81XA, S01.81XD, S01.81XS.
fn seventh_characters(allowed: &[String]) -> String {
    let chars: Vec<String> = allowed.iter().filter_map(|c| c.chars().last()).map(String::from).collect();
    one_of(&chars)
}

/// The date of service lies outside the dates the loaded code-set version covers.
pub struct CodeSetDate;

impl Check for CodeSetDate {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let encounter = cx.encounter;
        let has_codes = !encounter.diagnoses.is_empty() || encounter.lesions.iter().any(|l| l.diagnosis.is_some());
        if in_window(cx) || !has_codes {
            return;
        }
        let ((fy, fm, fd), (ty, tm, td)) = (CodeSet::valid_from(), CodeSet::valid_to());
        hits.push(
            Hit::new(format!(
                "The date of service {} is outside the loaded ICD-10-CM code set (FY2026, for dates of service {fy}-{fm:02}-{fd:02} to {ty}-{tm:02}-{td:02}): confirm the diagnosis codes against the version in effect on that date.",
                encounter.date_of_service
            ))
            .path("date_of_service"),
        );
    }
}
