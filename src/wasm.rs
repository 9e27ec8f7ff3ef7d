//! The WebAssembly boundary: the only module that names wasm-bindgen or js-sys.
//! It converts and nothing else; every decision is made in the core.
//!
//! Input objects cross as JSON text (`JSON.stringify`, then serde_json), results come
//! back through `JSON.parse`: plain objects, `null` for missing values, no `Map`s, and
//! byte-for-byte the same JSON the native CLI prints.
//!
//! The text is copied into wasm memory with `TextEncoder.encodeInto` (native code) rather
//! than wasm-bindgen's string glue, whose ASCII loop runs in JS; and a string longer than
//! the document limit is refused before it is copied, so no input can grow the memory
//! (BENCHMARKS.md).

use crate::decode::{too_large, MAX_DOCUMENT_BYTES};
use crate::error::InputKind;
use crate::{cds_hooks, Date, InputError, Validator as Core};
use js_sys::{Error, JsString, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The host's `TextEncoder` (browsers, Workers, Node all have one).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &mut [u8]) -> EncodeIntoResult;

    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

#[wasm_bindgen]
pub struct Validator {
    core: Core,
    encoder: TextEncoder,
}

#[wasm_bindgen]
impl Validator {
    /// Loads the embedded rules and the default payer profiles.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Validator, JsValue> {
        // Last resort only: the core returns errors instead of panicking.
        console_error_panic_hook::set_once();
        let core = Core::new().map_err(to_js_error)?;
        Ok(Validator { core, encoder: TextEncoder::new() })
    }

    /// The rules version every Result reports.
    #[wasm_bindgen(getter, js_name = rulesVersion)]
    pub fn rules_version(&self) -> String {
        self.core.rules_version().to_string()
    }

    /// Adds or replaces a payer profile; returns its id.
    #[wasm_bindgen(js_name = addPayerProfile)]
    pub fn add_payer_profile(&mut self, profile: &JsValue) -> Result<String, JsValue> {
        let text = self.to_json_text(profile, InputKind::PayerProfile).map_err(to_js_error)?;
        self.core.add_payer_profile_json(&text).map_err(to_js_error)
    }

    /// Checks an encounter (object or JSON string). `options.today` (`YYYY-MM-DD`) sets
    /// the date used when the note has no `signed_on`; it defaults to the local date.
    pub fn validate(&self, encounter: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let text = self.to_json_text(encounter, InputKind::Encounter).map_err(to_js_error)?;
        let today = today_from(options)?;
        let result = self.core.validate_json(&text, today).map_err(to_js_error)?;
        from_json_text(&serde_json::to_string(&result).map_err(|e| Error::new(&e.to_string()))?)
    }

    /// The procedure charge lines the documentation supports (`chargecheck suggest`): an
    /// array of contract charge objects.
    #[wasm_bindgen(js_name = suggestCharges)]
    pub fn suggest_charges(&self, encounter: &JsValue) -> Result<JsValue, JsValue> {
        let text = self.to_json_text(encounter, InputKind::Encounter).map_err(to_js_error)?;
        let charges = self.core.suggest_charges_json(&text).map_err(to_js_error)?;
        from_json_text(&serde_json::to_string(&charges).map_err(|e| Error::new(&e.to_string()))?)
    }

    /// Replaces the NCCI edit tables with the official CMS practitioner files' text (PTP
    /// `.TXT`, several files concatenated; MUE `.csv`); `null`/`undefined` keeps a table.
    /// Returns `{ptpRows, mueRows}`; a file that cannot be read changes nothing.
    #[wasm_bindgen(js_name = loadNcciEdits)]
    pub fn load_ncci_edits(&mut self, ptp: Option<String>, mue: Option<String>) -> Result<JsValue, JsValue> {
        let (ptp_rows, mue_rows) = self.core.load_ncci(ptp.as_deref(), mue.as_deref()).map_err(to_js_error)?;
        from_json_text(&format!("{{\"ptpRows\":{ptp_rows},\"mueRows\":{mue_rows}}}"))
    }

    /// The metadata of every loaded rule (id, name, severity, category, citations, ...).
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        let rules: Vec<_> = self.core.rules().collect();
        from_json_text(&serde_json::to_string(&rules).map_err(|e| Error::new(&e.to_string()))?)
    }

    /// Diagnostics: the size of the module's WebAssembly memory in bytes (it only grows;
    /// the benchmarks check that it stays flat over a million calls).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
}

// CDS Hooks cards (issue 6): a separate impl block so other methods merge cleanly.
#[wasm_bindgen]
impl Validator {
    /// CDS Hooks 2.0 cards for a Result from `validate` (object or JSON text), one per
    /// finding, with stable ids. `options`: includeOverridden, includeInfo, sourceLabel,
    /// sourceUrl.
    #[wasm_bindgen(js_name = toCdsHooksCards)]
    pub fn to_cds_hooks_cards(&self, result: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let result = self.to_json_text(result, InputKind::CheckResult).map_err(to_js_error)?;
        let options = if options.is_undefined() || options.is_null() {
            None
        } else {
            Some(self.to_json_text(options, InputKind::Options).map_err(to_js_error)?)
        };
        let cards =
            cds_hooks::cards_from_json(&result, options.as_deref(), |id| self.core.rules().find(|m| m.id == id))
                .map_err(to_js_error)?;
        from_json_text(&serde_json::to_string(&cards).map_err(|e| Error::new(&e.to_string()))?)
    }
}

impl Validator {
    /// The input as UTF-8 JSON text: a string as is, anything else through
    /// `JSON.stringify` (which turns `NaN` and `Infinity` into `null`, i.e. missing).
    fn to_json_text(&self, value: &JsValue, input: InputKind) -> Result<String, InputError> {
        let text: JsString = match value.dyn_ref::<JsString>() {
            Some(s) => s.clone(),
            None => match JSON::stringify(value) {
                Ok(s) if s.is_string() => s,
                Ok(_) => {
                    return Err(InputError::single(
                        input,
                        "",
                        "expected an object or JSON text, found undefined or a function",
                    ))
                }
                Err(thrown) => {
                    drop(thrown);
                    return Err(InputError::single(
                        input,
                        "",
                        "the value cannot be converted to JSON (a circular reference, a BigInt, or a getter that throws)",
                    ));
                }
            },
        };
        // UTF-8 needs at least one byte per UTF-16 unit, so this refuses without copying.
        let units = text.length() as usize;
        if units > MAX_DOCUMENT_BYTES {
            return Err(too_large(input, units));
        }
        // At most three UTF-8 bytes per UTF-16 unit; unpaired surrogates become U+FFFD.
        let mut buffer = vec![0u8; units * 3];
        let written = self.encoder.encode_into(&text, &mut buffer).written() as usize;
        buffer.truncate(written);
        String::from_utf8(buffer).map_err(|_| InputError::single(input, "", "the text is not valid UTF-8"))
    }
}

fn from_json_text(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

fn today_from(options: &JsValue) -> Result<Date, JsValue> {
    if options.is_object() {
        let today = Reflect::get(options, &JsValue::from_str("today"))?;
        if let Some(s) = today.dyn_ref::<JsString>() {
            // Checked before copying: a huge string must not grow the memory.
            let date = if s.length() == 10 { s.as_string().and_then(|s| Date::parse(&s)) } else { None };
            return date.ok_or_else(|| Error::new("options.today must be a YYYY-MM-DD date").into());
        }
    }
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .ok_or_else(|| Error::new("the host clock gave an impossible date").into())
}

/// A JS `Error` named `ChargecheckInputError` whose `details` is the structured error
/// (every bad field by path).
fn to_js_error(e: InputError) -> JsValue {
    let err = Error::new(&e.message);
    err.set_name("ChargecheckInputError");
    if let Ok(details) = JSON::parse(&e.to_json()) {
        let _ = Reflect::set(&err, &JsValue::from_str("details"), &details);
    }
    err.into()
}
