//! Modifier checks: 25 and 57 on a procedure day, 24/79/58/78 in another procedure's
//! global period, 59/X{EPSU} against the documented lesions, anatomic modifiers against
//! the lesion's side and site, 51 per payer, and malformed modifiers.
//!
//! The documentation path a check follows is charge -> procedures -> lesions. Where the
//! note does not link a line to its lesions, the checks that need lesions stay silent
//! rather than guess (no false alarms on the note screen).

use super::visit::{em_code, is_office_em};
use super::{Check, Context, Hit};
use crate::finding::{FromTo, Suggestion};
use crate::knowledge::{Global, Knowledge};
use crate::model::{Charge, Encounter, Laterality, PriorProcedure, Site};
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

const MODIFIER_FACTS: &str = embedded_rules_file!("facts/modifiers.json");

pub fn build(kind: &str, spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let facts = match facts() {
        Ok(f) => f,
        Err(e) => return Some(Err(e.clone())),
    };
    let check: Result<Box<dyn Check>, String> = match kind {
        "modifier_25" => {
            super::params::<ModifierFinding>(spec).map(|p| Box::new(Modifier25(p.finding)) as Box<dyn Check>)
        }
        "em_included_in_minor_procedure" => Ok(Box::new(EmIncludedInMinorProcedure)),
        "modifier_57" => {
            super::params::<ModifierFinding>(spec).map(|p| Box::new(Modifier57(p.finding)) as Box<dyn Check>)
        }
        "global_period" => {
            super::params::<GlobalParams>(spec).map(|p| Box::new(GlobalPeriod(p.finding)) as Box<dyn Check>)
        }
        "distinct_procedural_modifier" => Ok(Box::new(DistinctProcedural(facts))),
        "anatomic_modifier" => Ok(Box::new(AnatomicModifier(facts))),
        "modifier_format" => Ok(Box::new(ModifierFormat(facts))),
        "modifier_51" => super::params::<Finding51>(spec).map(|p| Box::new(Modifier51(p.finding)) as Box<dyn Check>),
        _ => return None,
    };
    Some(check)
}

// ---------------------------------------------------------------------------------------
// Facts and shared helpers (also used by the NCCI checks in `edits.rs`).

#[derive(Deserialize)]
pub struct ModifierFacts {
    cpt_modifiers: Vec<String>,
    distinct_procedural: Vec<String>,
    ncci_bypass: Vec<String>,
    anatomic: Vec<Anatomic>,
}

#[derive(Deserialize)]
struct Anatomic {
    modifier: String,
    side: Side,
    #[serde(default)]
    site: Option<String>,
    counterpart: String,
    #[serde(default)]
    label: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Side {
    Left,
    Right,
}

impl ModifierFacts {
    pub fn is_distinct_procedural(&self, m: &str) -> bool {
        self.distinct_procedural.iter().any(|d| d == m)
    }

    /// NCCI-associated modifiers: any of them on either line of a PTP pair bypasses an
    /// indicator-1 edit (whether the documentation supports it is checked separately).
    pub fn is_ncci_bypass(&self, m: &str) -> bool {
        self.ncci_bypass.iter().any(|d| d == m)
    }

    fn anatomic(&self, m: &str) -> Option<&Anatomic> {
        self.anatomic.iter().find(|a| a.modifier == m)
    }
}

pub fn facts() -> Result<&'static ModifierFacts, &'static String> {
    static FACTS: OnceLock<Result<ModifierFacts, String>> = OnceLock::new();
    FACTS
        .get_or_init(|| {
            let facts: ModifierFacts =
                serde_json::from_str(MODIFIER_FACTS).map_err(|e| format!("facts/modifiers.json: {e}"))?;
            for a in &facts.anatomic {
                if let Some(site) = &a.site {
                    Site::from_word(site)
                        .ok_or_else(|| format!("facts/modifiers.json: {} names unknown site {site}", a.modifier))?;
                }
            }
            Ok(facts)
        })
        .as_ref()
}

pub fn has_modifier(charge: &Charge, m: &str) -> bool {
    charge.modifiers.iter().any(|x| x == m)
}

/// The global period in days after the procedure day; an add-on code takes its primary's.
pub fn global_days(kb: &Knowledge, code: &str) -> Option<u32> {
    let facts = kb.code(code)?;
    match facts.global {
        Global::AddOn => facts.primaries.iter().find_map(|p| kb.code(p).and_then(|c| c.global.days())),
        g => g.days(),
    }
}

fn is_add_on(kb: &Knowledge, code: &str) -> bool {
    kb.code(code).is_some_and(|c| c.is_add_on())
}

/// A line that bills a procedure: a known code with a global period, or any non-E/M line
/// linked to documented procedures.
pub fn is_procedure_line(kb: &Knowledge, charge: &Charge) -> bool {
    !is_office_em(&charge.code) && (global_days(kb, &charge.code).is_some() || !charge.procedures.is_empty())
}

/// Diagnosis codes compared as ICD-10-CM codes: without the dot, case-insensitive.
pub fn same_diagnosis(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().bytes().filter(|&c| c != b'.').map(|c| c.to_ascii_uppercase()).collect::<Vec<u8>>();
    norm(a) == norm(b)
}

/// The diagnoses a line points to; all of the encounter's when it points to none.
pub fn line_diagnoses<'a>(encounter: &'a Encounter, charge: &Charge) -> Vec<&'a str> {
    let pointed: Vec<&str> = charge
        .diagnosis_pointers
        .iter()
        .filter_map(|&p| usize::try_from(p - 1).ok().and_then(|i| encounter.diagnoses.get(i)))
        .map(|d| d.code.as_str())
        .collect();
    if pointed.is_empty() {
        encounter.diagnoses.iter().map(|d| d.code.as_str()).collect()
    } else {
        pointed
    }
}

/// Where a line's work was done: lesions (by index), or a procedure's site when it names
/// no lesions. `known` is false when some linked procedure names neither, or the line
/// links no documented procedure: then nothing is asserted about distinctness.
pub struct Spots {
    pub known: bool,
    lesions: Vec<usize>,
    sites: Vec<Site>,
}

pub fn line_spots(encounter: &Encounter, charge: &Charge) -> Spots {
    let mut spots = Spots { known: !charge.procedures.is_empty(), lesions: Vec::new(), sites: Vec::new() };
    for id in &charge.procedures {
        let Some(p) = encounter.procedure(id) else {
            spots.known = false;
            continue;
        };
        let mut any = false;
        for l in &p.lesions {
            if let Some(i) = encounter.lesion_index(l) {
                spots.lesions.push(i);
                any = true;
            }
        }
        if !any {
            match p.site {
                Some(site) => spots.sites.push(site),
                None => spots.known = false,
            }
        }
    }
    spots
}

impl Spots {
    /// Whether two lines' documented spots share a lesion or a site (known spots only).
    pub fn overlap(&self, other: &Spots, encounter: &Encounter) -> bool {
        let site_of = |i: usize| encounter.lesions.get(i).and_then(|l| l.site);
        self.lesions.iter().any(|l| other.lesions.contains(l))
            || self
                .sites
                .iter()
                .any(|s| other.sites.contains(s) || other.lesions.iter().any(|&l| site_of(l) == Some(*s)))
            || other.sites.iter().any(|s| self.lesions.iter().any(|&l| site_of(l) == Some(*s)))
    }

    /// Both lines are documented and touch different lesions or sites.
    pub fn distinct_from(&self, other: &Spots, encounter: &Encounter) -> bool {
        self.known && other.known && !self.overlap(other, encounter)
    }

    fn lesion_ids<'a>(&self, encounter: &'a Encounter) -> Vec<&'a str> {
        self.lesions.iter().filter_map(|&i| encounter.lesions.get(i)).map(|l| l.id.as_str()).collect()
    }
}

/// The first line on the claim billing a procedure with the given global periods.
fn first_procedure_line<'a>(cx: &Context<'a>, days: &[u32]) -> Option<(usize, &'a Charge)> {
    cx.encounter
        .charges
        .iter()
        .enumerate()
        .find(|(_, c)| !is_office_em(&c.code) && global_days(cx.kb, &c.code).is_some_and(|d| days.contains(&d)))
}

fn modifiers_path(i: usize) -> String {
    format!("charges[{i}].modifiers")
}

// ---------------------------------------------------------------------------------------
// 25: a significant, separately identifiable E/M on the day of a minor procedure.

/// The parameters of the 25 and 57 rules: which of the modifier's two findings the rule
/// reports.
#[derive(Deserialize)]
struct ModifierFinding {
    finding: Which,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Which {
    /// The note documents what the modifier reports, and the modifier is missing (25: a
    /// separate E/M on a minor-procedure day; 57: the decision for major surgery).
    Missing,
    /// The modifier is on the E/M but the note does not document what it reports.
    Unsupported,
}

struct Modifier25(Which);

impl Check for Modifier25 {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let visit = cx.encounter.visit.as_ref();
        let separate = visit.and_then(|v| v.separately_identifiable) == Some(true);
        let minor = first_procedure_line(cx, &[0, 10]);
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            if !is_office_em(&charge.code) {
                continue;
            }
            let has25 = has_modifier(charge, "25");
            match self.0 {
                Which::Missing => {
                    let Some((_, procedure)) = minor.filter(|_| separate && !has25) else { continue };
                    hits.push(
                        Hit::new(format!(
                            "{} is billed on the same day as {} (a {}-day global procedure) and the note documents a separately identifiable E/M: the E/M line needs modifier 25.",
                            charge.code,
                            procedure.code,
                            global_days(cx.kb, &procedure.code).unwrap_or(0)
                        ))
                        .charge(i)
                        .path(modifiers_path(i))
                        .suggest(Suggestion::AddModifier("25".into())),
                    );
                }
                Which::Unsupported => {
                    if !has25 || separate {
                        continue;
                    }
                    let said = match visit.and_then(|v| v.separately_identifiable) {
                        Some(false) => "documents that the E/M was not separate from the procedure work",
                        _ => "does not document a significant, separately identifiable E/M service",
                    };
                    // The unsupported modifier goes; on a procedure day the bundling rule also
                    // reports the E/M itself as included in the procedure (remove the line).
                    let tail = if minor.is_some() { " Without it the visit is part of the procedure." } else { "" };
                    hits.push(
                        Hit::new(format!("{} carries modifier 25, but the note {said}.{tail}", charge.code))
                            .charge(i)
                            .path("visit.separately_identifiable")
                            .suggest(Suggestion::RemoveModifier("25".into())),
                    );
                }
            }
        }
    }
}

/// An E/M with no separately identifiable documentation on the day of a 0- or 10-day
/// global procedure is part of the procedure's payment (its pre-procedure assessment).
struct EmIncludedInMinorProcedure;

impl Check for EmIncludedInMinorProcedure {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        // Without any visit documentation the E/M documentation rule reports `visit`.
        let Some(visit) = cx.encounter.visit.as_ref() else { return };
        if visit.separately_identifiable == Some(true) {
            return;
        }
        let Some((_, procedure)) = first_procedure_line(cx, &[0, 10]) else { return };
        let decision_for_major = visit.decision_for_surgery == Some(true) && first_procedure_line(cx, &[90]).is_some();
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            if !is_office_em(&charge.code) || (decision_for_major && has_modifier(charge, "57")) {
                continue;
            }
            let said = match visit.separately_identifiable {
                Some(false) => "the note documents no E/M work separate from the procedure",
                _ => "the note does not say whether the E/M was separately identifiable",
            };
            hits.push(
                Hit::new(format!(
                    "{} on the same day as {} ({}-day global): {said}, so the visit is the procedure's included pre-procedure assessment and is not billed separately.",
                    charge.code,
                    procedure.code,
                    global_days(cx.kb, &procedure.code).unwrap_or(0)
                ))
                .charge(i)
                .path("visit.separately_identifiable")
                .suggest(Suggestion::RemoveCharge(true)),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// 57: the E/M that led to the decision for a major (90-day global) procedure.

struct Modifier57(Which);

impl Check for Modifier57 {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let visit = cx.encounter.visit.as_ref();
        let decision = visit.and_then(|v| v.decision_for_surgery) == Some(true);
        let separate = visit.and_then(|v| v.separately_identifiable) == Some(true);
        let major = first_procedure_line(cx, &[90]);
        let minor = first_procedure_line(cx, &[0, 10]);
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            if !is_office_em(&charge.code) {
                continue;
            }
            let has57 = has_modifier(charge, "57");
            match self.0 {
                Which::Missing => {
                    let Some((_, surgery)) = major.filter(|_| decision && !has57) else { continue };
                    let suggestion = if has_modifier(charge, "25") {
                        Suggestion::ReplaceModifier(FromTo { from: "25".into(), to: "57".into() })
                    } else {
                        Suggestion::AddModifier("57".into())
                    };
                    hits.push(
                        Hit::new(format!(
                            "The note documents that this visit led to the decision for {} (90-day global) on the same day: {} needs modifier 57.",
                            surgery.code, charge.code
                        ))
                        .charge(i)
                        .path(modifiers_path(i))
                        .suggest(suggestion),
                    );
                }
                Which::Unsupported => {
                    if !has57 {
                        continue;
                    }
                    let (why, path) = if !decision {
                        (
                            "the note does not document that the visit led to the decision for surgery",
                            "visit.decision_for_surgery".to_string(),
                        )
                    } else if major.is_none() && minor.is_some() {
                        ("57 is only for the decision for a major (90-day global) procedure; the decision for a minor procedure is part of that procedure", modifiers_path(i))
                    } else {
                        continue;
                    };
                    let suggestion = if minor.is_some() && separate && !has_modifier(charge, "25") {
                        Suggestion::ReplaceModifier(FromTo { from: "57".into(), to: "25".into() })
                    } else {
                        Suggestion::RemoveModifier("57".into())
                    };
                    hits.push(
                        Hit::new(format!("{} carries modifier 57, but {why}.", charge.code))
                            .charge(i)
                            .path(path)
                            .suggest(suggestion),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 24 / 79 / 58 / 78: services inside another procedure's global period.

#[derive(Deserialize)]
struct GlobalParams {
    finding: WhichGlobal,
}

#[derive(Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WhichGlobal {
    /// An unrelated E/M in the period without 24.
    #[serde(rename = "unrelated_em_needs_24")]
    UnrelatedEmNeeds24,
    /// A related E/M in the period: post-operative care, included in the global package.
    RelatedEmIncluded,
    /// An unrelated procedure in the period without 79.
    #[serde(rename = "unrelated_procedure_needs_79")]
    UnrelatedProcedureNeeds79,
    /// A related procedure in the period without 58 or 78 (or 79).
    #[serde(rename = "related_procedure_needs_58_or_78")]
    RelatedProcedureNeeds58Or78,
    /// 24 on a related E/M, 79 on a related procedure.
    Contradicted,
}

/// A prior procedure whose global period covers the date of service (not its own day:
/// prior procedures are billed before this date), with its global days.
fn covering_priors<'a>(cx: &Context<'a>) -> Vec<(&'a PriorProcedure, u32)> {
    let dos = cx.encounter.date_of_service;
    cx.encounter
        .prior_procedures
        .iter()
        .filter_map(|p| {
            let days = global_days(cx.kb, &p.code)?;
            let after = dos.days_since(p.date);
            (after >= 1 && after <= days as i32).then_some((p, days))
        })
        .collect()
}

fn related_to<'a>(prior: &PriorProcedure, dx: &[&'a str]) -> Option<&'a str> {
    dx.iter().copied().find(|d| prior.diagnoses.iter().any(|p| same_diagnosis(p, d)))
}

struct GlobalPeriod(WhichGlobal);

impl Check for GlobalPeriod {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let priors = covering_priors(cx);
        if priors.is_empty() {
            return;
        }
        let visit = cx.encounter.visit.as_ref();
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            let em = is_office_em(&charge.code);
            // Add-on lines follow their primary line; drugs and other XXX codes have no global.
            if !em && (global_days(cx.kb, &charge.code).is_none() || is_add_on(cx.kb, &charge.code)) {
                continue;
            }
            let dx = line_diagnoses(cx.encounter, charge);
            let related = priors.iter().find_map(|(p, d)| related_to(p, &dx).map(|shared| (*p, *d, shared)));
            let (prior, days) = related.map(|(p, d, _)| (p, d)).unwrap_or(priors[0]);
            let period = format!("the {days}-day global period of {} on {}", prior.code, prior.date);
            let hit = |msg: String| Hit::new(msg).charge(i).path(modifiers_path(i));
            match (self.0, em, related) {
                (WhichGlobal::UnrelatedEmNeeds24, true, None) if !has_modifier(charge, "24") => hits.push(
                    hit(format!(
                        "{} falls in {period} and shares no diagnosis with it: an unrelated E/M in a global period needs modifier 24.",
                        charge.code
                    ))
                    .suggest(Suggestion::AddModifier("24".into())),
                ),
                (WhichGlobal::RelatedEmIncluded, true, Some((_, _, shared))) if !has_modifier(charge, "24") => {
                    let decision = visit.and_then(|v| v.decision_for_surgery) == Some(true) && has_modifier(charge, "57");
                    if !decision {
                        hits.push(
                            Hit::new(format!(
                                "{} falls in {period} and is for the same diagnosis ({shared}): post-procedure visits for it are included in the global surgical package.",
                                charge.code
                            ))
                            .charge(i)
                            .path(format!("charges[{i}].diagnosis_pointers"))
                            .suggest(Suggestion::RemoveCharge(true)),
                        );
                    }
                }
                (WhichGlobal::UnrelatedProcedureNeeds79, false, None)
                    if !["79", "58", "78"].iter().any(|m| has_modifier(charge, m)) =>
                {
                    hits.push(
                        hit(format!(
                            "{} falls in {period} and shares no diagnosis with it: an unrelated procedure in a global period needs modifier 79.",
                            charge.code
                        ))
                        .suggest(Suggestion::AddModifier("79".into())),
                    )
                }
                (WhichGlobal::RelatedProcedureNeeds58Or78, false, Some((_, _, shared)))
                    if !["79", "58", "78"].iter().any(|m| has_modifier(charge, m)) =>
                {
                    hits.push(hit(format!(
                        "{} falls in {period} and is for the same diagnosis ({shared}): a related procedure in a global period needs 58 (staged, planned or more extensive) or 78 (unplanned return to the procedure room for a complication).",
                        charge.code
                    )))
                }
                (WhichGlobal::Contradicted, true, Some((_, _, shared))) if has_modifier(charge, "24") => hits.push(hit(format!(
                    "{} carries 24 (unrelated to the procedure), but it shares the diagnosis {shared} with {} in whose global period it falls.",
                    charge.code, prior.code
                ))),
                (WhichGlobal::Contradicted, false, Some((_, _, shared))) if has_modifier(charge, "79") => hits.push(hit(format!(
                    "{} carries 79 (unrelated procedure), but it shares the diagnosis {shared} with {} in whose global period it falls: a related procedure takes 58 or 78.",
                    charge.code, prior.code
                ))),
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 59 / XE / XS / XP / XU: a distinct procedural service needs a distinct lesion or site.

struct DistinctProcedural(&'static ModifierFacts);

impl Check for DistinctProcedural {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let enc = cx.encounter;
        // Once per run, not once per modifier line (a code-table lookup per pair of lines).
        let procedure_lines: Vec<bool> = enc.charges.iter().map(|c| is_procedure_line(cx.kb, c)).collect();
        for (i, charge) in enc.charges.iter().enumerate() {
            let Some(m) = charge.modifiers.iter().find(|m| self.0.is_distinct_procedural(m)) else { continue };
            let path = modifiers_path(i);
            if is_office_em(&charge.code) {
                let separate = enc.visit.as_ref().and_then(|v| v.separately_identifiable) == Some(true);
                let suggestion = if separate && !has_modifier(charge, "25") {
                    Suggestion::ReplaceModifier(FromTo { from: m.clone(), to: "25".into() })
                } else {
                    Suggestion::RemoveModifier(m.clone())
                };
                hits.push(
                    Hit::new(format!(
                        "{m} is not used on an E/M service; a separately identifiable E/M on a procedure day takes 25."
                    ))
                    .charge(i)
                    .path(path)
                    .suggest(suggestion),
                );
                continue;
            }
            if !procedure_lines[i] {
                continue;
            }
            let others = || (0..enc.charges.len()).filter(|&j| j != i && procedure_lines[j]);
            if others().next().is_none() {
                hits.push(
                    Hit::new(format!(
                        "{} carries {m} (distinct procedural service), but no other procedure is billed on this date for it to be distinct from.",
                        charge.code
                    ))
                    .charge(i)
                    .path(path)
                    .suggest(Suggestion::RemoveModifier(m.clone())),
                );
                continue;
            }
            let mine = line_spots(enc, charge);
            if !mine.known {
                continue;
            }
            let supported = others().any(|j| {
                let theirs = line_spots(enc, &enc.charges[j]);
                !theirs.known || !mine.overlap(&theirs, enc)
            });
            if !supported {
                let ids = mine.lesion_ids(enc);
                let what = if ids.is_empty() { "site".to_string() } else { format!("lesion {}", ids.join(", ")) };
                hits.push(
                    Hit::new(format!(
                        "{} carries {m}, but the other procedures billed on this date treat the same {what}: {m} needs a different lesion or site.",
                        charge.code
                    ))
                    .charge(i)
                    .path(path)
                    .suggest(Suggestion::RemoveModifier(m.clone())),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// RT/LT, FA/F1-F9, TA/T1-T9, E1-E4 against the documented lesions.

struct AnatomicModifier(&'static ModifierFacts);

impl Check for AnatomicModifier {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let enc = cx.encounter;
        for (i, charge) in enc.charges.iter().enumerate() {
            for (k, m) in charge.modifiers.iter().enumerate() {
                let Some(a) = self.0.anatomic(m) else { continue };
                let spots = line_spots(enc, charge);
                let lesions: Vec<&crate::model::Lesion> =
                    spots.lesions.iter().filter_map(|&l| enc.lesions.get(l)).collect();
                let sides: Vec<Laterality> = lesions.iter().filter_map(|l| l.laterality).collect();
                let sites: Vec<Site> =
                    lesions.iter().filter_map(|l| l.site).chain(spots.sites.iter().copied()).collect();
                let want_side = match a.side {
                    Side::Left => Laterality::Left,
                    Side::Right => Laterality::Right,
                };
                let want_site = a.site.as_deref().and_then(Site::from_word);
                let wrong_site = want_site.is_some_and(|w| sites.iter().any(|&s| s != w));
                let wrong_side = sides.iter().any(|&s| s != want_side);
                if !wrong_site && !wrong_side {
                    continue;
                }
                let what = a.label.as_deref().unwrap_or(match a.side {
                    Side::Left => "the left side",
                    Side::Right => "the right side",
                });
                let documented = lesions
                    .iter()
                    .map(|l| {
                        let side = match l.laterality {
                            Some(Laterality::Left) => "left ",
                            Some(Laterality::Right) => "right ",
                            Some(Laterality::Midline) => "midline ",
                            None => "",
                        };
                        format!(
                            "lesion {} on the {side}{}",
                            l.id,
                            l.site.map(Site::word).unwrap_or("(site not documented)")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let opposite = match want_side {
                    Laterality::Left => Laterality::Right,
                    _ => Laterality::Left,
                };
                let suggestion = if wrong_site || sides.iter().all(|&s| s == Laterality::Midline) {
                    Some(Suggestion::RemoveModifier(m.clone()))
                } else if sides.iter().all(|&s| s == opposite) {
                    Some(Suggestion::ReplaceModifier(FromTo { from: m.clone(), to: a.counterpart.clone() }))
                } else {
                    None
                };
                let documented = if documented.is_empty() { "a different site".to_string() } else { documented };
                let mut hit =
                    Hit::new(format!("{} carries {m} ({what}), but the note documents {documented}.", charge.code))
                        .charge(i)
                        .path(format!("charges[{i}].modifiers[{k}]"));
                if let Some(s) = suggestion {
                    hit = hit.suggest(s);
                }
                hits.push(hit);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Malformed and non-existent modifiers.

/// The CMS-1500 (item 24D) has room for four modifiers per line.
const MAX_MODIFIERS_PER_LINE: usize = 4;

fn well_formed(m: &str) -> bool {
    m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

struct ModifierFormat(&'static ModifierFacts);

impl Check for ModifierFormat {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            if charge.modifiers.len() > MAX_MODIFIERS_PER_LINE {
                hits.push(
                    Hit::new(format!(
                        "Line {} carries {} modifiers; a claim line holds at most {MAX_MODIFIERS_PER_LINE}.",
                        i + 1,
                        charge.modifiers.len()
                    ))
                    .charge(i)
                    .path(modifiers_path(i)),
                );
            }
            for (k, m) in charge.modifiers.iter().enumerate() {
                let path = format!("charges[{i}].modifiers[{k}]");
                if !well_formed(m) {
                    let upper = m.trim().to_ascii_uppercase();
                    let mut hit = Hit::new(format!(
                        "Modifier {} on line {} is not a modifier: modifiers are two capital letters or digits.",
                        k + 1,
                        i + 1
                    ))
                    .charge(i)
                    .path(path);
                    if m.len() <= 4 {
                        hit = hit.suggest(if well_formed(&upper) {
                            Suggestion::ReplaceModifier(FromTo { from: m.clone(), to: upper })
                        } else {
                            Suggestion::RemoveModifier(m.clone())
                        });
                    }
                    hits.push(hit);
                } else if m.bytes().all(|b| b.is_ascii_digit()) && !self.0.cpt_modifiers.iter().any(|c| c == m) {
                    hits.push(
                        Hit::new(format!("{m} on line {} is not a CPT modifier (CPT Appendix A).", i + 1))
                            .charge(i)
                            .path(path),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 51: multiple procedures, per payer.

#[derive(Deserialize)]
struct Finding51 {
    finding: Which51,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Which51 {
    /// 51 where it does not belong: the payer does not want it, an add-on code, an E/M.
    NotAccepted,
    /// The payer wants 51 and an additional procedure lacks it.
    Missing,
}

struct Modifier51(Which51);

/// Lines that take 51 as additional procedures: procedures with a global period, not
/// add-ons (exempt by definition) and not Mohs (whose 51 status we have not confirmed).
fn takes_51(kb: &Knowledge, charge: &Charge) -> bool {
    !is_office_em(&charge.code)
        && !is_add_on(kb, &charge.code)
        && kb.code(&charge.code).is_some_and(|c| c.global.days().is_some() && c.family != "mohs")
}

impl Check for Modifier51 {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let wants = cx.profile.map(|p| p.wants_modifier_51);
        match self.0 {
            Which51::NotAccepted => {
                for (i, charge) in cx.encounter.charges.iter().enumerate() {
                    if !has_modifier(charge, "51") {
                        continue;
                    }
                    let why = if em_code(&charge.code).is_some() {
                        "51 is for additional procedures, not E/M services"
                    } else if is_add_on(cx.kb, &charge.code) {
                        "add-on codes are exempt from modifier 51"
                    } else if wants == Some(false) {
                        "this payer does not want modifier 51 (it applies the multiple-procedure rules itself)"
                    } else {
                        continue;
                    };
                    hits.push(
                        Hit::new(format!("{} carries 51, but {why}.", charge.code))
                            .charge(i)
                            .path(modifiers_path(i))
                            .suggest(Suggestion::RemoveModifier("51".into())),
                    );
                }
            }
            Which51::Missing => {
                if wants != Some(true) {
                    return;
                }
                let lacking: Vec<usize> = cx
                    .encounter
                    .charges
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| takes_51(cx.kb, c) && !has_modifier(c, "51"))
                    .map(|(i, _)| i)
                    .collect();
                // The first procedure is reported without 51; every further one with it.
                for &i in lacking.iter().skip(1) {
                    let charge = &cx.encounter.charges[i];
                    hits.push(
                        Hit::new(format!(
                            "This payer wants modifier 51 on additional procedures: {} is billed after {} without it.",
                            charge.code, cx.encounter.charges[lacking[0]].code
                        ))
                        .charge(i)
                        .path(modifiers_path(i))
                        .suggest(Suggestion::AddModifier("51".into())),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_load_and_pair_up() {
        let f = facts().unwrap();
        for a in &f.anatomic {
            let c = f.anatomic(&a.counterpart).unwrap_or_else(|| panic!("{}", a.counterpart));
            assert_eq!(c.counterpart, a.modifier);
            assert!(c.side != a.side && c.site == a.site, "{}", a.modifier);
        }
        assert!(f.is_distinct_procedural("XS") && !f.is_distinct_procedural("25"));
        assert!(f.is_ncci_bypass("25") && f.is_ncci_bypass("RT") && !f.is_ncci_bypass("51"));
    }

    #[test]
    fn diagnoses_compare_without_dot_or_case() {
        assert!(same_diagnosis("C44.519", "c44519"));
        assert!(same_diagnosis(" L40.0", "L400"));
        assert!(!same_diagnosis("C44.519", "C44.51"));
    }

    #[test]
    fn modifier_shapes() {
        for ok in ["25", "XS", "F1", "E4"] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in ["xs", "2", "255", "X ", ""] {
            assert!(!well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn add_ons_take_their_primarys_global() {
        let kb = Knowledge::embedded().unwrap();
        assert_eq!(global_days(&kb, "17003"), Some(10));
        assert_eq!(global_days(&kb, "11103"), Some(0));
        assert_eq!(global_days(&kb, "99213"), None);
        assert_eq!(global_days(&kb, "14000"), Some(90));
    }

    // Behaviour of the check kinds on small encounters (the rule examples cover each rule's
    // firing and passing cases; these pin the edges).
    use serde_json::json;

    fn hits_with(check: &dyn Check, enc: serde_json::Value, profile: Option<&crate::payer::PayerProfile>) -> Vec<Hit> {
        let kb = Knowledge::embedded().unwrap();
        let e = crate::decode::decode_encounter(&enc).unwrap();
        let cx = Context::new(&e, profile, e.date_of_service, e.date_of_service, &kb);
        let mut out = Vec::new();
        check.run(&cx, &mut out);
        out
    }

    fn hits(check: &dyn Check, enc: serde_json::Value) -> Vec<Hit> {
        hits_with(check, enc, None)
    }

    fn shave_after(prior_date: &str, prior_code: &str, prior_dx: &str) -> serde_json::Value {
        json!({
            "date_of_service": "2026-06-11",
            "diagnoses": [{"code": "L82.0"}],
            "prior_procedures": [{"date": prior_date, "code": prior_code, "diagnoses": [prior_dx]}],
            "charges": [{"code": "11306", "modifiers": [], "units": 1, "diagnosis_pointers": [1]}]
        })
    }

    #[test]
    fn global_period_covers_the_procedure_day_and_n_days_after() {
        let needs79 = GlobalPeriod(WhichGlobal::UnrelatedProcedureNeeds79);
        assert_eq!(hits(&needs79, shave_after("2026-06-01", "11602", "C44.519")).len(), 1, "day 10 of 10");
        assert!(hits(&needs79, shave_after("2026-05-31", "11602", "C44.519")).is_empty(), "day 11");
        assert!(hits(&needs79, shave_after("2026-06-11", "11602", "C44.519")).is_empty(), "same day: not a prior");
        assert!(hits(&needs79, shave_after("2026-06-10", "11104", "C44.519")).is_empty(), "0-day global");
        // An add-on takes its primary's period (13102 -> 13101, 10 days).
        assert_eq!(hits(&needs79, shave_after("2026-06-05", "13102", "C44.519")).len(), 1);
        // 90-day global.
        assert_eq!(hits(&needs79, shave_after("2026-03-20", "14040", "C44.319")).len(), 1);
    }

    #[test]
    fn related_means_a_shared_code_without_dot_or_case() {
        let enc = shave_after("2026-06-05", "11402", "l820");
        assert!(hits(&GlobalPeriod(WhichGlobal::UnrelatedProcedureNeeds79), enc.clone()).is_empty());
        let h = hits(&GlobalPeriod(WhichGlobal::RelatedProcedureNeeds58Or78), enc);
        assert_eq!(h.len(), 1);
        assert!(h[0].message.contains("L82.0"), "{}", h[0].message);
        assert_eq!(h[0].suggestion, None);
    }

    fn lesion_line(lats: &[&str], site: &str, modifier: &str) -> serde_json::Value {
        let lesions: Vec<_> = lats
            .iter()
            .enumerate()
            .map(|(i, l)| json!({"id": format!("L{}", i + 1), "site": site, "laterality": l, "diameter_cm": 0.5}))
            .collect();
        let ids: Vec<_> = (1..=lats.len()).map(|i| format!("L{i}")).collect();
        json!({
            "date_of_service": "2026-06-11",
            "lesions": lesions,
            "procedures": [{"id": "P1", "type": "destruction", "lesions": ids, "method": "cryotherapy"}],
            "charges": [{"code": "17110", "modifiers": [modifier], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]}]
        })
    }

    #[test]
    fn anatomic_modifier_suggestions() {
        let check = AnatomicModifier(facts().unwrap());
        let h = hits(&check, lesion_line(&["left", "left"], "finger", "F6"));
        assert_eq!(h[0].suggestion, Some(Suggestion::ReplaceModifier(FromTo { from: "F6".into(), to: "F1".into() })));
        let h = hits(&check, lesion_line(&["left", "right"], "arm", "RT"));
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].suggestion, None, "mixed sides: no single fix");
        let h = hits(&check, lesion_line(&["midline"], "back", "LT"));
        assert_eq!(h[0].suggestion, Some(Suggestion::RemoveModifier("LT".into())));
        let h = hits(&check, lesion_line(&["right"], "toe", "F6"));
        assert_eq!(h[0].suggestion, Some(Suggestion::RemoveModifier("F6".into())), "a finger modifier on a toe");
        assert!(hits(&check, lesion_line(&["right"], "toe", "T6")).is_empty());
        assert!(hits(&check, lesion_line(&["right", "right"], "arm", "RT")).is_empty());
    }

    #[test]
    fn distinct_modifier_is_silent_without_lesion_links() {
        let check = DistinctProcedural(facts().unwrap());
        let enc = json!({
            "date_of_service": "2026-06-11",
            "lesions": [{"id": "L1", "site": "neck", "laterality": "right", "diameter_cm": 0.9}],
            "procedures": [
                {"id": "P1", "type": "shave", "lesions": ["L1"]},
                {"id": "P2", "type": "destruction", "lesions": [], "method": "cryotherapy", "count": 1}
            ],
            "charges": [
                {"code": "11306", "modifiers": [], "units": 1, "diagnosis_pointers": [1], "procedures": ["P1"]},
                {"code": "17000", "modifiers": ["XS"], "units": 1, "diagnosis_pointers": [1], "procedures": ["P2"]}
            ]
        });
        assert!(hits(&check, enc).is_empty(), "a count-only destruction may be another lesion");
    }

    #[test]
    fn modifier_51_for_a_payer_that_wants_it() {
        let profile = crate::payer::PayerProfile::with_limits("p", 90, 30, true);
        let line = |code: &str| json!({"code": code, "modifiers": [], "units": 1, "diagnosis_pointers": [1]});
        let enc = json!({"date_of_service": "2026-06-11", "charges": [line("99213"), line("11402"), line("11403"), line("17311"), line("12032"), line("J3301")]});
        let h = hits_with(&Modifier51(Which51::Missing), enc, Some(&profile));
        let lines: Vec<_> = h.iter().map(|h| h.charge.unwrap()).collect();
        assert_eq!(lines, vec![2, 4], "not the first procedure, the E/M, Mohs or the drug");
    }
}
