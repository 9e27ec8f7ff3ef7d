//! The small fixed set of check kinds that interpret the rules in `rules/packs/`.
//!
//! A rule's `check` object names a `kind` and carries that kind's parameters; `build`
//! turns it into a [`Check`] once, when the Validator is made, so that `validate` (which
//! runs on every keystroke) only walks typed data.
//!
//! Each pack module exposes `build(kind, spec, kb)` returning `None` for kinds it does not
//! own. A check reports [`Hit`]s; the engine turns them into findings with the rule's id,
//! severity and category, so a check cannot disagree with its rule's metadata.

pub mod claim_data;
pub mod edits;
pub mod icd;
pub mod modifiers;
pub mod procedures;
pub mod readiness;
pub mod visit;

use crate::date::Date;
use crate::finding::Suggestion;
use crate::knowledge::Knowledge;
use crate::model::Encounter;
use crate::payer::PayerProfile;
use serde_json::Value;

/// What a check sees.
///
/// Build it with [`Context::new`]; the per-call caches start empty and live only for one
/// `validate` call.
pub struct Context<'a> {
    pub encounter: &'a Encounter,
    /// The payer profile `coverage` selects, if any.
    pub profile: Option<&'a PayerProfile>,
    /// The note's signing date: `signed_on`, or today when the note does not say.
    pub signed_on: Date,
    /// Today's date, supplied by the front end (the core never reads a clock).
    pub today: Date,
    pub kb: &'a Knowledge,
    /// The procedure pack's reading of the note (lines tied to procedures, what the
    /// documentation supports), which a dozen of its rules share: computed once per call.
    pub procedure_sessions: procedures::SessionCache<'a>,
    /// The ICD pack's normalized codes and code-set lookups, shared by its rules.
    pub icd_codes: icd::CallCache<'a>,
}

impl<'a> Context<'a> {
    pub fn new(
        encounter: &'a Encounter,
        profile: Option<&'a PayerProfile>,
        signed_on: Date,
        today: Date,
        kb: &'a Knowledge,
    ) -> Context<'a> {
        Context {
            encounter,
            profile,
            signed_on,
            today,
            kb,
            procedure_sessions: Default::default(),
            icd_codes: Default::default(),
        }
    }
}

/// One thing a check found; the engine adds the rule's identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub message: String,
    pub charge: Option<usize>,
    pub path: Option<String>,
    pub suggestion: Option<Suggestion>,
}

impl Hit {
    pub fn new(message: impl Into<String>) -> Hit {
        Hit { message: message.into(), charge: None, path: None, suggestion: None }
    }

    pub fn charge(mut self, index: usize) -> Hit {
        self.charge = Some(index);
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Hit {
        self.path = Some(path.into());
        self
    }

    pub fn suggest(mut self, suggestion: Suggestion) -> Hit {
        self.suggestion = Some(suggestion);
        self
    }
}

pub trait Check: Send + Sync {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>);
}

type Builder = fn(&str, &Value, &Knowledge) -> Option<Result<Box<dyn Check>, String>>;

/// Every pack's builder; a new pack adds its `build` here.
const BUILDERS: &[Builder] = &[
    claim_data::build, // claim fields (NPI, POS, pointers, code shape, units, dates)
    icd::build,        // ICD-10-CM validity, Excludes1, laterality and site (issue 3)
    procedures::build, // dermatology procedure families (issue 9)
    visit::build,      // E/M level and patient status (issue 4)
    modifiers::build,  // 25/57/24/79/58/78, 59/X{EPSU}, laterality, 51 (issue 4)
    edits::build,      // NCCI PTP and MUE edits from the CMS file layouts (issue 4)
    readiness::build,  // authorization, eligibility, timely filing, credentialing (issue 5)
];

/// Builds the check a rule's `check` object describes.
pub fn build(spec: &Value, kb: &Knowledge) -> Result<Box<dyn Check>, String> {
    let kind = spec.get("kind").and_then(Value::as_str).ok_or("check.kind is missing")?;
    BUILDERS.iter().find_map(|b| b(kind, spec, kb)).unwrap_or_else(|| Err(format!("unknown check kind {kind:?}")))
}

/// Parses a check's parameters (the whole `check` object) into a typed struct.
pub fn params<T: serde::de::DeserializeOwned>(spec: &Value) -> Result<T, String> {
    T::deserialize(spec).map_err(|e| format!("check parameters: {e}"))
}
