//! The Encounter walk (CONTRACT.md section 1).

use super::{non_null, Decoder, Map, Path, Value};
use crate::error::{InputError, InputKind};
use crate::model::*;
use rustc_hash::FxHashSet;

const SEXES: &[(&str, Sex)] = &[("F", Sex::F), ("M", Sex::M), ("U", Sex::U)];
const PLAN_TYPES: &[(&str, PlanType)] = &[
    ("medicare", PlanType::Medicare),
    ("medicare_advantage", PlanType::MedicareAdvantage),
    ("medicaid", PlanType::Medicaid),
    ("commercial", PlanType::Commercial),
    ("self_pay", PlanType::SelfPay),
];
const PATIENT_STATUSES: &[(&str, PatientStatus)] =
    &[("new", PatientStatus::New), ("established", PatientStatus::Established)];
const MDM_LEVELS: &[(&str, MdmLevel)] = &[
    ("minimal", MdmLevel::Minimal),
    ("low", MdmLevel::Low),
    ("moderate", MdmLevel::Moderate),
    ("high", MdmLevel::High),
];
const LATERALITIES: &[(&str, Laterality)] =
    &[("left", Laterality::Left), ("right", Laterality::Right), ("midline", Laterality::Midline)];
const PATHOLOGIES: &[(&str, Pathology)] = &[
    ("benign", Pathology::Benign),
    ("premalignant", Pathology::Premalignant),
    ("malignant", Pathology::Malignant),
    ("pending", Pathology::Pending),
    ("uncertain", Pathology::Uncertain),
];
const CLOSURES: &[(&str, Closure)] = &[
    ("simple", Closure::Simple),
    ("intermediate", Closure::Intermediate),
    ("complex", Closure::Complex),
    ("adjacent_tissue_transfer", Closure::AdjacentTissueTransfer),
    ("graft", Closure::Graft),
    ("secondary_intention", Closure::SecondaryIntention),
];
const COMPLEXITIES: &[(&str, RepairComplexity)] = &[
    ("simple", RepairComplexity::Simple),
    ("intermediate", RepairComplexity::Intermediate),
    ("complex", RepairComplexity::Complex),
];
const TECHNIQUES: &[(&str, BiopsyTechnique)] = &[
    ("tangential", BiopsyTechnique::Tangential),
    ("punch", BiopsyTechnique::Punch),
    ("incisional", BiopsyTechnique::Incisional),
];
const METHODS: &[(&str, DestructionMethod)] = &[
    ("cryotherapy", DestructionMethod::Cryotherapy),
    ("electrodesiccation", DestructionMethod::Electrodesiccation),
    ("curettage", DestructionMethod::Curettage),
    ("laser", DestructionMethod::Laser),
    ("chemical", DestructionMethod::Chemical),
    ("surgical", DestructionMethod::Surgical),
];

/// Most lesions, tags or injections one procedure may count.
const MAX_COUNT: u32 = 1000;
/// Units on one line beyond this are a typing error, not a claim.
const MAX_UNITS: i64 = 9999;

/// Decodes and cross-checks an Encounter given as a `serde_json::Value`.
pub fn decode_encounter(value: &serde_json::Value) -> Result<Encounter, InputError> {
    decode_encounter_json(&Value::from_serde(value))
}

/// Decodes and cross-checks an Encounter; the error names every bad field.
pub fn decode_encounter_json(value: &Value<'_>) -> Result<Encounter, InputError> {
    let mut d = Decoder::new(InputKind::Encounter);
    let root = Path::ROOT;
    let Some(map) = d.object(value, &root) else { return d.finish(Encounter::default()) };

    let date_of_service = d.req_date(map, "date_of_service", &root);
    // Required, but an empty list is fine (a note with nothing billed yet).
    let _ = d.required(map, "charges", &root);
    let encounter = Encounter {
        date_of_service: date_of_service.unwrap_or_default(),
        place_of_service: d.opt_string(map, "place_of_service", &root),
        patient: object_field(&mut d, map, "patient", &root, patient),
        coverage: object_field(&mut d, map, "coverage", &root, coverage),
        providers: object_field(&mut d, map, "providers", &root, providers),
        authorizations: d.array(map, "authorizations", &root, |d, v, p| {
            let m = d.object(v, p)?;
            Some(authorization(d, m, p))
        }),
        prior_procedures: d.array(map, "prior_procedures", &root, |d, v, p| {
            let m = d.object(v, p)?;
            prior_procedure(d, m, p)
        }),
        visit: object_field(&mut d, map, "visit", &root, visit),
        diagnoses: d.array(map, "diagnoses", &root, |d, v, p| {
            let m = d.object(v, p)?;
            Some(Diagnosis { code: d.req_string(m, "code", p)? })
        }),
        lesions: d.array(map, "lesions", &root, |d, v, p| {
            let m = d.object(v, p)?;
            lesion(d, m, p)
        }),
        procedures: d.array(map, "procedures", &root, |d, v, p| {
            let m = d.object(v, p)?;
            procedure(d, m, p)
        }),
        charges: d.array(map, "charges", &root, |d, v, p| {
            let m = d.object(v, p)?;
            charge(d, m, p)
        }),
        signed_on: d.opt_date(map, "signed_on", &root),
        overrides: d.array(map, "overrides", &root, |d, v, p| {
            let m = d.object(v, p)?;
            override_entry(d, m, p)
        }),
    };
    cross_references(&mut d, map, &encounter);
    d.finish(encounter)
}

fn object_field<T>(
    d: &mut Decoder,
    map: &Map<'_>,
    name: &str,
    path: &Path<'_>,
    decode: impl FnOnce(&mut Decoder, &Map<'_>, &Path<'_>) -> T,
) -> Option<T> {
    let v = non_null(map, name)?;
    let path = path.field(name);
    let m = d.object(v, &path)?;
    Some(decode(d, m, &path))
}

fn patient(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Patient {
    Patient { birth_date: d.opt_date(m, "birth_date", p), sex: d.opt_word(m, "sex", p, SEXES) }
}

fn coverage(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Coverage {
    Coverage {
        payer: d.opt_string(m, "payer", p),
        plan_type: d.opt_word(m, "plan_type", p, PLAN_TYPES),
        member_id: d.opt_string(m, "member_id", p),
        effective: d.opt_date(m, "effective", p),
        terminates: d.opt_date(m, "terminates", p),
        eligibility_checked_on: d.opt_date(m, "eligibility_checked_on", p),
    }
}

fn providers(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Providers {
    Providers { rendering_npi: d.opt_string(m, "rendering_npi", p), billing_npi: d.opt_string(m, "billing_npi", p) }
}

fn authorization(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Authorization {
    Authorization {
        number: d.opt_string(m, "number", p),
        codes: d.string_array(m, "codes", p),
        start: d.opt_date(m, "start", p),
        end: d.opt_date(m, "end", p),
        units: d.opt_count(m, "units", p, 1_000_000),
    }
}

fn prior_procedure(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Option<PriorProcedure> {
    let date = d.req_date(m, "date", p);
    let code = d.req_string(m, "code", p);
    let diagnoses = d.string_array(m, "diagnoses", p);
    Some(PriorProcedure { date: date?, code: code?, diagnoses })
}

fn visit(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Visit {
    Visit {
        patient_status: d.opt_word(m, "patient_status", p, PATIENT_STATUSES),
        mdm: non_null(m, "mdm").and_then(|v| {
            let path = p.field("mdm");
            let mm = d.object(v, &path)?;
            Some(Mdm {
                problems: d.opt_word(mm, "problems", &path, MDM_LEVELS),
                data: d.opt_word(mm, "data", &path, MDM_LEVELS),
                risk: d.opt_word(mm, "risk", &path, MDM_LEVELS),
            })
        }),
        total_minutes: d.opt_count(m, "total_minutes", p, 24 * 60),
        separately_identifiable: d.opt_bool(m, "separately_identifiable", p),
        decision_for_surgery: d.opt_bool(m, "decision_for_surgery", p),
    }
}

fn lesion(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Option<Lesion> {
    let id = d.req_string(m, "id", p);
    let site = non_null(m, "site").and_then(|v| site_word(d, v, &p.field("site")));
    // Every field is decoded before giving up on a missing id, so all errors are named.
    let laterality = d.opt_word(m, "laterality", p, LATERALITIES);
    let diameter = d.opt_length(m, "diameter_cm", p);
    let diagnosis = d.opt_string(m, "diagnosis", p);
    let pathology = d.opt_word(m, "pathology", p, PATHOLOGIES);
    let symptoms = d.string_array(m, "symptoms", p);
    Some(Lesion { id: id?, site, laterality, diameter, diagnosis, pathology, symptoms })
}

fn site_word(d: &mut Decoder, v: &Value, path: &Path<'_>) -> Option<Site> {
    match v {
        Value::String(s) => {
            let site = Site::from_word(s);
            if site.is_none() {
                d.error(path, "unknown site word; see the contract's site list");
            }
            site
        }
        other => {
            d.error(path, format!("expected a site word, found {}", super::kind_of(other)));
            None
        }
    }
}

fn procedure(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Option<Procedure> {
    let id = d.req_string(m, "id", p);
    let kind = d.req_string(m, "type", p).map(|t| ProcedureType::from_word(&t));
    let site = non_null(m, "site").and_then(|v| site_word(d, v, &p.field("site")));
    let blocks = non_null(m, "blocks").map(|v| {
        let path = p.field("blocks");
        d.items(v, &path, &mut |d, v, p| d.integer(v, p, 0, 1000).map(|i| i as u32))
    });
    let lesions = d.string_array(m, "lesions", p);
    let procedure = Procedure {
        lesions,
        margin: d.opt_length(m, "margin_cm", p),
        closure: d.opt_word(m, "closure", p, CLOSURES),
        site,
        complexity: d.opt_word(m, "complexity", p, COMPLEXITIES),
        length: d.opt_length(m, "length_cm", p),
        technique: d.opt_word(m, "technique", p, TECHNIQUES),
        method: d.opt_word(m, "method", p, METHODS),
        count: d.opt_count(m, "count", p, MAX_COUNT),
        stages: d.opt_count(m, "stages", p, 100),
        blocks,
        complicated: d.opt_bool(m, "complicated", p),
        id: String::new(),
        kind: ProcedureType::Shave,
    };
    Some(Procedure { id: id?, kind: kind?, ..procedure })
}

fn charge(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Option<Charge> {
    let code = d.req_string(m, "code", p);
    let units = match non_null(m, "units") {
        None => Some(1),
        Some(v) => d.integer(v, &p.field("units"), -MAX_UNITS, MAX_UNITS),
    };
    let modifiers = d.string_array(m, "modifiers", p);
    let diagnosis_pointers = d.array(m, "diagnosis_pointers", p, |d, v, p| d.integer(v, p, -999, 999));
    let procedures = d.string_array(m, "procedures", p);
    Some(Charge { code: code?, modifiers, units: units?, diagnosis_pointers, procedures })
}

fn override_entry(d: &mut Decoder, m: &Map<'_>, p: &Path<'_>) -> Option<Override> {
    let rule = d.req_string(m, "rule", p);
    let charge = non_null(m, "charge").and_then(|v| d.integer(v, &p.field("charge"), 0, 9999)).map(|i| i as usize);
    let reason = d.req_string(m, "reason", p);
    Some(Override { rule: rule?, charge, reason: reason? })
}

/// Ids must be unique and references must resolve. Reported by the JSON path of the
/// offending entry, which is why this reads the raw map (to keep original indexes even
/// when an earlier item failed to decode).
fn cross_references(d: &mut Decoder, map: &Map<'_>, e: &Encounter) {
    let root = Path::ROOT;
    let ids_of = |name: &str| -> Vec<Option<&str>> {
        match map.get(name) {
            Some(Value::Array(items)) => items.iter().map(|it| it.get("id").and_then(Value::as_str)).collect(),
            _ => Vec::new(),
        }
    };
    let lesion_ids = ids_of("lesions");
    let procedure_ids = ids_of("procedures");
    for (name, ids) in [("lesions", &lesion_ids), ("procedures", &procedure_ids)] {
        let mut seen = FxHashSet::default();
        let list = root.field(name);
        for (i, id) in ids.iter().enumerate() {
            if let Some(id) = id {
                if !seen.insert(*id) {
                    let item = list.index(i);
                    d.error(&item.field("id"), "duplicate id: another item in this list has the same id");
                }
            }
        }
    }
    let lesion_set: FxHashSet<&str> = e.lesions.iter().map(|l| l.id.as_str()).collect();
    let procedure_set: FxHashSet<&str> = e.procedures.iter().map(|p| p.id.as_str()).collect();
    let check_refs = |d: &mut Decoder, list: &str, field: &str, known: &FxHashSet<&str>, what: &str| {
        let Some(Value::Array(items)) = map.get(list) else { return };
        let list_path = root.field(list);
        let total: usize = items
            .iter()
            .map(|it| match it.get(field) {
                Some(Value::Array(r)) => r.len(),
                _ => 0,
            })
            .sum();
        if total > super::MAX_REFERENCES {
            d.error(
                &list_path,
                format!("{total} {what} references across all items; the limit is {} (a note's procedures and lines refer to a few dozen)", super::MAX_REFERENCES),
            );
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let Some(Value::Array(refs)) = item.get(field) else { continue };
            let item_path = list_path.index(i);
            let field_path = item_path.field(field);
            for (j, r) in refs.iter().enumerate() {
                if let Some(r) = r.as_str() {
                    if !known.contains(r) {
                        d.error(&field_path.index(j), format!("refers to no {what} in this encounter"));
                    }
                }
            }
        }
    };
    check_refs(d, "procedures", "lesions", &lesion_set, "lesion id");
    check_refs(d, "charges", "procedures", &procedure_set, "procedure id");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(v: serde_json::Value) -> Vec<String> {
        decode_encounter(&v).unwrap_err().fields.into_iter().map(|f| f.path).collect()
    }

    #[test]
    fn minimal_encounter_decodes() {
        let e = decode_encounter(&json!({"date_of_service": "2026-04-07", "charges": []})).unwrap();
        assert_eq!(e.date_of_service.to_string(), "2026-04-07");
        assert!(e.charges.is_empty() && e.patient.is_none());
    }

    #[test]
    fn names_every_bad_field_by_path() {
        let got = paths(json!({
            "date_of_service": "2026-02-30",
            "patient": {"birth_date": 19460314, "sex": "X"},
            "lesions": [
                {"id": "L1", "site": "elbow", "diameter_cm": -1.0},
                {"id": "L1", "site": "back", "diameter_cm": 250}
            ],
            "procedures": [{"id": "P1", "type": "excision", "lesions": ["L9"], "margin_cm": "0.2"}],
            "charges": [{"code": "11402", "units": 1.5, "diagnosis_pointers": ["1"], "procedures": ["P7"]}]
        }));
        for want in [
            "date_of_service",
            "patient.birth_date",
            "patient.sex",
            "lesions[0].site",
            "lesions[0].diameter_cm",
            "lesions[1].id",
            "lesions[1].diameter_cm",
            "procedures[0].lesions[0]",
            "procedures[0].margin_cm",
            "charges[0].units",
            "charges[0].diagnosis_pointers[0]",
            "charges[0].procedures[0]",
        ] {
            assert!(got.iter().any(|p| p == want), "missing {want} in {got:?}");
        }
    }

    #[test]
    fn required_fields_are_reported() {
        assert_eq!(paths(json!({})), vec!["charges", "date_of_service"]);
        assert_eq!(paths(json!({"date_of_service": "2026-01-01", "charges": [{}]})), vec!["charges[0].code"]);
        assert_eq!(paths(json!([1, 2])), vec![""]);
    }

    #[test]
    fn units_default_to_one_and_zero_is_left_to_the_rules() {
        let e = decode_encounter(&json!({"date_of_service": "2026-01-01",
            "charges": [{"code": "17000"}, {"code": "17003", "units": 0}]}))
        .unwrap();
        assert_eq!((e.charges[0].units, e.charges[1].units), (1, 0));
    }

    #[test]
    fn unknown_procedure_types_decode() {
        let e = decode_encounter(&json!({"date_of_service": "2026-01-01", "charges": [],
            "procedures": [{"id": "P1", "type": "laser_resurfacing"}]}))
        .unwrap();
        assert_eq!(e.procedures[0].kind, ProcedureType::Other("laser_resurfacing".into()));
    }
}
