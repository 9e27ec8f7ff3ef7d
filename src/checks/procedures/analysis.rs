//! What the documentation supports: from the lesions and procedures alone, the charge
//! lines (code, units, the procedures and lesions they bill) each family's coding facts
//! lead to, and the documentation each family still needs.
//!
//! The same analysis feeds the checks (which compare it with the billed lines) and
//! `suggest_charges` (which returns it), so suggested charges agree with the checks by
//! construction.

use super::facts::{DermFacts, LesionClass};
use super::{biopsy, counted, destruction, excision, incision, mohs, repair, shave};
use crate::knowledge::Knowledge;
use crate::model::{Encounter, ProcedureType};

/// The procedure families of the rule pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Excision,
    Shave,
    Biopsy,
    Repair,
    Destruction,
    Mohs,
    SkinTags,
    Injection,
    IncisionDrainage,
}

impl Family {
    pub const ALL: [Family; 9] = [
        Family::Excision,
        Family::Shave,
        Family::Biopsy,
        Family::Repair,
        Family::Destruction,
        Family::Mohs,
        Family::SkinTags,
        Family::Injection,
        Family::IncisionDrainage,
    ];

    pub fn of_procedure(kind: &ProcedureType) -> Option<Family> {
        Some(match kind {
            ProcedureType::Excision => Family::Excision,
            ProcedureType::Shave => Family::Shave,
            ProcedureType::Biopsy => Family::Biopsy,
            ProcedureType::Repair => Family::Repair,
            ProcedureType::Destruction => Family::Destruction,
            ProcedureType::Mohs => Family::Mohs,
            ProcedureType::SkinTagRemoval => Family::SkinTags,
            ProcedureType::IntralesionalInjection => Family::Injection,
            ProcedureType::IncisionDrainage => Family::IncisionDrainage,
            ProcedureType::Other(_) => return None,
        })
    }

    /// The family of a billed code, from the code families in `cpt-codes.json`.
    pub fn of_code(kb: &Knowledge, code: &str) -> Option<Family> {
        Some(match kb.code(code)?.family.as_str() {
            "benign_excision" | "malignant_excision" => Family::Excision,
            "shave" => Family::Shave,
            "biopsy" => Family::Biopsy,
            "simple_repair" | "intermediate_repair" | "complex_repair" => Family::Repair,
            "premalignant_destruction" | "benign_destruction" | "malignant_destruction" => Family::Destruction,
            "mohs" => Family::Mohs,
            "skin_tags" => Family::SkinTags,
            "intralesional_injection" => Family::Injection,
            "incision_drainage" => Family::IncisionDrainage,
            _ => return None,
        })
    }

    /// The word rule parameters use.
    pub fn word(self) -> &'static str {
        match self {
            Family::Excision => "excision",
            Family::Shave => "shave",
            Family::Biopsy => "biopsy",
            Family::Repair => "repair",
            Family::Destruction => "destruction",
            Family::Mohs => "mohs",
            Family::SkinTags => "skin_tags",
            Family::Injection => "intralesional_injection",
            Family::IncisionDrainage => "incision_drainage",
        }
    }

    pub fn from_word(word: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.word() == word)
    }

    /// How a note names the procedure.
    pub fn label(self) -> &'static str {
        match self {
            Family::Excision => "excision",
            Family::Shave => "shave removal",
            Family::Biopsy => "biopsy",
            Family::Repair => "repair",
            Family::Destruction => "destruction",
            Family::Mohs => "Mohs surgery",
            Family::SkinTags => "skin tag removal",
            Family::Injection => "intralesional injection",
            Family::IncisionDrainage => "incision and drainage",
        }
    }
}

/// Where the documented facts behind a code live, by the axis of the code they decide.
#[derive(Clone, Copy, Debug, Default)]
pub struct Paths {
    /// Benign vs malignant, simple vs intermediate vs complex, destruction class.
    pub class: Option<FieldPath>,
    /// Site group or biopsy technique.
    pub group: Option<FieldPath>,
    /// Size or count band.
    pub size: Option<FieldPath>,
    /// What sets the units (count, length, stages, blocks).
    pub units: Option<FieldPath>,
}

/// A documented field ("lesions[2].site"), kept as its parts and written out only when a
/// finding reports it: the analysis runs on every call, findings are rare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldPath {
    list: &'static str,
    index: usize,
    field: &'static str,
}

impl FieldPath {
    pub fn lesion(index: usize, field: &'static str) -> FieldPath {
        FieldPath { list: "lesions", index, field }
    }

    pub fn procedure(index: usize, field: &'static str) -> FieldPath {
        FieldPath { list: "procedures", index, field }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}].{}", self.list, self.index, self.field)
    }
}

impl From<FieldPath> for String {
    fn from(path: FieldPath) -> String {
        path.to_string()
    }
}

/// What decides a documented line's code, in the note's words ("excised diameter 1.4 +
/// 2 x 0.2 = 1.8 cm ..."): the sentence is written only when a finding quotes it.
#[derive(Clone)]
pub struct Basis(std::rc::Rc<dyn Fn() -> String>);

impl Basis {
    pub fn new(write: impl Fn() -> String + 'static) -> Basis {
        Basis(std::rc::Rc::new(write))
    }
}

impl std::fmt::Display for Basis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&(self.0)())
    }
}

impl std::fmt::Debug for Basis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Basis({:?})", (self.0)())
    }
}

impl Expected {
    /// One unit of a code chosen by one lesion's size band and site group (excision,
    /// shave, malignant destruction): the lesion's site and diameter decide it, and the
    /// procedure's lesion list sets the units. `class` names the lesion field that decides
    /// benign vs malignant, when it matters.
    pub fn sized_lesion(
        family: Family,
        code: &'static str,
        alt: Option<&'static str>,
        procedure: usize,
        lesion: usize,
        class: Option<&'static str>,
        basis: Basis,
    ) -> Expected {
        Expected {
            family,
            code,
            alt,
            units: 1,
            procedures: vec![procedure],
            lesions: vec![lesion],
            bundled: false,
            basis,
            paths: Paths {
                class: class.map(|field| FieldPath::lesion(lesion, field)),
                group: Some(FieldPath::lesion(lesion, "site")),
                size: Some(FieldPath::lesion(lesion, "diameter_cm")),
                units: Some(FieldPath::procedure(procedure, "lesions")),
            },
        }
    }
}

/// One charge line the documentation supports.
#[derive(Clone, Debug)]
pub struct Expected {
    pub family: Family,
    pub code: &'static str,
    /// Another code the documentation equally supports (pathology pending, or pathology
    /// and diagnosis disagreeing on benign vs malignant).
    pub alt: Option<&'static str>,
    pub units: u32,
    /// Procedure indexes this line bills.
    pub procedures: Vec<usize>,
    /// Lesion indexes this line concerns.
    pub lesions: Vec<usize>,
    /// Documented but not reported separately (a bundling rule reports a billed one).
    pub bundled: bool,
    /// What decides the code, in the note's words ("excised diameter 1.4 + 2 x 0.2 = 1.8 cm ...").
    pub basis: Basis,
    pub paths: Paths,
}

/// Documentation a procedure's code needs and the note lacks.
#[derive(Clone, Debug)]
pub struct Gap {
    pub family: Family,
    pub procedure: usize,
    pub path: String,
    pub problem: String,
    /// When set, only a billed line with this code needs the field.
    pub only_with: Option<&'static str>,
}

/// Procedures documented in a way no code of their family reports.
#[derive(Clone, Debug)]
pub struct Unreportable {
    pub family: Family,
    pub procedures: Vec<usize>,
    pub path: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub expected: Vec<Expected>,
    pub gaps: Vec<Gap>,
    pub unreportable: Vec<Unreportable>,
    /// Per procedure: documented but not reported separately (biopsy of a lesion removed
    /// the same day, simple repair of an excision's own wound).
    pub bundled: Vec<bool>,
    /// Each procedure's lesions, resolved once.
    pub index: Index,
}

impl Analysis {
    pub(super) fn gap(&mut self, family: Family, procedure: usize, path: String, problem: impl Into<String>) {
        self.gaps.push(Gap { family, procedure, path, problem: problem.into(), only_with: None });
    }

    /// The site and diameter of a lesion whose code is chosen by site group and size band
    /// (excision, shave, malignant destruction). `what` names the lesion ("excised"),
    /// `by_diameter` says how its diameter chooses the code.
    pub(super) fn need_site_and_diameter(
        &mut self,
        family: Family,
        procedure: usize,
        e: &Encounter,
        lesion: usize,
        what: &str,
        by_diameter: &str,
    ) {
        let l = &e.lesions[lesion];
        if l.site.is_none() {
            let problem = format!("The {what} lesion's site is missing; it selects the site group of the code.");
            self.gap(family, procedure, format!("lesions[{lesion}].site"), problem);
        }
        if l.diameter.is_none() {
            let problem = format!("The {what} lesion's diameter is missing; {by_diameter}.");
            self.gap(family, procedure, format!("lesions[{lesion}].diameter_cm"), problem);
        }
    }

    pub fn has_gap(&self, procedure: usize) -> bool {
        self.gaps.iter().any(|g| g.procedure == procedure && g.only_with.is_none())
    }

    /// Codes the documentation supports anywhere in the encounter (not bundled).
    pub fn supports_code(&self, code: &str) -> bool {
        self.expected.iter().any(|e| !e.bundled && (e.code == code || e.alt == Some(code)))
    }
}

/// How the documentation is read.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// `hints[i]`: the lesion class to assume for destruction procedure `i` where the note
    /// does not say (a destruction without listed lesions, or a lesion with no diagnosis
    /// or pathology). Validation takes it from the billed line; suggestion from the
    /// diagnoses.
    pub hints: Vec<Option<LesionClass>>,
    /// Treat Mohs surgery as removing its lesion for biopsies of the same day. Validation
    /// does not (a diagnostic biopsy before Mohs can be reportable); suggestion does, so
    /// it never proposes a line that needs that judgement.
    pub mohs_removes_biopsied_lesion: bool,
}

pub fn analyze(e: &Encounter, facts: &'static DermFacts, hints: &[Option<LesionClass>]) -> Analysis {
    analyze_with(e, facts, &Reading { hints: hints.to_vec(), ..Reading::default() })
}

pub fn analyze_with(e: &Encounter, facts: &'static DermFacts, reading: &Reading) -> Analysis {
    let hints = &reading.hints[..];
    let index = Index::new(e);
    let ix = &index;
    let mut a = Analysis { bundled: vec![false; e.procedures.len()], ..Analysis::default() };
    excision::expect(&mut a, e, ix, facts);
    shave::expect(&mut a, e, ix, facts);
    biopsy::expect(&mut a, e, ix, facts, reading.mohs_removes_biopsied_lesion);
    repair::expect(&mut a, e, ix, facts);
    destruction::expect(&mut a, e, ix, facts, hints);
    mohs::expect(&mut a, e, ix, facts);
    counted::expect(&mut a, e, ix, facts);
    incision::expect(&mut a, e, ix, facts);
    a.index = index;
    a
}

/// Each procedure's lesions as indexes, resolved once (a note may list hundreds of
/// lesions; looking ids up one by one would be quadratic).
#[derive(Clone, Debug, Default)]
pub struct Index {
    lesions: Vec<Vec<usize>>,
}

impl Index {
    pub fn new(e: &Encounter) -> Index {
        let by_id: rustc_hash::FxHashMap<&str, usize> =
            e.lesions.iter().enumerate().map(|(j, l)| (l.id.as_str(), j)).collect();
        let lesions = e
            .procedures
            .iter()
            .map(|p| {
                let mut seen: Vec<usize> = p.lesions.iter().filter_map(|id| by_id.get(id.as_str()).copied()).collect();
                // A lesion listed twice is one lesion.
                let mut unique = Vec::with_capacity(seen.len());
                for j in seen.drain(..) {
                    if !unique.contains(&j) {
                        unique.push(j);
                    }
                }
                unique
            })
            .collect();
        Index { lesions }
    }

    pub fn lesions_of(&self, procedure: usize) -> &[usize] {
        &self.lesions[procedure]
    }
}

/// Lesion indexes of a procedure (the decoder guarantees references resolve; an
/// unresolved one is skipped rather than trusted).
pub(super) fn lesion_indexes(ix: &Index, procedure: usize) -> impl Iterator<Item = usize> + '_ {
    ix.lesions[procedure].iter().copied()
}

/// Procedure indexes of one family, in note order.
pub(super) fn procedures_of(e: &Encounter, family: Family) -> impl Iterator<Item = usize> + '_ {
    e.procedures.iter().enumerate().filter(move |(_, p)| Family::of_procedure(&p.kind) == Some(family)).map(|(i, _)| i)
}

/// The class a lesion's documentation gives: its diagnosis first, then its pathology.
pub(super) fn lesion_class(e: &Encounter, lesion: usize, facts: &DermFacts) -> Option<LesionClass> {
    use crate::model::Pathology;
    let l = &e.lesions[lesion];
    let dx = l.diagnosis.as_deref();
    let d = &facts.diagnoses;
    if dx.is_some_and(|c| d.is_malignant_or_in_situ(c)) || l.pathology == Some(Pathology::Malignant) {
        return Some(LesionClass::Malignant);
    }
    if dx.is_some_and(|c| d.premalignant.contains(c)) || l.pathology == Some(Pathology::Premalignant) {
        return Some(LesionClass::Premalignant);
    }
    if dx.is_some() || matches!(l.pathology, Some(Pathology::Benign) | Some(Pathology::Uncertain)) {
        return Some(LesionClass::Benign);
    }
    None
}

/// "on the upper arm (trunk, arms, legs)": a lesion's site and the site group its code
/// is chosen by, for basis sentences.
pub(super) fn on_site(site: crate::model::Site, group: super::facts::LesionGroup) -> String {
    format!("on the {} ({})", site.word().replace('_', " "), group.label())
}

/// "1 lesion", "3 lesions".
pub(super) fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
