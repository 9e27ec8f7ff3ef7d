//! The contract's `Encounter` (CONTRACT.md section 1) as typed Rust.
//!
//! Everything but `date_of_service` and `charges` may be missing, so most fields are
//! `Option`s: a check that needs a missing part reports it as missing documentation.
//! Arrays that are missing decode as empty. Input is decoded by [`crate::decode`], which
//! names every bad field by path instead of stopping at the first.

use crate::date::Date;
use crate::length::Length;
use serde::Serialize;
// TypeScript declarations for the npm package (src/typescript.rs). The `ts` attributes
// give the contract's JSON shape where it differs from the Rust one: optional fields,
// renamed fields, lists that may be left out.
use ts_rs::TS;

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Encounter {
    pub date_of_service: Date,
    pub place_of_service: Option<String>,
    pub patient: Option<Patient>,
    pub coverage: Option<Coverage>,
    pub providers: Option<Providers>,
    #[ts(as = "Option<_>")]
    pub authorizations: Vec<Authorization>,
    #[ts(as = "Option<_>")]
    pub prior_procedures: Vec<PriorProcedure>,
    pub visit: Option<Visit>,
    #[ts(as = "Option<_>")]
    pub diagnoses: Vec<Diagnosis>,
    #[ts(as = "Option<_>")]
    pub lesions: Vec<Lesion>,
    #[ts(as = "Option<_>")]
    pub procedures: Vec<Procedure>,
    pub charges: Vec<Charge>,
    pub signed_on: Option<Date>,
    /// Extension (README "Overrides"): findings the clinician or coder has reviewed.
    #[ts(as = "Option<_>")]
    pub overrides: Vec<Override>,
}

impl Default for Date {
    fn default() -> Self {
        Date::from_days_since_epoch(0)
    }
}

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Patient {
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, TS)]
pub enum Sex {
    F,
    M,
    U,
}

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Coverage {
    pub payer: Option<String>,
    pub plan_type: Option<PlanType>,
    pub member_id: Option<String>,
    pub effective: Option<Date>,
    pub terminates: Option<Date>,
    pub eligibility_checked_on: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanType {
    Medicare,
    MedicareAdvantage,
    Medicaid,
    Commercial,
    SelfPay,
}

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Providers {
    pub rendering_npi: Option<String>,
    pub billing_npi: Option<String>,
}

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Authorization {
    pub number: Option<String>,
    #[ts(as = "Option<_>")]
    pub codes: Vec<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// `None` = unlimited.
    pub units: Option<u32>,
}

#[derive(Clone, Debug, TS)]
#[ts(optional_fields = nullable)]
pub struct PriorProcedure {
    pub date: Date,
    pub code: String,
    #[ts(as = "Option<_>")]
    pub diagnoses: Vec<String>,
}

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Visit {
    pub patient_status: Option<PatientStatus>,
    pub mdm: Option<Mdm>,
    pub total_minutes: Option<u32>,
    pub separately_identifiable: Option<bool>,
    pub decision_for_surgery: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, TS)]
#[ts(rename_all = "snake_case")]
pub enum PatientStatus {
    New,
    Established,
}

#[derive(Clone, Debug, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Mdm {
    pub problems: Option<MdmLevel>,
    pub data: Option<MdmLevel>,
    pub risk: Option<MdmLevel>,
}

/// One MDM element's level, ordered from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, TS)]
#[ts(rename_all = "snake_case")]
pub enum MdmLevel {
    Minimal,
    Low,
    Moderate,
    High,
}

#[derive(Clone, Debug, TS)]
pub struct Diagnosis {
    pub code: String,
}

#[derive(Clone, Debug, TS)]
#[ts(optional_fields = nullable)]
pub struct Lesion {
    pub id: String,
    pub site: Option<Site>,
    pub laterality: Option<Laterality>,
    /// Greatest clinical diameter in centimetres.
    #[ts(rename = "diameter_cm")]
    pub diameter: Option<Length>,
    pub diagnosis: Option<String>,
    pub pathology: Option<Pathology>,
    #[ts(as = "Option<_>")]
    pub symptoms: Vec<String>,
}

/// The contract's site words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    Scalp,
    Forehead,
    Cheek,
    Chin,
    Face,
    Nose,
    Ear,
    Eyelid,
    Lip,
    MucousMembrane,
    Neck,
    Axilla,
    Chest,
    Back,
    Abdomen,
    Trunk,
    Arm,
    Hand,
    Finger,
    Leg,
    Foot,
    Toe,
    Genitalia,
}

impl Site {
    pub const ALL: [Site; 23] = [
        Site::Scalp,
        Site::Forehead,
        Site::Cheek,
        Site::Chin,
        Site::Face,
        Site::Nose,
        Site::Ear,
        Site::Eyelid,
        Site::Lip,
        Site::MucousMembrane,
        Site::Neck,
        Site::Axilla,
        Site::Chest,
        Site::Back,
        Site::Abdomen,
        Site::Trunk,
        Site::Arm,
        Site::Hand,
        Site::Finger,
        Site::Leg,
        Site::Foot,
        Site::Toe,
        Site::Genitalia,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Site::Scalp => "scalp",
            Site::Forehead => "forehead",
            Site::Cheek => "cheek",
            Site::Chin => "chin",
            Site::Face => "face",
            Site::Nose => "nose",
            Site::Ear => "ear",
            Site::Eyelid => "eyelid",
            Site::Lip => "lip",
            Site::MucousMembrane => "mucous_membrane",
            Site::Neck => "neck",
            Site::Axilla => "axilla",
            Site::Chest => "chest",
            Site::Back => "back",
            Site::Abdomen => "abdomen",
            Site::Trunk => "trunk",
            Site::Arm => "arm",
            Site::Hand => "hand",
            Site::Finger => "finger",
            Site::Leg => "leg",
            Site::Foot => "foot",
            Site::Toe => "toe",
            Site::Genitalia => "genitalia",
        }
    }

    pub fn from_word(word: &str) -> Option<Site> {
        Site::ALL.into_iter().find(|s| s.word() == word)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Laterality {
    Left,
    Right,
    Midline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, TS)]
#[ts(rename_all = "snake_case")]
pub enum Pathology {
    Benign,
    Premalignant,
    Malignant,
    Pending,
    Uncertain,
}

#[derive(Clone, Debug, TS)]
#[ts(optional_fields = nullable)]
pub struct Procedure {
    pub id: String,
    #[ts(rename = "type")]
    pub kind: ProcedureType,
    #[ts(as = "Option<_>")]
    pub lesions: Vec<String>,
    /// Narrowest margin in centimetres (excision).
    #[ts(rename = "margin_cm")]
    pub margin: Option<Length>,
    pub closure: Option<Closure>,
    pub site: Option<Site>,
    pub complexity: Option<RepairComplexity>,
    /// Length of this wound's repair in centimetres.
    #[ts(rename = "length_cm")]
    pub length: Option<Length>,
    pub technique: Option<BiopsyTechnique>,
    pub method: Option<DestructionMethod>,
    pub count: Option<u32>,
    pub stages: Option<u32>,
    pub blocks: Option<Vec<u32>>,
    pub complicated: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, TS)]
#[ts(rename_all = "snake_case")]
pub enum ProcedureType {
    Excision,
    Repair,
    Shave,
    Biopsy,
    Destruction,
    Mohs,
    SkinTagRemoval,
    IntralesionalInjection,
    IncisionDrainage,
    /// A type this version does not know: reported as `info`, never an error.
    #[ts(untagged)]
    Other(String),
}

impl ProcedureType {
    pub fn from_word(word: &str) -> ProcedureType {
        match word {
            "excision" => ProcedureType::Excision,
            "repair" => ProcedureType::Repair,
            "shave" => ProcedureType::Shave,
            "biopsy" => ProcedureType::Biopsy,
            "destruction" => ProcedureType::Destruction,
            "mohs" => ProcedureType::Mohs,
            "skin_tag_removal" => ProcedureType::SkinTagRemoval,
            "intralesional_injection" => ProcedureType::IntralesionalInjection,
            "incision_drainage" => ProcedureType::IncisionDrainage,
            other => ProcedureType::Other(other.to_string()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, TS)]
#[ts(rename_all = "snake_case")]
pub enum Closure {
    Simple,
    Intermediate,
    Complex,
    AdjacentTissueTransfer,
    Graft,
    SecondaryIntention,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(rename_all = "snake_case")]
pub enum RepairComplexity {
    Simple,
    Intermediate,
    Complex,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, TS)]
#[ts(rename_all = "snake_case")]
pub enum BiopsyTechnique {
    Tangential,
    Punch,
    Incisional,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, TS)]
#[ts(rename_all = "snake_case")]
pub enum DestructionMethod {
    Cryotherapy,
    Electrodesiccation,
    Curettage,
    Laser,
    Chemical,
    Surgical,
}

#[derive(Clone, Debug, TS)]
#[ts(optional_fields = nullable)]
pub struct Charge {
    pub code: String,
    #[ts(as = "Option<_>")]
    pub modifiers: Vec<String>,
    /// Decoded as any integer so that units below 1 are a finding (claim_data), not an error.
    /// Default 1.
    #[ts(as = "Option<_>")]
    pub units: i64,
    /// 1-based indexes into `diagnoses`, at most 4, as on the CMS-1500 (box 24E).
    #[ts(as = "Option<_>")]
    pub diagnosis_pointers: Vec<i64>,
    /// Ids of the procedures this line bills.
    #[ts(as = "Option<_>")]
    pub procedures: Vec<String>,
}

/// Extension: a reviewed finding. `charge: None` matches findings on any line.
#[derive(Clone, Debug, TS)]
#[ts(optional_fields = nullable)]
pub struct Override {
    pub rule: String,
    pub charge: Option<usize>,
    pub reason: String,
}

impl Encounter {
    pub fn lesion_index(&self, id: &str) -> Option<usize> {
        self.lesions.iter().position(|l| l.id == id)
    }

    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id == id)
    }
}
