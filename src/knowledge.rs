//! Facts the checks share, loaded once from `rules/facts/` when a Validator is made:
//! the CPT/HCPCS codes the packs know (family, global period, add-on primaries) and the
//! place-of-service code set. Packs keep their own, narrower tables beside their checks.

use rustc_hash::FxHashMap;
use serde::Deserialize;

const CPT_CODES: &str = embedded_rules_file!("facts/cpt-codes.json");
const PLACE_OF_SERVICE: &str = embedded_rules_file!("facts/place-of-service.json");

/// Global surgery period (MPFS GLOB DAYS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Global {
    #[serde(rename = "000")]
    Days0,
    #[serde(rename = "010")]
    Days10,
    #[serde(rename = "090")]
    Days90,
    /// The global concept does not apply (E/M, drugs).
    #[serde(rename = "XXX")]
    NotApplicable,
    /// Add-on code: takes its primary code's global period.
    #[serde(rename = "ZZZ")]
    AddOn,
}

impl Global {
    /// Days after the procedure day that the period covers, when it is a period.
    pub fn days(self) -> Option<u32> {
        match self {
            Global::Days0 => Some(0),
            Global::Days10 => Some(10),
            Global::Days90 => Some(90),
            Global::NotApplicable | Global::AddOn => None,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct CodeFacts {
    pub code: String,
    /// Our own short label (never AMA descriptor text).
    pub label: String,
    pub global: Global,
    pub family: String,
    /// For add-on codes: the primary codes it is reported with.
    #[serde(default)]
    pub primaries: Vec<String>,
}

impl CodeFacts {
    pub fn is_add_on(&self) -> bool {
        self.global == Global::AddOn
    }
}

#[derive(Deserialize)]
struct CodeFile {
    codes: Vec<CodeFacts>,
}

#[derive(Deserialize)]
struct PlaceOfServiceFile {
    codes: FxHashMap<String, String>,
}

pub struct Knowledge {
    /// The ICD-10-CM FY2026 code set (decoded once per process).
    pub icd: &'static crate::icd10cm::CodeSet,
    /// NCCI PTP and MUE edits: the shipped subset of rules/ncci/, or tables a vendor
    /// loaded at run time (`Validator::load_ncci`).
    pub ncci: crate::ncci::NcciEdits,
    codes: FxHashMap<String, CodeFacts>,
    place_of_service: FxHashMap<String, String>,
}

impl Knowledge {
    pub fn embedded() -> Result<Knowledge, String> {
        let codes: CodeFile = serde_json::from_str(CPT_CODES).map_err(|e| format!("facts/cpt-codes.json: {e}"))?;
        let pos: PlaceOfServiceFile =
            serde_json::from_str(PLACE_OF_SERVICE).map_err(|e| format!("facts/place-of-service.json: {e}"))?;
        Ok(Knowledge {
            icd: crate::icd10cm::CodeSet::global(),
            ncci: crate::ncci::NcciEdits::embedded().map_err(|e| format!("rules/ncci: {e}"))?,
            codes: codes.codes.into_iter().map(|c| (c.code.clone(), c)).collect(),
            place_of_service: pos.codes,
        })
    }

    pub fn code(&self, code: &str) -> Option<&CodeFacts> {
        self.codes.get(code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &CodeFacts> {
        self.codes.values()
    }

    pub fn place_of_service(&self, code: &str) -> Option<&str> {
        self.place_of_service.get(code).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_facts_load_and_are_consistent() {
        let kb = Knowledge::embedded().unwrap();
        assert_eq!(kb.code("11402").unwrap().global, Global::Days10);
        assert!(kb.code("17003").unwrap().is_add_on());
        assert_eq!(kb.place_of_service("11"), Some("Office"));
        assert_eq!(kb.place_of_service("30"), None);
        for facts in kb.codes() {
            // every add-on names primaries, and every primary is a known, non-add-on code
            assert_eq!(facts.is_add_on(), !facts.primaries.is_empty(), "{}", facts.code);
            for p in &facts.primaries {
                let primary = kb.code(p).unwrap_or_else(|| panic!("{} names unknown {p}", facts.code));
                assert!(!primary.is_add_on() || facts.code == "17315", "{p}");
            }
        }
    }
}
