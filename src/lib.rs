//! chargecheck: does a dermatology note's documentation support the codes billed?
//!
//! The core is pure Rust: [`Validator`] checks an [`model::Encounter`] against the rules
//! in `rules/` and returns the contract's [`finding::CheckResult`]. The CLI
//! (`src/main.rs`) and the WebAssembly boundary (`src/wasm.rs`, the only module that
//! names wasm-bindgen) are thin fronts over it.

/// The batch audit (native CLI only: it reads files).
#[cfg(not(target_arch = "wasm32"))]
pub mod audit;
pub mod cds_hooks;
/// A file of `rules/facts/` or `rules/payers/` as build.rs embeds it (see there).
macro_rules! embedded_rules_file {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/rules/", $path))
    };
}

pub mod checks;
pub mod conformance;
pub mod date;
pub mod decode;
pub mod error;
pub mod finding;
pub mod icd10cm;
pub mod knowledge;
pub mod length;
pub mod model;
pub mod ncci;
pub mod payer;
pub mod rules;
pub mod suggest;
/// TypeScript declarations for the npm package (a native-only generator).
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;
pub mod validator;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use date::Date;
pub use error::InputError;
pub use finding::{CheckResult, Finding};
pub use validator::Validator;
