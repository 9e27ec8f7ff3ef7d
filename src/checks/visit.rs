//! Office E/M (99202-99205 new, 99211-99215 established) under the CPT 2021+ office E/M
//! guidelines: the level the note supports by medical decision making (MDM) or by total
//! time on the date, and new vs established status.
//!
//! MDM level: the highest level that at least two of the three elements (problems, data,
//! risk) meet or exceed, which is the middle of the three. When an element is missing the
//! level is only known to lie between bounds (see [`Support`]), and a check fires only
//! when the bounds make the answer certain; otherwise the missing element is reported.
//! 99211 has no MDM or time threshold since 2021, so it is never over- or under-coded.

use super::{Check, Context, Hit};
use crate::finding::Suggestion;
use crate::knowledge::Knowledge;
use crate::model::{Charge, Encounter, Mdm, MdmLevel, PatientStatus, Visit};
use serde_json::Value;

pub fn build(kind: &str, spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let check: Box<dyn Check> = match kind {
        "em_level" => {
            return Some(
                super::params::<LevelParams>(spec).map(|p| Box::new(EmLevelCheck(p.finding)) as Box<dyn Check>),
            )
        }
        "em_patient_status" => Box::new(EmPatientStatus),
        "em_documentation_missing" => Box::new(EmDocumentationMissing),
        _ => return None,
    };
    Some(Ok(check))
}

/// New (99202-99205) or established (99211-99215).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    New,
    Established,
}

impl Family {
    fn word(self) -> &'static str {
        match self {
            Family::New => "new",
            Family::Established => "established",
        }
    }
}

/// MDM level, from straightforward up; also the code level (99202/99212 = straightforward).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Straightforward,
    Low,
    Moderate,
    High,
}

impl Level {
    const ALL: [Level; 4] = [Level::Straightforward, Level::Low, Level::Moderate, Level::High];

    fn from_mdm(level: MdmLevel) -> Level {
        match level {
            MdmLevel::Minimal => Level::Straightforward,
            MdmLevel::Low => Level::Low,
            MdmLevel::Moderate => Level::Moderate,
            MdmLevel::High => Level::High,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Level::Straightforward => "straightforward",
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
        }
    }

    /// The element level that meets this MDM level (straightforward needs "minimal").
    fn element_word(self, element: Element) -> &'static str {
        element.word(match self {
            Level::Straightforward => MdmLevel::Minimal,
            Level::Low => MdmLevel::Low,
            Level::Moderate => MdmLevel::Moderate,
            Level::High => MdmLevel::High,
        })
    }

    fn next(self) -> Option<Level> {
        Level::ALL.get(self as usize + 1).copied()
    }
}

/// A billed office E/M code. `level` is `None` for 99211 (no MDM or time threshold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmCode {
    pub family: Family,
    pub level: Option<Level>,
}

pub fn em_code(code: &str) -> Option<EmCode> {
    use Family::*;
    use Level::*;
    let (family, level) = match code {
        "99202" => (New, Some(Straightforward)),
        "99203" => (New, Some(Low)),
        "99204" => (New, Some(Moderate)),
        "99205" => (New, Some(High)),
        "99211" => (Established, None),
        "99212" => (Established, Some(Straightforward)),
        "99213" => (Established, Some(Low)),
        "99214" => (Established, Some(Moderate)),
        "99215" => (Established, Some(High)),
        _ => return None,
    };
    Some(EmCode { family, level })
}

pub fn is_office_em(code: &str) -> bool {
    em_code(code).is_some()
}

pub fn code_for(family: Family, level: Level) -> &'static str {
    match (family, level) {
        (Family::New, Level::Straightforward) => "99202",
        (Family::New, Level::Low) => "99203",
        (Family::New, Level::Moderate) => "99204",
        (Family::New, Level::High) => "99205",
        (Family::Established, Level::Straightforward) => "99212",
        (Family::Established, Level::Low) => "99213",
        (Family::Established, Level::Moderate) => "99214",
        (Family::Established, Level::High) => "99215",
    }
}

/// Total time on the date that meets each level (CPT 2024 office E/M time thresholds:
/// "must be met or exceeded").
fn minutes_for(family: Family, level: Level) -> u32 {
    match (family, level) {
        (Family::New, Level::Straightforward) => 15,
        (Family::New, Level::Low) => 30,
        (Family::New, Level::Moderate) => 45,
        (Family::New, Level::High) => 60,
        (Family::Established, Level::Straightforward) => 10,
        (Family::Established, Level::Low) => 20,
        (Family::Established, Level::Moderate) => 30,
        (Family::Established, Level::High) => 40,
    }
}

fn level_by_time(family: Family, minutes: u32) -> Option<Level> {
    Level::ALL.into_iter().rev().find(|&l| minutes >= minutes_for(family, l))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Element {
    Problems,
    Data,
    Risk,
}

impl Element {
    const ALL: [Element; 3] = [Element::Problems, Element::Data, Element::Risk];

    fn name(self) -> &'static str {
        match self {
            Element::Problems => "problems",
            Element::Data => "data",
            Element::Risk => "risk",
        }
    }

    fn of(self, mdm: &Mdm) -> Option<MdmLevel> {
        match self {
            Element::Problems => mdm.problems,
            Element::Data => mdm.data,
            Element::Risk => mdm.risk,
        }
    }

    /// The guideline's words: the data element's levels are minimal/limited/moderate/extensive.
    fn word(self, level: MdmLevel) -> &'static str {
        match (self, level) {
            (_, MdmLevel::Minimal) => "minimal",
            (Element::Data, MdmLevel::Low) => "limited",
            (_, MdmLevel::Low) => "low",
            (_, MdmLevel::Moderate) => "moderate",
            (Element::Data, MdmLevel::High) => "extensive",
            (_, MdmLevel::High) => "high",
        }
    }
}

/// What the visit documentation supports, as bounds: `low` is certainly supported,
/// `high` is the most the documentation could support once missing MDM elements are
/// filled in. With all three elements documented the bounds meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Support {
    pub family: Family,
    pub mdm_low: Option<Level>,
    pub mdm_high: Level,
    pub time: Option<Level>,
    pub low: Option<Level>,
    pub high: Level,
}

impl Support {
    /// `family` is the documented patient status (the billed family when it is missing).
    pub fn of(visit: &Visit, family: Family) -> Support {
        let mut known: Vec<Level> =
            Element::ALL.iter().filter_map(|e| visit.mdm.as_ref().and_then(|m| e.of(m))).map(Level::from_mdm).collect();
        known.sort();
        // The middle of three values: two of the three meet or exceed it.
        let (mdm_low, mdm_high) = match known.as_slice() {
            [_, mid, _] => (Some(*mid), *mid),
            [a, b] => (Some(*a), *b),
            _ => (None, Level::High),
        };
        let time = visit.total_minutes.and_then(|m| level_by_time(family, m));
        Support {
            family,
            mdm_low,
            mdm_high,
            time,
            low: mdm_low.max(time),
            high: mdm_high.max(time.unwrap_or(Level::Straightforward)),
        }
    }

    fn mdm_complete(&self) -> bool {
        self.mdm_low == Some(self.mdm_high)
    }
}

/// Each billed office E/M line with what its visit documentation supports.
struct EmLine<'a> {
    index: usize,
    charge: &'a Charge,
    billed: EmCode,
    visit: &'a Visit,
    support: Support,
}

fn em_lines<'a>(encounter: &'a Encounter) -> impl Iterator<Item = EmLine<'a>> + 'a {
    encounter.charges.iter().enumerate().filter_map(move |(index, charge)| {
        let billed = em_code(&charge.code)?;
        let visit = encounter.visit.as_ref()?;
        let family = documented_family(visit).unwrap_or(billed.family);
        Some(EmLine { index, charge, billed, visit, support: Support::of(visit, family) })
    })
}

fn documented_family(visit: &Visit) -> Option<Family> {
    visit.patient_status.map(|s| match s {
        PatientStatus::New => Family::New,
        PatientStatus::Established => Family::Established,
    })
}

/// "problems low, data limited, risk moderate" (missing elements say so).
fn documented_mdm(visit: &Visit) -> String {
    Element::ALL
        .iter()
        .map(|e| match visit.mdm.as_ref().and_then(|m| e.of(m)) {
            Some(l) => format!("{} {}", e.name(), e.word(l)),
            None => format!("{} not documented", e.name()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn documented_time(visit: &Visit) -> String {
    match visit.total_minutes {
        Some(m) => format!("{m} minutes of total time"),
        None => "no total time".to_string(),
    }
}

/// Where to look: MDM when it decides the level, else time.
fn level_path(s: &Support, level: Level) -> &'static str {
    if s.mdm_low.is_some_and(|m| m >= level) || s.time.is_none_or(|t| t < level) {
        "visit.mdm"
    } else {
        "visit.total_minutes"
    }
}

#[derive(serde::Deserialize)]
struct LevelParams {
    finding: LevelFinding,
}

#[derive(Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum LevelFinding {
    /// Billed above what the documentation can support.
    Overcoded,
    /// Billed below what the documentation certainly supports.
    Undercoded,
    /// Billed at the supported level: what would support the next one.
    NextLevel,
}

struct EmLevelCheck(LevelFinding);

impl Check for EmLevelCheck {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for line in em_lines(cx.encounter) {
            let s = line.support;
            let code = &line.charge.code;
            let i = line.index;
            match (self.0, line.billed.level) {
                (LevelFinding::Overcoded, Some(billed)) if billed > s.high => {
                    let right = code_for(s.family, s.high);
                    hits.push(
                        Hit::new(format!(
                            "{code} needs {} MDM or {} minutes of total time; the note supports {} ({} MDM: {}; {}).",
                            billed.word(),
                            minutes_for(s.family, billed),
                            right,
                            s.high.word(),
                            documented_mdm(line.visit),
                            documented_time(line.visit)
                        ))
                        .charge(i)
                        .path(level_path(&s, billed))
                        .suggest(Suggestion::ReplaceCode(right.to_string())),
                    );
                }
                (LevelFinding::Undercoded, Some(billed)) => {
                    if let Some(low) = s.low.filter(|&low| billed < low) {
                        let right = code_for(s.family, low);
                        hits.push(
                            Hit::new(format!(
                                "The note supports {right} ({}; {}), more than the {code} billed.",
                                documented_mdm(line.visit),
                                documented_time(line.visit)
                            ))
                            .charge(i)
                            .path(level_path(&s, low))
                            .suggest(Suggestion::ReplaceCode(right.to_string())),
                        );
                    }
                }
                (LevelFinding::NextLevel, billed) => {
                    // Only when the billed level is exactly what the note supports.
                    let next = match billed {
                        None => Some(Level::Straightforward),
                        Some(b) if s.low == Some(b) && s.high == b => b.next(),
                        Some(_) => None,
                    };
                    if let Some(next) = next.filter(|_| line.billed.family == s.family) {
                        hits.push(Hit::new(next_level_message(&line, next)).charge(i).path("visit.mdm"));
                    }
                }
                _ => {}
            }
        }
    }
}

fn next_level_message(line: &EmLine<'_>, next: Level) -> String {
    let s = &line.support;
    let code = code_for(s.family, next);
    let at_or_above: Vec<Element> = Element::ALL
        .into_iter()
        .filter(|e| line.visit.mdm.as_ref().and_then(|m| e.of(m)).is_some_and(|l| Level::from_mdm(l) >= next))
        .collect();
    let short: Vec<String> = Element::ALL
        .into_iter()
        .filter(|e| !at_or_above.contains(e))
        .map(|e| format!("{} {}", e.name(), next.element_word(e)))
        .collect();
    let more = 2usize.saturating_sub(at_or_above.len());
    let mdm_part = if more == 0 {
        String::new()
    } else {
        format!(" (document {} of: {})", if more == 1 { "one" } else { "two" }, short.join(", "))
    };
    let staff =
        if line.billed.level.is_none() { " by the physician or other qualified health care professional" } else { "" };
    format!(
        "{code} would need {} MDM{mdm_part}, or at least {} minutes of total time on the date{staff}; the note documents {}; {}.",
        next.word(),
        minutes_for(s.family, next),
        documented_mdm(line.visit),
        documented_time(line.visit)
    )
}

struct EmPatientStatus;

impl Check for EmPatientStatus {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for line in em_lines(cx.encounter) {
            let Some(documented) = documented_family(line.visit) else { continue };
            if documented == line.billed.family {
                continue;
            }
            let s = line.support;
            // The same level in the right family, unless the note cannot support that level.
            let level = line.billed.level.unwrap_or(Level::Straightforward).min(s.high);
            let right = code_for(documented, level);
            hits.push(
                Hit::new(format!(
                    "{} is an office E/M code for {} patients, but the note documents a {} patient; the {} patient code at this level is {right}.",
                    line.charge.code,
                    line.billed.family.word(),
                    documented.word(),
                    documented.word()
                ))
                .charge(line.index)
                .path("visit.patient_status")
                .suggest(Suggestion::ReplaceCode(right.to_string())),
            );
        }
    }
}

struct EmDocumentationMissing;

impl Check for EmDocumentationMissing {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            let Some(billed) = em_code(&charge.code) else { continue };
            let code = &charge.code;
            let Some(visit) = &cx.encounter.visit else {
                hits.push(
                    Hit::new(format!(
                        "{code} is billed but the note has no visit documentation (patient status, MDM or total time)."
                    ))
                    .charge(i)
                    .path("visit"),
                );
                continue;
            };
            if visit.patient_status.is_none() {
                hits.push(
                    Hit::new(format!(
                        "{code} is billed but the note does not say whether the patient is new or established."
                    ))
                    .charge(i)
                    .path("visit.patient_status"),
                );
            }
            let Some(level) = billed.level else { continue };
            let s = Support::of(visit, documented_family(visit).unwrap_or(billed.family));
            // Fires only when the missing parts decide: over-coding is certain otherwise.
            if s.low.is_some_and(|l| l >= level) || level > s.high || s.mdm_complete() {
                continue;
            }
            let missing: Vec<&str> = Element::ALL
                .iter()
                .filter(|e| visit.mdm.as_ref().and_then(|m| e.of(m)).is_none())
                .map(|e| e.name())
                .collect();
            let path = match &visit.mdm {
                None => "visit.mdm".to_string(),
                Some(_) => format!("visit.mdm.{}", missing.first().copied().unwrap_or("problems")),
            };
            hits.push(
                Hit::new(format!(
                    "{code} needs {} MDM or {} minutes of total time; the note documents {}; {}: document the missing MDM element{} ({}) or {}.",
                    level.word(),
                    minutes_for(s.family, level),
                    documented_mdm(visit),
                    documented_time(visit),
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", "),
                    if visit.total_minutes.is_some() { "the time, if more was spent" } else { "the total time" }
                ))
                .charge(i)
                .path(path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Visit;

    fn visit(p: Option<MdmLevel>, d: Option<MdmLevel>, r: Option<MdmLevel>, minutes: Option<u32>) -> Visit {
        Visit {
            patient_status: Some(PatientStatus::Established),
            mdm: Some(Mdm { problems: p, data: d, risk: r }),
            total_minutes: minutes,
            separately_identifiable: Some(false),
            decision_for_surgery: Some(false),
        }
    }

    use MdmLevel::*;

    #[test]
    fn mdm_level_is_the_middle_of_three() {
        let s = Support::of(&visit(Some(Low), Some(Low), Some(Moderate), None), Family::Established);
        assert_eq!((s.low, s.high), (Some(Level::Low), Level::Low));
        let s = Support::of(&visit(Some(High), Some(Minimal), Some(Moderate), None), Family::Established);
        assert_eq!((s.low, s.high), (Some(Level::Moderate), Level::Moderate));
        let s = Support::of(&visit(Some(Minimal), Some(Minimal), Some(High), None), Family::New);
        assert_eq!(s.high, Level::Straightforward);
    }

    #[test]
    fn missing_elements_give_bounds() {
        let s = Support::of(&visit(Some(Low), None, Some(High), None), Family::Established);
        assert_eq!((s.low, s.high), (Some(Level::Low), Level::High));
        let s = Support::of(&visit(Some(Low), None, None, None), Family::Established);
        assert_eq!((s.low, s.high), (None, Level::High));
    }

    #[test]
    fn time_thresholds_are_met_or_exceeded() {
        let t = |f, m| level_by_time(f, m);
        assert_eq!(t(Family::Established, 9), None);
        assert_eq!(t(Family::Established, 10), Some(Level::Straightforward));
        assert_eq!(t(Family::Established, 29), Some(Level::Low));
        assert_eq!(t(Family::Established, 30), Some(Level::Moderate));
        assert_eq!(t(Family::Established, 40), Some(Level::High));
        assert_eq!(t(Family::New, 14), None);
        assert_eq!(t(Family::New, 44), Some(Level::Low));
        assert_eq!(t(Family::New, 45), Some(Level::Moderate));
        assert_eq!(t(Family::New, 60), Some(Level::High));
    }

    #[test]
    fn the_higher_of_mdm_and_time_is_supported() {
        let s = Support::of(&visit(Some(Low), Some(Low), Some(Low), Some(41)), Family::Established);
        assert_eq!((s.low, s.high), (Some(Level::High), Level::High));
        let s = Support::of(&visit(Some(Moderate), Some(Moderate), Some(Low), Some(12)), Family::Established);
        assert_eq!(s.high, Level::Moderate);
    }

    #[test]
    fn codes_and_families() {
        assert_eq!(em_code("99211"), Some(EmCode { family: Family::Established, level: None }));
        assert_eq!(em_code("99201"), None, "deleted in 2021");
        assert_eq!(code_for(Family::New, Level::Low), "99203");
        for code in ["99202", "99203", "99204", "99205", "99212", "99213", "99214", "99215"] {
            let c = em_code(code).unwrap();
            assert_eq!(code_for(c.family, c.level.unwrap()), code);
        }
    }

    use serde_json::json;

    fn run(check: &dyn Check, visit: serde_json::Value, code: &str) -> Vec<Hit> {
        let kb = Knowledge::embedded().unwrap();
        let enc = json!({"date_of_service": "2026-06-11", "visit": visit, "charges": [{"code": code, "diagnosis_pointers": [1]}]});
        let e = crate::decode::decode_encounter(&enc).unwrap();
        let cx = Context::new(&e, None, e.date_of_service, e.date_of_service, &kb);
        let mut out = Vec::new();
        check.run(&cx, &mut out);
        out
    }

    fn v(status: &str, p: &str, d: &str, r: &str, minutes: Option<u32>) -> serde_json::Value {
        json!({"patient_status": status, "mdm": {"problems": p, "data": d, "risk": r}, "total_minutes": minutes})
    }

    #[test]
    fn code_99211_is_never_over_or_under_coded() {
        for visit in [
            v("established", "high", "high", "high", Some(60)),
            v("established", "minimal", "minimal", "minimal", None),
        ] {
            assert!(run(&EmLevelCheck(LevelFinding::Overcoded), visit.clone(), "99211").is_empty());
            assert!(run(&EmLevelCheck(LevelFinding::Undercoded), visit.clone(), "99211").is_empty());
            assert!(run(&EmDocumentationMissing, visit, "99211").is_empty());
        }
        // A new patient billed 99211: the lowest new-patient code.
        let h = run(&EmPatientStatus, v("new", "minimal", "minimal", "minimal", None), "99211");
        assert_eq!(h[0].suggestion, Some(Suggestion::ReplaceCode("99202".into())));
    }

    #[test]
    fn next_level_says_what_is_missing() {
        let h =
            run(&EmLevelCheck(LevelFinding::NextLevel), v("established", "low", "low", "moderate", Some(25)), "99213");
        assert_eq!(h.len(), 1);
        let m = &h[0].message;
        assert!(
            m.starts_with("99214 would need moderate MDM (document one of: problems moderate, data moderate)"),
            "{m}"
        );
        assert!(m.contains("at least 30 minutes") && m.contains("25 minutes of total time"), "{m}");
    }

    #[test]
    fn time_alone_can_carry_or_fail_the_level() {
        let visit = json!({"patient_status": "established", "total_minutes": 30});
        assert!(run(&EmDocumentationMissing, visit.clone(), "99214").is_empty());
        assert!(run(&EmLevelCheck(LevelFinding::Overcoded), visit.clone(), "99214").is_empty());
        let h = run(&EmDocumentationMissing, visit, "99215");
        assert_eq!(h[0].path.as_deref(), Some("visit.mdm"), "MDM could still support 99215");
        // Over-coding is certain when the documented elements cap the level.
        let capped = json!({"patient_status": "established", "mdm": {"problems": "low", "data": "minimal"}, "total_minutes": 30});
        let h = run(&EmLevelCheck(LevelFinding::Overcoded), capped, "99215");
        assert_eq!(h[0].suggestion, Some(Suggestion::ReplaceCode("99214".into())));
    }
}
