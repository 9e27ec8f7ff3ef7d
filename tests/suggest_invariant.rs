//! The invariant of "generate charges from the note": charges suggested from any valid
//! documentation validate with no error, from any rule the validator holds.
//!
//! Documentation is generated the way a dermatology note is: lesions with a site, a side,
//! a size and a diagnosis that agrees with both (picked from the ICD-10-CM code set by
//! site and side), the procedures such lesions get (excision with repairs, shave, biopsy,
//! destruction, Mohs, skin tags, injections, incision and drainage), and the claim fields
//! a signed note carries. Removal of benign lesions under Medicare carries an indication,
//! as the LCD requires of valid documentation.

use chargecheck::icd10cm::{CodeSet, Laterality as IcdSide};
use chargecheck::suggest::suggest_charges;
use chargecheck::{Date, Validator};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::{json, Value};

const SITES: [&str; 23] = [
    "scalp",
    "forehead",
    "cheek",
    "chin",
    "face",
    "nose",
    "ear",
    "eyelid",
    "lip",
    "mucous_membrane",
    "neck",
    "axilla",
    "chest",
    "back",
    "abdomen",
    "trunk",
    "arm",
    "hand",
    "finger",
    "leg",
    "foot",
    "toe",
    "genitalia",
];
const COMPLEXITIES: [&str; 3] = ["simple", "intermediate", "complex"];
/// Sites a lesion is documented on one side of (the rest are documented midline).
const SIDED: [&str; 11] = ["cheek", "ear", "eyelid", "axilla", "arm", "hand", "finger", "leg", "foot", "toe", "back"];

#[derive(Clone, Copy, Debug)]
enum Kind {
    Nevus,
    SeborrheicKeratosis,
    InflamedSeborrheicKeratosis,
    Uncertain,
    Melanoma,
    InSitu,
    ActinicKeratosis,
    Wart,
    SkinTag,
}

#[derive(Clone, Debug)]
struct LesionSpec {
    site: usize,
    left: bool,
    kind: Kind,
    diameter: u32, // hundredths of a cm
    /// Which of the kind's procedures (modulo how many it has).
    procedure: usize,
    margin: u32,
    repair: Option<(usize, u32)>, // (complexity index, extra length in hundredths)
    pending: bool,
    stages: Vec<u32>,
}

#[derive(Clone, Debug)]
struct Extras {
    ak_count: Option<u32>,
    injections: Option<u32>,
    abscess: Option<(usize, bool, bool)>, // (site among limb sites, left, complicated)
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Nevus),
        Just(Kind::SeborrheicKeratosis),
        Just(Kind::InflamedSeborrheicKeratosis),
        Just(Kind::Uncertain),
        Just(Kind::Melanoma),
        Just(Kind::InSitu),
        Just(Kind::ActinicKeratosis),
        Just(Kind::Wart),
        Just(Kind::SkinTag),
    ]
}

fn lesion_spec() -> impl Strategy<Value = LesionSpec> {
    (
        0..SITES.len(),
        any::<bool>(),
        kind(),
        // Sizes include the band edges and tenths that float arithmetic gets wrong.
        prop_oneof![1u32..=600, Just(50u32), Just(100), Just(200), Just(260), Just(300), Just(400)],
        0usize..6,
        prop_oneof![0u32..=100, Just(20u32), Just(25)],
        proptest::option::of((0usize..3, 0u32..=1200)),
        proptest::bool::weighted(0.1),
        proptest::collection::vec(1u32..=8, 1..=4),
    )
        .prop_map(|(site, left, kind, diameter, procedure, margin, repair, pending, stages)| LesionSpec {
            site,
            left,
            kind,
            diameter: diameter.max(1),
            procedure,
            margin,
            repair,
            pending,
            stages,
        })
}

fn extras() -> impl Strategy<Value = Extras> {
    (
        proptest::option::weighted(0.3, 1u32..=30),
        proptest::option::weighted(0.3, 1u32..=12),
        proptest::option::weighted(0.2, (0usize..5, any::<bool>(), any::<bool>())),
    )
        .prop_map(|(ak_count, injections, abscess)| Extras { ak_count, injections, abscess })
}

fn cm(hundredths: u32) -> Value {
    json!(f64::from(hundredths) / 100.0)
}

/// A billable diagnosis for the lesion that agrees with its site and side.
fn diagnosis(kind: Kind, site: &str, side: Option<IcdSide>) -> Option<(String, &'static str)> {
    let cs = CodeSet::global();
    let site = chargecheck::model::Site::from_word(site)?;
    let by_site = |header: &str| cs.header_child_for(header, site, side);
    Some(match kind {
        Kind::Nevus => (by_site("D22")?, "benign"),
        Kind::SeborrheicKeratosis => ("L82.1".into(), "benign"),
        Kind::InflamedSeborrheicKeratosis => ("L82.0".into(), "benign"),
        Kind::Uncertain => ("D48.5".into(), "uncertain"),
        Kind::Melanoma => (by_site("C43")?, "malignant"),
        Kind::InSitu => (by_site("D04")?, "malignant"),
        Kind::ActinicKeratosis => ("L57.0".into(), "premalignant"),
        Kind::Wart => ("B07.8".into(), ""),
        Kind::SkinTag => ("L91.8".into(), ""),
    })
}

/// Builds the encounter (without charges) from the specs.
fn encounter(specs: &[LesionSpec], extras: &Extras) -> Value {
    let mut diagnoses: Vec<String> = Vec::new();
    let mut add_dx = |code: &str| {
        if !diagnoses.iter().any(|d| d == code) {
            diagnoses.push(code.to_string());
        }
    };
    let mut lesions = Vec::new();
    let mut procedures = Vec::new();
    let (mut aks, mut warts, mut tags) = (Vec::new(), Vec::new(), Vec::new());
    for (n, s) in specs.iter().enumerate() {
        let site = SITES[s.site];
        let sided = SIDED.contains(&site);
        let (lat, side) = match (sided, s.left) {
            (true, true) => ("left", Some(IcdSide::Left)),
            (true, false) => ("right", Some(IcdSide::Right)),
            (false, _) => ("midline", None),
        };
        let (kind, (dx, pathology)) = match diagnosis(s.kind, site, side) {
            Some(found) => (s.kind, found),
            None => (Kind::Uncertain, ("D48.5".to_string(), "uncertain")),
        };
        add_dx(&dx);
        let id = format!("L{n}");
        let benign_removal = matches!(kind, Kind::Nevus | Kind::SeborrheicKeratosis | Kind::Wart | Kind::SkinTag);
        let symptoms: Vec<&str> = if benign_removal { vec!["irritated"] } else { vec![] };
        let pathology: Value = match (pathology, s.pending && matches!(kind, Kind::Nevus | Kind::Uncertain)) {
            (_, true) => json!("pending"),
            ("", _) => Value::Null,
            (p, _) => json!(p),
        };
        lesions.push(json!({"id": id, "site": site, "laterality": lat, "diameter_cm": cm(s.diameter), "diagnosis": dx, "pathology": pathology, "symptoms": symptoms}));
        let pid = |what: &str| format!("{what}{n}");
        let excision = |procedures: &mut Vec<Value>| {
            let closure = match s.repair {
                Some((1, _)) => "intermediate",
                Some((2, _)) => "complex",
                _ => "simple",
            };
            procedures.push(json!({"id": pid("X"), "type": "excision", "lesions": [id], "margin_cm": cm(s.margin), "closure": closure}));
            if let Some((complexity, extra)) = s.repair {
                let length = s.diameter + 2 * s.margin + extra;
                procedures.push(json!({"id": pid("R"), "type": "repair", "lesions": [id], "site": site,
                    "complexity": COMPLEXITIES[complexity], "length_cm": cm(length.min(10_000))}));
            }
        };
        let biopsy = |procedures: &mut Vec<Value>| {
            let technique = ["tangential", "punch", "incisional"][s.procedure % 3];
            procedures.push(json!({"id": pid("B"), "type": "biopsy", "lesions": [id], "technique": technique}));
        };
        let mohs = |procedures: &mut Vec<Value>| {
            procedures.push(
                json!({"id": pid("M"), "type": "mohs", "lesions": [id], "stages": s.stages.len(), "blocks": s.stages}),
            );
            if let Some((complexity, extra)) = s.repair {
                procedures.push(json!({"id": pid("R"), "type": "repair", "lesions": [id], "site": site,
                    "complexity": COMPLEXITIES[complexity], "length_cm": cm(s.diameter + extra)}));
            }
        };
        match kind {
            Kind::Nevus | Kind::SeborrheicKeratosis | Kind::InflamedSeborrheicKeratosis | Kind::Uncertain => {
                match s.procedure {
                    0 | 1 => excision(&mut procedures),
                    2 => {
                        procedures.push(json!({"id": pid("S"), "type": "shave", "lesions": [id]}));
                    }
                    3 => biopsy(&mut procedures),
                    4 => {
                        biopsy(&mut procedures);
                        excision(&mut procedures);
                    }
                    _ => {
                        biopsy(&mut procedures);
                        procedures.push(json!({"id": pid("S"), "type": "shave", "lesions": [id]}));
                    }
                }
            }
            Kind::Melanoma | Kind::InSitu => match s.procedure {
                0 | 1 => excision(&mut procedures),
                2 => mohs(&mut procedures),
                3 => biopsy(&mut procedures),
                4 => {
                    biopsy(&mut procedures);
                    mohs(&mut procedures);
                }
                _ => {
                    procedures
                        .push(json!({"id": pid("D"), "type": "destruction", "lesions": [id], "method": "curettage"}));
                }
            },
            Kind::ActinicKeratosis => {
                if s.procedure == 0 {
                    biopsy(&mut procedures);
                } else {
                    aks.push(id);
                }
            }
            Kind::Wart => warts.push(id),
            Kind::SkinTag => tags.push(id),
        }
    }
    if !aks.is_empty() {
        procedures.push(json!({"id": "DAK", "type": "destruction", "lesions": aks, "method": "cryotherapy"}));
    }
    if !warts.is_empty() {
        procedures.push(json!({"id": "DW", "type": "destruction", "lesions": warts, "method": "cryotherapy"}));
    }
    if !tags.is_empty() {
        procedures.push(json!({"id": "T", "type": "skin_tag_removal", "lesions": tags}));
    }
    if let Some(n) = extras.ak_count {
        add_dx("L57.0");
        procedures.push(json!({"id": "DC", "type": "destruction", "lesions": [], "method": "cryotherapy", "count": n}));
    }
    if let Some(n) = extras.injections {
        add_dx("L91.0");
        procedures.push(json!({"id": "K", "type": "intralesional_injection", "lesions": [], "count": n}));
    }
    if let Some((site, left, complicated)) = extras.abscess {
        let site = ["axilla", "arm", "hand", "leg", "foot"][site];
        let side = if left { IcdSide::Left } else { IcdSide::Right };
        let site_word = chargecheck::model::Site::from_word(site).expect("a contract site word");
        if let Some(dx) = CodeSet::global().header_child_for("L02.41", site_word, Some(side)) {
            add_dx(&dx);
            lesions.push(
                json!({"id": "A1", "site": site, "laterality": if left { "left" } else { "right" }, "diameter_cm": 2.0,
                "diagnosis": dx, "pathology": null, "symptoms": ["painful"]}),
            );
            procedures
                .push(json!({"id": "ID", "type": "incision_drainage", "lesions": ["A1"], "complicated": complicated}));
        }
    }
    json!({
        "date_of_service": "2026-04-07",
        "place_of_service": "11",
        "patient": {"birth_date": "1946-03-14", "sex": "F"},
        "coverage": {"payer": "medicare", "plan_type": "medicare", "member_id": "GENERATED01", "effective": "2011-03-01", "terminates": null, "eligibility_checked_on": "2026-04-07"},
        "providers": {"rendering_npi": "1647283906", "billing_npi": "1452038692"},
        "authorizations": [],
        "prior_procedures": [],
        "diagnoses": diagnoses.iter().map(|c| json!({"code": c})).collect::<Vec<_>>(),
        "lesions": lesions,
        "procedures": procedures,
        "charges": [],
        "signed_on": "2026-04-07"
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("INVARIANT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(384), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn suggested_charges_validate_without_error(
        specs in proptest::collection::vec(lesion_spec(), 0..6),
        extras in extras(),
    ) {
        let validator = Validator::new().unwrap();
        let mut note = encounter(&specs, &extras);
        let decoded = chargecheck::decode::decode_encounter(&note).map_err(|e| TestCaseError::fail(e.message))?;
        let charges = suggest_charges(&decoded, validator.knowledge()).map_err(TestCaseError::fail)?;
        note["charges"] = serde_json::to_value(&charges).unwrap();
        let result = validator.validate_value(&note, Date::parse("2026-04-07").unwrap()).unwrap();
        let errors: Vec<_> = result.findings.iter().filter(|f| f.severity == chargecheck::finding::Severity::Error).collect();
        prop_assert!(errors.is_empty(), "suggested {} for\n{}\ndraw errors {:#?}", serde_json::to_string(&charges).unwrap(), note, errors);
    }
}

#[test]
fn the_generator_reaches_every_family() {
    // Guards the property test against a generator that quietly stops producing work.
    let validator = Validator::new().unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (proptest::collection::vec(lesion_spec(), 1..6), extras());
    let mut codes = std::collections::BTreeSet::new();
    for _ in 0..300 {
        let (specs, extras) = strategy.new_tree(&mut runner).unwrap().current();
        let note = chargecheck::decode::decode_encounter(&encounter(&specs, &extras)).unwrap();
        for c in suggest_charges(&note, validator.knowledge()).unwrap() {
            codes.insert(validator.knowledge().code(&c.code).unwrap().family.clone());
        }
    }
    for family in [
        "benign_excision",
        "malignant_excision",
        "shave",
        "biopsy",
        "intermediate_repair",
        "complex_repair",
        "premalignant_destruction",
        "benign_destruction",
        "malignant_destruction",
        "mohs",
        "skin_tags",
        "intralesional_injection",
        "incision_drainage",
    ] {
        assert!(codes.contains(family), "no {family} line in 300 generated notes: {codes:?}");
    }
}
