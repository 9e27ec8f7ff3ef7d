//! Claim readiness: prior authorization, eligibility, timely filing, credentialing and
//! patient demographics (issue 5). These are process failures rather than coding errors,
//! and the cheapest to prevent at the moment of signing.
//!
//! Checks that need payer rules read them from the payer profile `coverage` selects; with
//! no profile (self-pay, or no coverage sent) they stay silent. A self-pay encounter files
//! no claim, so none of the coverage checks apply to it.

use super::claim_data::npi_is_valid;
use super::{Check, Context, Hit};
use crate::date::Date;
use crate::knowledge::Knowledge;
use crate::model::{Authorization, Coverage, PlanType};
use crate::payer::PayerProfile;
use serde_json::Value;

pub fn build(kind: &str, spec: &Value, _kb: &Knowledge) -> Option<Result<Box<dyn Check>, String>> {
    let check: Box<dyn Check> = match kind {
        "authorization_on_file" => Box::new(AuthorizationOnFile),
        "coverage_active_on_service_date" => Box::new(CoverageActive),
        "eligibility_check_fresh" => Box::new(EligibilityCheckFresh),
        "eligibility_checked" => Box::new(EligibilityChecked),
        "filing_limit_passed" => Box::new(FilingLimit { past: true }),
        "filing_limit_near" => Box::new(FilingLimit { past: false }),
        "rendering_npi_enrolled" => Box::new(RenderingNpiEnrolled),
        "patient_birth_date_plausible" => {
            return Some(super::params::<BirthDateParams>(spec).and_then(|p| {
                if p.max_age_years == 0 || p.max_age_years > 150 {
                    Err("max_age_years must be between 1 and 150".into())
                } else {
                    Ok(Box::new(PatientBirthDate(p)) as Box<dyn Check>)
                }
            }))
        }
        "patient_sex_present" => Box::new(PatientSex),
        _ => return None,
    };
    Some(Ok(check))
}

/// The coverage a claim will be filed against: sent, and not self-pay.
fn billed_coverage<'a>(cx: &Context<'a>) -> Option<&'a Coverage> {
    cx.encounter.coverage.as_ref().filter(|c| c.plan_type != Some(PlanType::SelfPay))
}

/// The payer profile for a claim that will be filed.
fn billed_profile<'a>(cx: &Context<'a>) -> Option<&'a PayerProfile> {
    billed_coverage(cx)?;
    cx.profile
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

// ---------------------------------------------------------------- authorization

/// A code on the profile's `authorization_required` list needs an authorization that lists
/// the code, whose `start..end` includes the date of service (both ends), and whose `units`
/// (null = unlimited) cover the total billed over every line it covers.
struct AuthorizationOnFile;

/// Why a line that needs an authorization has none that fits.
enum AuthGap {
    NoneListsCode,
    OutsideDates(usize),
    UnitsExhausted(usize),
}

impl AuthorizationOnFile {
    fn dated(auth: &Authorization, dos: Date) -> bool {
        // A missing bound is not evidence of a gap: the EHR did not record it.
        auth.start.is_none_or(|s| s <= dos) && auth.end.is_none_or(|e| dos <= e)
    }
}

impl Check for AuthorizationOnFile {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(profile) = billed_profile(cx) else { return };
        let e = cx.encounter;
        if !e.charges.iter().any(|c| profile.requires_authorization(&c.code)) {
            return;
        }
        let dos = e.date_of_service;
        // Units left on each authorization (None = unlimited), consumed line by line in
        // claim order by every line whose code the authorization lists: its units are the
        // total over all the charges it covers.
        let mut left: Vec<Option<i64>> = e.authorizations.iter().map(|a| a.units.map(i64::from)).collect();
        for (i, charge) in e.charges.iter().enumerate() {
            let lists = |a: &Authorization| a.codes.contains(&charge.code);
            let units = charge.units.max(0);
            let mut gap = AuthGap::NoneListsCode;
            let mut covered = false;
            for (k, auth) in e.authorizations.iter().enumerate() {
                if !lists(auth) {
                    continue;
                }
                if !Self::dated(auth, dos) {
                    if matches!(gap, AuthGap::NoneListsCode) {
                        gap = AuthGap::OutsideDates(k);
                    }
                    continue;
                }
                match &mut left[k] {
                    None => {
                        covered = true;
                        break;
                    }
                    Some(rest) if *rest >= units => {
                        *rest -= units;
                        covered = true;
                        break;
                    }
                    Some(_) => {
                        if !matches!(gap, AuthGap::UnitsExhausted(_)) {
                            gap = AuthGap::UnitsExhausted(k);
                        }
                    }
                }
            }
            if covered || !profile.requires_authorization(&charge.code) {
                continue;
            }
            let code = &charge.code;
            let line = i + 1;
            let hit = match gap {
                AuthGap::NoneListsCode => Hit::new(format!(
                    "Line {line}: this payer requires prior authorization for {code}, and no authorization on file lists {code}."
                ))
                .path("authorizations"),
                AuthGap::OutsideDates(k) => {
                    let auth = &e.authorizations[k];
                    let (field, span) = match (auth.start, auth.end) {
                        (Some(s), _) if dos < s => ("start", format!("starts {s}")),
                        (_, Some(end)) => ("end", format!("ended {end}")),
                        _ => ("start", String::from("does not cover that date")),
                    };
                    Hit::new(format!(
                        "Line {line}: the authorization on file for {code} {span}, so it does not cover the date of service {dos}."
                    ))
                    .path(format!("authorizations[{k}].{field}"))
                }
                AuthGap::UnitsExhausted(k) => {
                    let allowed = e.authorizations[k].units.unwrap_or(0);
                    let billed: i64 = e
                        .charges
                        .iter()
                        .filter(|c| e.authorizations[k].codes.contains(&c.code))
                        .map(|c| c.units.max(0))
                        .sum();
                    Hit::new(format!(
                        "Line {line}: the authorization on file for {code} allows {} in total; the lines it covers bill {}.",
                        plural(allowed as i64, "unit"),
                        plural(billed, "unit")
                    ))
                    .path(format!("authorizations[{k}].units"))
                }
            };
            hits.push(hit.charge(i));
        }
    }
}

// ------------------------------------------------------------------ eligibility

/// Coverage must be in force on the date of service: `effective..terminates`, both ends
/// included. A missing `effective` is not a finding: the start is unknown, not later than
/// the visit, and the eligibility-check rules carry the verification risk.
struct CoverageActive;

impl Check for CoverageActive {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(coverage) = billed_coverage(cx) else { return };
        let dos = cx.encounter.date_of_service;
        if let Some(effective) = coverage.effective.filter(|&s| dos < s) {
            hits.push(
                Hit::new(format!("The coverage on file starts {effective}, after the date of service {dos}."))
                    .path("coverage.effective"),
            );
        } else if let Some(terminates) = coverage.terminates.filter(|&t| dos > t) {
            hits.push(
                Hit::new(format!("The coverage on file ended {terminates}, before the date of service {dos}."))
                    .path("coverage.terminates"),
            );
        }
    }
}

/// The last eligibility check may be at most `eligibility_max_age_days` older than the date
/// of service (a check exactly that old is still fresh; one made after the visit is fine).
struct EligibilityCheckFresh;

impl Check for EligibilityCheckFresh {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(profile) = billed_profile(cx) else { return };
        let Some(checked) = billed_coverage(cx).and_then(|c| c.eligibility_checked_on) else { return };
        let dos = cx.encounter.date_of_service;
        let age = dos.days_since(checked);
        if age > profile.eligibility_max_age_days as i32 {
            hits.push(
                Hit::new(format!(
                    "Eligibility was last checked {checked}, {} before the date of service; this payer's profile allows {}.",
                    plural(age as i64, "day"),
                    plural(profile.eligibility_max_age_days as i64, "day")
                ))
                .path("coverage.eligibility_checked_on"),
            );
        }
    }
}

/// `eligibility_checked_on: null`: eligibility was never checked for this coverage.
struct EligibilityChecked;

impl Check for EligibilityChecked {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(coverage) = billed_coverage(cx) else { return };
        if coverage.eligibility_checked_on.is_none() {
            hits.push(
                Hit::new("Eligibility has never been checked for this coverage.")
                    .path("coverage.eligibility_checked_on"),
            );
        }
    }
}

// --------------------------------------------------------------- timely filing

/// The filing limit, measured from the date of service to the signing date (`signed_on`,
/// today when the note does not say): met on its last day; past it is an error, and
/// `filing_warning_days` or fewer days left is a warning.
struct FilingLimit {
    past: bool,
}

impl Check for FilingLimit {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(profile) = billed_profile(cx) else { return };
        let dos = cx.encounter.date_of_service;
        let deadline = profile.filing_deadline(dos);
        let left = deadline.days_since(cx.signed_on);
        let signed = if cx.encounter.signed_on.is_some() { "signed" } else { "signed today" };
        if self.past && left < 0 {
            hits.push(
                Hit::new(format!(
                    "The filing limit for the date of service {dos} ended {deadline}; the note is {signed} {}, {} late.",
                    cx.signed_on,
                    plural(-left as i64, "day")
                ))
                .path("date_of_service"),
            );
        } else if !self.past && (0..=profile.filing_warning_days as i32).contains(&left) {
            let when = if left == 0 {
                "ends today".to_string()
            } else {
                format!("ends {deadline}, {} away", plural(left as i64, "day"))
            };
            hits.push(
                Hit::new(format!("The filing limit for the date of service {dos} {when}: file the claim promptly."))
                    .path("date_of_service"),
            );
        }
    }
}

// ----------------------------------------------------------------- credentialing

/// A rendering NPI that the payer's profile does not list as enrolled. Only profiles that
/// track enrolment (`enrolled_npis`) are checked; an invalid NPI is left to the NPI rule.
struct RenderingNpiEnrolled;

impl Check for RenderingNpiEnrolled {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(profile) = billed_profile(cx) else { return };
        let Some(npi) = cx.encounter.providers.as_ref().and_then(|p| p.rendering_npi.as_deref()) else { return };
        if npi_is_valid(npi) && profile.is_enrolled(npi) == Some(false) {
            hits.push(
                Hit::new("The rendering provider's NPI is not on this payer's list of enrolled providers.")
                    .path("providers.rendering_npi"),
            );
        }
    }
}

// ---------------------------------------------------------------- demographics

#[derive(serde::Deserialize)]
struct BirthDateParams {
    /// Older than this on the date of service is a typing error (the oldest verified
    /// human lived 122 years).
    max_age_years: i32,
}

/// The patient's birth date: present, not after the date of service, and a plausible age.
/// Only a `patient` object that is sent is checked (an integrator may fill demographics
/// downstream, as with NPIs).
struct PatientBirthDate(BirthDateParams);

impl Check for PatientBirthDate {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(patient) = &cx.encounter.patient else { return };
        let dos = cx.encounter.date_of_service;
        let message = match patient.birth_date {
            None => "The patient's birth date is missing; the claim requires it.".to_string(),
            Some(born) if born > dos => format!("The patient's birth date {born} is after the date of service {dos}."),
            Some(born) if born.years_until(dos) > self.0.max_age_years => format!(
                "The patient's birth date {born} makes the patient {} years old on the date of service; it is probably mistyped.",
                born.years_until(dos)
            ),
            Some(_) => return,
        };
        hits.push(Hit::new(message).path("patient.birth_date"));
    }
}

/// The patient's sex is required on the claim. `"U"` (unknown) is a valid value of the
/// HIPAA 837P (DMG03) and is accepted: rejecting it could wrongly flag real patients.
struct PatientSex;

impl Check for PatientSex {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let Some(patient) = &cx.encounter.patient else { return };
        if patient.sex.is_none() {
            hits.push(Hit::new("The patient's sex is missing; the claim requires it (F, M or U).").path("patient.sex"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Authorization, Charge, Encounter, Patient, Providers, Sex};
    use crate::payer::FilingLimitRule;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn profile() -> PayerProfile {
        PayerProfile {
            authorization_required: vec!["17311".into(), "17312".into()],
            ..PayerProfile::with_limits("plan", 90, 30, false)
        }
    }

    fn charge(code: &str, units: i64) -> Charge {
        Charge { code: code.into(), modifiers: vec![], units, diagnosis_pointers: vec![1], procedures: vec![] }
    }

    fn auth(codes: &[&str], start: &str, end: &str, units: Option<u32>) -> Authorization {
        Authorization {
            number: Some("A1".into()),
            codes: codes.iter().map(|c| c.to_string()).collect(),
            start: Some(d(start)),
            end: Some(d(end)),
            units,
        }
    }

    fn encounter() -> Encounter {
        Encounter {
            date_of_service: d("2026-07-23"),
            coverage: Some(Coverage {
                payer: Some("plan".into()),
                plan_type: Some(PlanType::Commercial),
                effective: Some(d("2024-01-01")),
                eligibility_checked_on: Some(d("2026-07-23")),
                ..Coverage::default()
            }),
            patient: Some(Patient { birth_date: Some(d("1979-06-21")), sex: Some(Sex::F) }),
            providers: Some(Providers {
                rendering_npi: Some("1647283906".into()),
                billing_npi: Some("1452038692".into()),
            }),
            charges: vec![charge("17311", 1)],
            signed_on: Some(d("2026-07-23")),
            ..Encounter::default()
        }
    }

    fn run(check: &dyn Check, e: &Encounter, p: Option<&PayerProfile>) -> Vec<Hit> {
        let kb = Knowledge::embedded().unwrap();
        let cx = Context::new(e, p, e.signed_on.unwrap_or(d("2026-11-26")), d("2026-11-26"), &kb);
        let mut hits = Vec::new();
        check.run(&cx, &mut hits);
        hits
    }

    #[test]
    fn authorization_missing_wrong_dates_and_units() {
        let p = profile();
        let mut e = encounter();
        let hits = run(&AuthorizationOnFile, &e, Some(&p));
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].charge, hits[0].path.as_deref()), (Some(0), Some("authorizations")));

        // Inclusive on both ends.
        for (start, end) in [("2026-07-23", "2026-07-23"), ("2026-07-01", "2026-07-23"), ("2026-07-23", "2026-12-31")] {
            e.authorizations = vec![auth(&["17311"], start, end, Some(1))];
            assert!(run(&AuthorizationOnFile, &e, Some(&p)).is_empty(), "{start}..{end}");
        }
        e.authorizations = vec![auth(&["17311"], "2026-06-01", "2026-07-22", Some(1))];
        let hits = run(&AuthorizationOnFile, &e, Some(&p));
        assert_eq!(hits[0].path.as_deref(), Some("authorizations[0].end"));
        e.authorizations = vec![auth(&["17311"], "2026-07-24", "2026-09-01", None)];
        assert_eq!(run(&AuthorizationOnFile, &e, Some(&p))[0].path.as_deref(), Some("authorizations[0].start"));

        // Another code's authorization does not count.
        e.authorizations = vec![auth(&["17313"], "2026-07-01", "2026-08-01", None)];
        assert_eq!(run(&AuthorizationOnFile, &e, Some(&p))[0].path.as_deref(), Some("authorizations"));

        // Units: the total over every line the authorization covers; null = unlimited.
        e.charges = vec![charge("17311", 1), charge("17312", 2)];
        e.authorizations = vec![auth(&["17311", "17312"], "2026-07-01", "2026-08-01", Some(3))];
        assert!(run(&AuthorizationOnFile, &e, Some(&p)).is_empty());
        e.authorizations[0].units = Some(2);
        let hits = run(&AuthorizationOnFile, &e, Some(&p));
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].charge, hits[0].path.as_deref()), (Some(1), Some("authorizations[0].units")));
        assert!(
            hits[0].message.contains("allows 2 units") && hits[0].message.contains("bill 3 units"),
            "{}",
            hits[0].message
        );
        e.authorizations[0].units = None;
        assert!(run(&AuthorizationOnFile, &e, Some(&p)).is_empty());

        // Two authorizations together cover what one alone cannot.
        e.authorizations = vec![
            auth(&["17311"], "2026-07-01", "2026-08-01", Some(1)),
            auth(&["17312"], "2026-07-01", "2026-08-01", Some(2)),
        ];
        assert!(run(&AuthorizationOnFile, &e, Some(&p)).is_empty());
    }

    #[test]
    fn authorization_needs_a_profile_that_lists_the_code() {
        let e = encounter();
        assert!(run(&AuthorizationOnFile, &e, None).is_empty());
        let mut p = profile();
        p.authorization_required.clear();
        assert!(run(&AuthorizationOnFile, &e, Some(&p)).is_empty());
        let mut self_pay = encounter();
        self_pay.coverage.as_mut().unwrap().plan_type = Some(PlanType::SelfPay);
        assert!(run(&AuthorizationOnFile, &self_pay, Some(&profile())).is_empty());
    }

    #[test]
    fn coverage_dates_are_inclusive() {
        let mut e = encounter();
        fn cov(e: &mut Encounter) -> &mut Coverage {
            e.coverage.as_mut().unwrap()
        }
        cov(&mut e).effective = Some(d("2026-07-23"));
        cov(&mut e).terminates = Some(d("2026-07-23"));
        assert!(run(&CoverageActive, &e, None).is_empty());
        cov(&mut e).terminates = Some(d("2026-07-22"));
        assert_eq!(run(&CoverageActive, &e, None)[0].path.as_deref(), Some("coverage.terminates"));
        cov(&mut e).terminates = None;
        cov(&mut e).effective = Some(d("2026-07-24"));
        assert_eq!(run(&CoverageActive, &e, None)[0].path.as_deref(), Some("coverage.effective"));
        cov(&mut e).effective = None;
        assert!(run(&CoverageActive, &e, None).is_empty(), "an unknown start is not a gap");
        e.coverage = None;
        assert!(run(&CoverageActive, &e, None).is_empty());
    }

    #[test]
    fn eligibility_age_boundary() {
        let p = profile();
        let mut e = encounter();
        let checked =
            |e: &mut Encounter, s: Option<&str>| e.coverage.as_mut().unwrap().eligibility_checked_on = s.map(d);
        checked(&mut e, Some("2026-06-23")); // exactly 30 days
        assert!(run(&EligibilityCheckFresh, &e, Some(&p)).is_empty());
        checked(&mut e, Some("2026-06-22")); // 31 days
        assert_eq!(run(&EligibilityCheckFresh, &e, Some(&p)).len(), 1);
        checked(&mut e, Some("2026-07-30")); // after the visit
        assert!(run(&EligibilityCheckFresh, &e, Some(&p)).is_empty());
        checked(&mut e, None);
        assert!(run(&EligibilityCheckFresh, &e, Some(&p)).is_empty());
        assert_eq!(run(&EligibilityChecked, &e, Some(&p)).len(), 1);
        checked(&mut e, Some("2026-01-01"));
        assert!(run(&EligibilityChecked, &e, Some(&p)).is_empty());
    }

    #[test]
    fn filing_limit_edges() {
        let p = profile(); // 90 days, warn at 14
        let mut e = encounter();
        let mut at = |signed: &str| {
            e.signed_on = Some(d(signed));
            (
                run(&FilingLimit { past: true }, &e, Some(&p)).len(),
                run(&FilingLimit { past: false }, &e, Some(&p)).len(),
            )
        };
        // 2026-07-23 + 90 days = 2026-10-21.
        assert_eq!(at("2026-07-23"), (0, 0));
        assert_eq!(at("2026-10-06"), (0, 0)); // 15 days left
        assert_eq!(at("2026-10-07"), (0, 1)); // 14 days left
        assert_eq!(at("2026-10-21"), (0, 1)); // the last day: met
        assert_eq!(at("2026-10-22"), (1, 0));

        let mut medicare = profile();
        medicare.filing_limit_rule = FilingLimitRule::OneCalendarYear;
        let mut e = encounter();
        e.date_of_service = d("2027-03-01");
        e.signed_on = Some(d("2028-03-01")); // 366 days later, still the last day
        assert!(run(&FilingLimit { past: true }, &e, Some(&medicare)).is_empty());
        e.signed_on = Some(d("2028-03-02"));
        assert_eq!(run(&FilingLimit { past: true }, &e, Some(&medicare)).len(), 1);
    }

    #[test]
    fn filing_limit_defaults_to_today() {
        let p = profile();
        let mut e = encounter();
        e.signed_on = None; // today is 2026-11-26 in `run`
        let hits = run(&FilingLimit { past: true }, &e, Some(&p));
        assert_eq!(hits.len(), 1);
        assert!(hits[0].message.contains("signed today"), "{}", hits[0].message);
    }

    #[test]
    fn credentialing() {
        let mut p = profile();
        let e = encounter();
        assert!(run(&RenderingNpiEnrolled, &e, Some(&p)).is_empty(), "not tracked");
        p.enrolled_npis = Some(vec!["1452038692".into()]);
        assert_eq!(run(&RenderingNpiEnrolled, &e, Some(&p))[0].path.as_deref(), Some("providers.rendering_npi"));
        p.enrolled_npis = Some(vec!["1452038692".into(), "1647283906".into()]);
        assert!(run(&RenderingNpiEnrolled, &e, Some(&p)).is_empty());
    }

    #[test]
    fn demographics() {
        let check = PatientBirthDate(BirthDateParams { max_age_years: 125 });
        let mut e = encounter();
        assert!(run(&check, &e, None).is_empty());
        let born = |e: &mut Encounter, s: Option<&str>| e.patient.as_mut().unwrap().birth_date = s.map(d);
        born(&mut e, Some("2026-07-23")); // born on the day of the visit: a newborn
        assert!(run(&check, &e, None).is_empty());
        born(&mut e, Some("2026-07-24"));
        assert_eq!(run(&check, &e, None).len(), 1);
        born(&mut e, Some("1900-07-24")); // 125 on the date of service
        assert!(run(&check, &e, None).is_empty());
        born(&mut e, Some("1900-07-23")); // 126 that day
        assert_eq!(run(&check, &e, None).len(), 1);
        born(&mut e, None);
        assert_eq!(run(&check, &e, None).len(), 1);
        e.patient.as_mut().unwrap().sex = None;
        assert_eq!(run(&PatientSex, &e, None).len(), 1);
        e.patient.as_mut().unwrap().sex = Some(Sex::U);
        assert!(run(&PatientSex, &e, None).is_empty());
        e.patient = None;
        assert!(run(&check, &e, None).is_empty() && run(&PatientSex, &e, None).is_empty());
    }
}
