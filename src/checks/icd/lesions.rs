//! A lesion's diagnosis against the lesion itself: the side and body site the code
//! names must agree with the documented ones, and the code must be on the claim.

use crate::checks::{Check, Context, Hit};
use crate::finding::{FromTo, Suggestion};
use crate::icd10cm::{CodeSet, Laterality, SiteSet};
use crate::model::Lesion;

/// Why a lesion's diagnosis contradicts it, if it does.
struct Contradiction {
    /// The code names the other side (code's side, lesion's side).
    side: Option<(Laterality, Laterality)>,
    /// The code names other body sites than the lesion's.
    site: bool,
    /// The sites the code names.
    sites: SiteSet,
}

/// Midline or undocumented laterality never contradicts; neither does a code with an
/// unspecified side or site, a code that names only part of the lesion's site word
/// (skin of breast on a chest lesion), or a code whose family has no code of its own
/// for the lesion's site (the classification puts that site elsewhere).
fn contradiction(icd: &CodeSet, lesion: &Lesion) -> Option<Contradiction> {
    let (site, code) = (lesion.site?, lesion.diagnosis.as_deref()?);
    if !icd.is_billable(code) {
        return None; // the validity rules report it
    }
    let facts = icd.site_facts(code);
    let side = match (facts.laterality, lesion.laterality.and_then(Laterality::from_lesion)) {
        (Some(coded @ (Laterality::Right | Laterality::Left)), Some(documented)) if coded != documented => {
            Some((coded, documented))
        }
        _ => None,
    };
    let sites = facts.sites;
    let site_wrong = !sites.is_empty()
        && !sites.contains(site)
        && !facts.unspecified
        && !facts.partial
        && icd.family_covers(code, site);
    (side.is_some() || site_wrong).then_some(Contradiction { side, site: site_wrong, sites })
}

fn side_word(side: Laterality) -> &'static str {
    match side {
        Laterality::Right => "right",
        Laterality::Left => "left",
        Laterality::Bilateral => "both sides",
        Laterality::Unspecified => "an unspecified side",
    }
}

/// A lesion diagnosis that names another side or body site than the lesion's.
pub struct DiagnosisContradictsLesion;

impl Check for DiagnosisContradictsLesion {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let icd = cx.kb.icd;
        let lesions = &cx.encounter.lesions;
        // judged once per lesion: the add-or-replace choice below compares lesions
        let found: Vec<Option<Contradiction>> = lesions.iter().map(|l| contradiction(icd, l)).collect();
        if found.iter().all(Option::is_none) {
            return;
        }
        let codes = cx.icd_codes.codes(cx.encounter, cx.kb.icd);
        for (i, lesion) in lesions.iter().enumerate() {
            let Some(found_here) = &found[i] else { continue };
            let (Some(site), Some(code), Some(written)) = (lesion.site, lesion.diagnosis.as_deref(), codes.lesions[i])
            else {
                continue;
            };
            let dotted = CodeSet::dotted(code);
            let documented_side = lesion.laterality.and_then(Laterality::from_lesion);
            let mut message = match found_here.side {
                Some((coded, documented)) => format!(
                    "{dotted} names the {} side; lesion {} is documented on the {} {}.",
                    side_word(coded),
                    lesion.id,
                    side_word(documented),
                    site.word()
                ),
                None => String::new(),
            };
            if found_here.site {
                let covers: Vec<String> = found_here.sites.iter().map(|s| s.word().to_string()).collect();
                if !message.is_empty() {
                    message.push(' ');
                }
                message.push_str(&format!(
                    "{dotted} is for the {}; lesion {} is on the {}.",
                    super::one_of(&covers),
                    lesion.id,
                    site.word()
                ));
            }
            let mut hit = Hit::new(String::new()).path(format!("lesions[{i}].diagnosis"));
            if let Some(to) = icd.sibling_for(code, site, documented_side) {
                message.push_str(&format!(" The code for this lesion is {to}."));
                // Another lesion that rightly carries the same code keeps it: add the
                // right code instead of replacing the shared one.
                let shared = codes
                    .lesions
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && found[j].is_none() && other.is_some_and(|o| o.same(&written)));
                hit = hit.suggest(if shared {
                    Suggestion::AddDiagnosis(to)
                } else {
                    Suggestion::ReplaceDiagnosis(FromTo { from: code.trim().to_string(), to })
                });
            }
            hit.message = message;
            hits.push(hit);
        }
    }
}

/// A lesion diagnosis (a complete code) that is not among the encounter's diagnoses,
/// so no charge line can point to it.
pub struct LesionDiagnosisNotListed;

impl Check for LesionDiagnosisNotListed {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let encounter = cx.encounter;
        let codes = cx.icd_codes.codes(encounter, cx.kb.icd);
        for (i, lesion) in encounter.lesions.iter().enumerate() {
            let Some(written) = codes.lesions[i] else { continue };
            if codes.listed_at(&written).is_some() || !cx.kb.icd.is_billable(written.text) {
                continue; // a code that is not complete is the validity rules' finding
            }
            if codes.lesions[..i].iter().any(|w| w.is_some_and(|w| w.same(&written))) {
                continue; // one finding (and one code to add) per code
            }
            let dotted = CodeSet::dotted(written.text);
            hits.push(
                Hit::new(format!(
                    "Lesion {} is diagnosed {dotted}, but {dotted} is not among the encounter's diagnoses, so no charge line can point to it.",
                    lesion.id
                ))
                .path(format!("lesions[{i}].diagnosis"))
                .suggest(Suggestion::AddDiagnosis(dotted)),
            );
        }
    }
}
