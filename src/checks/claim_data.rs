//! Claim-data checks: the fields of the CMS-1500 claim that are not clinical facts
//! (NPIs, place of service, diagnosis pointers, code shape, units, dates).

use super::{Check, Context, Hit};
use crate::knowledge::Knowledge;
use serde_json::Value;

pub fn build(kind: &str, spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let check: Box<dyn Check> = match kind {
        "npi_check_digit" => Box::new(NpiCheckDigit),
        "place_of_service_code" => Box::new(PlaceOfServiceCode),
        "diagnosis_pointers" => {
            return Some(super::params::<PointerParams>(spec).map(|p| Box::new(DiagnosisPointers(p)) as Box<dyn Check>))
        }
        "procedure_code_format" => Box::new(ProcedureCodeFormat),
        "units_at_least_one" => Box::new(UnitsAtLeastOne),
        "service_date_not_after_signing" => Box::new(ServiceDateNotAfterSigning),
        "unknown_procedure_type" => Box::new(UnknownProcedureType),
        _ => return None,
    };
    Some(Ok(check))
}

/// Whether a string is a valid NPI: ten digits whose last is the Luhn check digit computed
/// over the card-issuer prefix 80840 followed by the first nine digits.
pub fn npi_is_valid(npi: &str) -> bool {
    let digits: Vec<u32> = npi.chars().filter_map(|c| c.to_digit(10)).collect();
    if npi.len() != 10 || digits.len() != 10 {
        return false;
    }
    // Luhn over "80840" + 9 digits: double every second digit from the right of the
    // 14-digit payload (the check digit itself is excluded).
    let payload: Vec<u32> = [8, 0, 8, 4, 0].into_iter().chain(digits[..9].iter().copied()).collect();
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10 == digits[9]
}

struct NpiCheckDigit;

impl Check for NpiCheckDigit {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        // An integrator that does not send `providers` fills them downstream; only a
        // providers object that is sent is checked (no nagging about what is not ours).
        let Some(providers) = &cx.encounter.providers else { return };
        for (field, label, value) in [
            ("rendering_npi", "rendering", &providers.rendering_npi),
            ("billing_npi", "billing", &providers.billing_npi),
        ] {
            let path = format!("providers.{field}");
            match value.as_deref() {
                None | Some("") => hits.push(Hit::new(format!("The {label} NPI is missing.")).path(path)),
                Some(npi) if !npi_is_valid(npi) => hits.push(
                    Hit::new(format!(
                        "The {label} NPI is not a valid NPI: it must be 10 digits whose last digit is the check digit (Luhn over 80840 + the first nine)."
                    ))
                    .path(path),
                ),
                Some(_) => {}
            }
        }
    }
}

struct PlaceOfServiceCode;

impl Check for PlaceOfServiceCode {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        match cx.encounter.place_of_service.as_deref() {
            None => hits.push(Hit::new("The place of service is missing.").path("place_of_service")),
            Some(pos) if cx.kb.place_of_service(pos).is_none() => hits.push(
                Hit::new("The place of service is not a code in the CMS place-of-service code set (two digits, e.g. 11 for office).")
                    .path("place_of_service"),
            ),
            Some(_) => {}
        }
    }
}

#[derive(serde::Deserialize)]
struct PointerParams {
    /// CMS-1500 box 24E holds at most four pointers.
    max_per_line: usize,
}

struct DiagnosisPointers(PointerParams);

impl Check for DiagnosisPointers {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let listed = cx.encounter.diagnoses.len();
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            let path = format!("charges[{i}].diagnosis_pointers");
            if charge.diagnosis_pointers.is_empty() {
                hits.push(
                    Hit::new(format!("Line {} ({}) points to no diagnosis.", i + 1, charge.code)).charge(i).path(path),
                );
                continue;
            }
            if charge.diagnosis_pointers.len() > self.0.max_per_line {
                hits.push(
                    Hit::new(format!(
                        "Line {} has {} diagnosis pointers; the claim form takes at most {}.",
                        i + 1,
                        charge.diagnosis_pointers.len(),
                        self.0.max_per_line
                    ))
                    .charge(i)
                    .path(path.clone()),
                );
            }
            for (j, &pointer) in charge.diagnosis_pointers.iter().enumerate() {
                if pointer < 1 || pointer as usize > listed {
                    hits.push(
                        Hit::new(format!(
                            "Line {} points to diagnosis {pointer}, but the encounter lists {listed} diagnos{}.",
                            i + 1,
                            if listed == 1 { "is" } else { "es" }
                        ))
                        .charge(i)
                        .path(format!("{path}[{j}]")),
                    );
                }
            }
        }
    }
}

/// CPT Category I (5 digits), Category II (4 digits + F), Category III (4 digits + T),
/// HCPCS Level II (a letter A-V + 4 digits).
pub fn procedure_code_shape_ok(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 5 {
        return false;
    }
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    (digits(b))
        || (digits(&b[..4]) && (b[4] == b'F' || b[4] == b'T'))
        || ((b'A'..=b'V').contains(&b[0]) && digits(&b[1..]))
}

struct ProcedureCodeFormat;

impl Check for ProcedureCodeFormat {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            if !procedure_code_shape_ok(&charge.code) {
                hits.push(
                    Hit::new(format!(
                        "Line {}: the code is not shaped like a CPT or HCPCS code (five digits; four digits and F or T; or a letter A-V and four digits).",
                        i + 1
                    ))
                    .charge(i)
                    .path(format!("charges[{i}].code")),
                );
            }
        }
    }
}

struct UnitsAtLeastOne;

impl Check for UnitsAtLeastOne {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for (i, charge) in cx.encounter.charges.iter().enumerate() {
            if charge.units < 1 {
                hits.push(
                    Hit::new(format!(
                        "Line {} ({}) bills {} units; a claim line needs at least 1.",
                        i + 1,
                        charge.code,
                        charge.units
                    ))
                    .charge(i)
                    .path(format!("charges[{i}].units")),
                );
            }
        }
    }
}

struct ServiceDateNotAfterSigning;

impl Check for ServiceDateNotAfterSigning {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let dos = cx.encounter.date_of_service;
        if dos > cx.signed_on {
            let when = if cx.encounter.signed_on.is_some() { "the note's signing date" } else { "today" };
            hits.push(
                Hit::new(format!(
                    "The date of service {dos} is after {when} ({}): a service cannot be billed before it happens.",
                    cx.signed_on
                ))
                .path("date_of_service"),
            );
        }
    }
}

struct UnknownProcedureType;

impl Check for UnknownProcedureType {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        for (i, p) in cx.encounter.procedures.iter().enumerate() {
            if let crate::model::ProcedureType::Other(_) = p.kind {
                hits.push(
                    Hit::new(format!("Procedure {} has a type this rules version does not check; its lines are not validated against documentation.", p.id))
                        .path(format!("procedures[{i}].type")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npi_check_digit() {
        // CMS's worked example: 123456789 -> check digit 3.
        assert!(npi_is_valid("1234567893"));
        assert!(!npi_is_valid("1234567890"));
        assert!(npi_is_valid("1452038692"));
        assert!(!npi_is_valid("1452038691"));
        assert!(!npi_is_valid("145203869"));
        assert!(!npi_is_valid("14520386921"));
        assert!(!npi_is_valid("145203869a"));
        assert!(!npi_is_valid("１４５２０３８６９２"));
    }

    #[test]
    fn code_shapes() {
        for ok in ["11402", "99213", "0479T", "1000F", "J3301", "G2211"] {
            assert!(procedure_code_shape_ok(ok), "{ok}");
        }
        for bad in ["1140", "114022", "W1234", "J330", "j3301", "11 02", "11402 "] {
            assert!(!procedure_code_shape_ok(bad), "{bad}");
        }
    }
}
