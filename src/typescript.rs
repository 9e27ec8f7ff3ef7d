//! The npm package's TypeScript declarations, generated from the Rust types (ts-rs).
//!
//! `pkg-template/types.d.ts` is this module's output, committed so that reviewers see
//! type changes as diffs. A unit test fails when the committed file is stale;
//! `UPDATE_TYPES=1 cargo test --lib typescript` rewrites it.
//!
//! The Rust model is decoded by hand (src/decode/), not by serde, so the `ts` attributes
//! on the model carry the contract's JSON shape: snake_case names, optional fields,
//! `diameter_cm` for `Lesion::diameter`, dates as `YYYY-MM-DD` strings, lengths as numbers.

use crate::cds_hooks;
use crate::date::Date;
use crate::error;
use crate::finding;
use crate::length::Length;
use crate::model;
use crate::payer;
use crate::rules;
use ts_rs::{Config, TS};

const HEADER: &str = "\
// Generated from chargecheck's Rust types by src/typescript.rs (ts-rs). Do not edit:
// run `UPDATE_TYPES=1 cargo test --lib typescript` after changing a type.
// JSON shapes are those of the public contract (CONTRACT.md): snake_case names,
// dates as \"YYYY-MM-DD\" strings, lengths as centimetres (numbers, two decimals at most).
";

/// One declaration: its JSDoc (from the Rust doc comment) and `export type ...`.
fn declare<T: TS + ?Sized>(cfg: &Config, out: &mut String) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

/// Every type the package's API names, in reading order: input, output, profile, rules,
/// CDS Hooks cards.
pub fn declarations() -> String {
    // The contract's integers (units, pointers, counts) are JSON numbers, never bigints.
    let cfg = Config::new().with_large_int("number");
    let cfg = &cfg;
    let mut out = String::from(HEADER);
    out.push('\n');
    declare::<Date>(cfg, &mut out);
    out.push_str("/** A length in centimetres, at most two decimals (held exactly as hundredths). */\n");
    declare::<Length>(cfg, &mut out);
    // Input: the Encounter (contract section 1).
    declare::<model::Encounter>(cfg, &mut out);
    declare::<model::Patient>(cfg, &mut out);
    declare::<model::Sex>(cfg, &mut out);
    declare::<model::Coverage>(cfg, &mut out);
    declare::<model::PlanType>(cfg, &mut out);
    declare::<model::Providers>(cfg, &mut out);
    declare::<model::Authorization>(cfg, &mut out);
    declare::<model::PriorProcedure>(cfg, &mut out);
    declare::<model::Visit>(cfg, &mut out);
    declare::<model::PatientStatus>(cfg, &mut out);
    declare::<model::Mdm>(cfg, &mut out);
    declare::<model::MdmLevel>(cfg, &mut out);
    declare::<model::Diagnosis>(cfg, &mut out);
    declare::<model::Lesion>(cfg, &mut out);
    declare::<model::Site>(cfg, &mut out);
    declare::<model::Laterality>(cfg, &mut out);
    declare::<model::Pathology>(cfg, &mut out);
    declare::<model::Procedure>(cfg, &mut out);
    declare::<model::ProcedureType>(cfg, &mut out);
    declare::<model::Closure>(cfg, &mut out);
    declare::<model::RepairComplexity>(cfg, &mut out);
    declare::<model::BiopsyTechnique>(cfg, &mut out);
    declare::<model::DestructionMethod>(cfg, &mut out);
    declare::<model::Charge>(cfg, &mut out);
    declare::<model::Override>(cfg, &mut out);
    // Output: the Result (contract section 2).
    declare::<finding::CheckResult>(cfg, &mut out);
    declare::<finding::Status>(cfg, &mut out);
    declare::<finding::Finding>(cfg, &mut out);
    declare::<finding::Severity>(cfg, &mut out);
    declare::<finding::Category>(cfg, &mut out);
    declare::<finding::Suggestion>(cfg, &mut out);
    declare::<finding::NewCharge>(cfg, &mut out);
    declare::<finding::FromTo>(cfg, &mut out);
    // Payer profiles (contract section 3).
    declare::<payer::PayerProfile>(cfg, &mut out);
    declare::<payer::FilingLimitRule>(cfg, &mut out);
    declare::<payer::RuleSettings>(cfg, &mut out);
    // "Could not check": the `details` of a ChargecheckInputError.
    declare::<error::InputError>(cfg, &mut out);
    declare::<error::InputKind>(cfg, &mut out);
    declare::<error::FieldError>(cfg, &mut out);
    // Rule metadata (`validator.rules()`).
    declare::<rules::RuleMeta>(cfg, &mut out);
    declare::<rules::Citation>(cfg, &mut out);
    declare::<rules::Follows>(cfg, &mut out);
    declare::<rules::Effective>(cfg, &mut out);
    // CDS Hooks cards (`toCdsHooksCards`).
    declare::<cds_hooks::CardOptions>(cfg, &mut out);
    declare::<cds_hooks::Card>(cfg, &mut out);
    declare::<cds_hooks::Indicator>(cfg, &mut out);
    declare::<cds_hooks::Source>(cfg, &mut out);
    declare::<cds_hooks::Coding>(cfg, &mut out);
    declare::<cds_hooks::CardSuggestion>(cfg, &mut out);
    declare::<cds_hooks::Action>(cfg, &mut out);
    declare::<cds_hooks::ActionType>(cfg, &mut out);
    declare::<cds_hooks::SelectionBehavior>(cfg, &mut out);
    declare::<cds_hooks::CardExtension>(cfg, &mut out);
    declare::<cds_hooks::ActionExtension>(cfg, &mut out);
    declare::<cds_hooks::FindingFix>(cfg, &mut out);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const COMMITTED: &str = "pkg-template/types.d.ts";

    #[test]
    fn committed_types_are_current() {
        let generated = declarations();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMITTED);
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{COMMITTED} is stale: run `UPDATE_TYPES=1 cargo test --lib typescript` and commit it"
        );
    }

    #[test]
    fn contract_json_names_are_used() {
        let ts = declarations();
        for needle in [
            "diameter_cm?: Centimetres | null",
            "margin_cm?: Centimetres | null",
            "length_cm?: Centimetres | null",
            "date_of_service: IsoDate",
            "export type IsoDate = string;",
            "export type Centimetres = number;",
            "charges: Array<Charge>",
            " type: ProcedureType,",
        ] {
            assert!(ts.contains(needle), "missing `{needle}` in the declarations");
        }
        assert!(!ts.contains("bigint"), "integers must be numbers");
    }
}
