//! Decoding JSON into the typed model while collecting EVERY bad field.
//!
//! serde's derive stops at the first error; the contract wants all of them by path. So the
//! input is parsed to a `serde_json::Value` and walked here. Paths are built lazily (a
//! chain of borrowed segments), so a valid document allocates no path strings at all.
//!
//! Limits keep every call small: the document size, array lengths and string lengths are
//! bounded, and nesting depth is bounded by `serde_json`'s recursion limit (128).

mod encounter;
pub mod json;
mod profile;

pub use encounter::{decode_encounter, decode_encounter_json};
pub use json::{Map, Number, Value};
pub use profile::{decode_payer_profile, decode_payer_profile_json};

use crate::date::Date;
use crate::error::{FieldError, InputError, InputKind};
use crate::length::{Length, LengthError};
use std::fmt::Write;

/// Documents larger than this are refused before parsing.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;
/// Longest array the contract's lists may have (charges, lesions, diagnoses, ...).
pub const MAX_ITEMS: usize = 500;
/// Longest string field, in bytes.
pub const MAX_STRING_BYTES: usize = 256;
/// Most references, summed over a list, from procedures to lesions and from charges to
/// procedures. A real note has a few dozen; without a bound, 500 items of 500 references
/// each would make the procedure rules' work grow with their product.
pub const MAX_REFERENCES: usize = 2_000;

/// Parses JSON text into a `serde_json::Value`, with the limits applied.
pub fn parse_json(text: &str, input: InputKind) -> Result<serde_json::Value, InputError> {
    serde_json::from_str(within_limits(text, input)?).map_err(|e| InputError::syntax(input, &e))
}

/// Parses JSON text into the decoder's borrowed tree, with the limits applied (the fast
/// path every `validate` call takes).
pub fn parse(text: &str, input: InputKind) -> Result<Value<'_>, InputError> {
    Value::parse(within_limits(text, input)?).map_err(|e| InputError::syntax(input, &e))
}

/// Refuses documents over the size limit before parsing, and skips a leading byte-order
/// mark (RFC 8259 lets a parser ignore it; Windows editors write one).
fn within_limits(text: &str, input: InputKind) -> Result<&str, InputError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(input, text.len()));
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The error for a document over [`MAX_DOCUMENT_BYTES`] (`bytes` may be a lower bound:
/// the wasm boundary refuses long strings before copying them).
pub fn too_large(input: InputKind, bytes: usize) -> InputError {
    InputError::single(input, "", format!("the document is at least {bytes} bytes; the limit is {MAX_DOCUMENT_BYTES}"))
}

/// A JSON path, as a chain of borrowed segments rendered only when an error needs it.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub const ROOT: Path<'static> = Path { parent: None, segment: Segment::Root };

    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Field(name) }
    }

    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Index(i) }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// Collects field errors while the walk goes on.
pub struct Decoder {
    errors: Vec<FieldError>,
    input: InputKind,
}

impl Decoder {
    pub fn new(input: InputKind) -> Decoder {
        Decoder { errors: Vec::new(), input }
    }

    pub fn error(&mut self, path: &Path<'_>, problem: impl Into<String>) {
        // A hostile document could otherwise produce millions of errors.
        if self.errors.len() < 200 {
            self.errors.push(FieldError { path: path.render(), problem: problem.into() });
        }
    }

    pub fn finish<T>(self, value: T) -> Result<T, InputError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(InputError::new(self.input, self.errors))
        }
    }

    /// The value as an object, or an error naming its path.
    pub fn object<'v, 'a>(&mut self, value: &'v Value<'a>, path: &Path<'_>) -> Option<&'v Map<'a>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.error(path, format!("expected an object, found {}", kind_of(other)));
                None
            }
        }
    }

    /// A field that must be present and not null.
    pub fn required<'v, 'a>(&mut self, map: &'v Map<'a>, name: &str, path: &Path<'_>) -> Option<&'v Value<'a>> {
        match map.get(name) {
            None | Some(Value::Null) => {
                self.error(&path.field(name), "required field is missing");
                None
            }
            Some(v) => Some(v),
        }
    }

    pub fn string(&mut self, value: &Value, path: &Path<'_>) -> Option<String> {
        match value {
            Value::String(s) if s.len() <= MAX_STRING_BYTES => Some(s.to_string()),
            Value::String(s) => {
                self.error(path, format!("string is {} bytes; the limit is {MAX_STRING_BYTES}", s.len()));
                None
            }
            other => {
                self.error(path, format!("expected a string, found {}", kind_of(other)));
                None
            }
        }
    }

    pub fn opt_string(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Option<String> {
        non_null(map, name).and_then(|v| self.string(v, &path.field(name)))
    }

    pub fn req_string(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Option<String> {
        self.required(map, name, path).and_then(|v| self.string(v, &path.field(name)))
    }

    pub fn date(&mut self, value: &Value, path: &Path<'_>) -> Option<Date> {
        match value {
            Value::String(s) => {
                let date = Date::parse(s);
                if date.is_none() {
                    self.error(path, "expected a real calendar date written YYYY-MM-DD");
                }
                date
            }
            other => {
                self.error(path, format!("expected a date string YYYY-MM-DD, found {}", kind_of(other)));
                None
            }
        }
    }

    pub fn opt_date(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Option<Date> {
        non_null(map, name).and_then(|v| self.date(v, &path.field(name)))
    }

    pub fn req_date(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Option<Date> {
        self.required(map, name, path).and_then(|v| self.date(v, &path.field(name)))
    }

    pub fn opt_bool(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Option<bool> {
        match non_null(map, name)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(&path.field(name), format!("expected true or false, found {}", kind_of(other)));
                None
            }
        }
    }

    /// An integer in `min..=max`; anything else (fractions, huge numbers, strings) is an error.
    pub fn integer(&mut self, value: &Value, path: &Path<'_>, min: i64, max: i64) -> Option<i64> {
        match value {
            Value::Number(n) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => Some(i),
                Some(_) => {
                    self.error(path, format!("expected an integer from {min} to {max}"));
                    None
                }
                None if n.as_u64().is_some() => {
                    self.error(path, format!("expected an integer from {min} to {max}"));
                    None
                }
                None => {
                    self.error(path, "expected an integer, found a fraction");
                    None
                }
            },
            other => {
                self.error(path, format!("expected an integer, found {}", kind_of(other)));
                None
            }
        }
    }

    pub fn opt_count(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>, max: u32) -> Option<u32> {
        let v = non_null(map, name)?;
        self.integer(v, &path.field(name), 0, i64::from(max)).map(|i| i as u32)
    }

    /// A length in centimetres (at most two decimals, 0 to 100 cm).
    pub fn opt_length(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Option<Length> {
        let v = non_null(map, name)?;
        let path = path.field(name);
        let Value::Number(n) = v else {
            self.error(&path, format!("expected a number of centimetres, found {}", kind_of(v)));
            return None;
        };
        let cm = n.as_f64();
        match Length::from_cm(cm) {
            Ok(len) => Some(len),
            Err(e) => {
                self.error(
                    &path,
                    match e {
                        LengthError::NotFinite => "expected a finite number of centimetres",
                        LengthError::Negative => "a length cannot be negative",
                        LengthError::TooManyDecimals => "lengths are centimetres with at most two decimals",
                        LengthError::TooLarge => "over 100 cm: not a plausible skin measurement",
                    },
                );
                None
            }
        }
    }

    /// A string that must be one of a fixed set of words.
    pub fn opt_word<T>(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>, words: &[(&str, T)]) -> Option<T>
    where
        T: Copy,
    {
        let v = non_null(map, name)?;
        self.word(v, &path.field(name), words)
    }

    pub fn word<T: Copy>(&mut self, value: &Value, path: &Path<'_>, words: &[(&str, T)]) -> Option<T> {
        let choices = || words.iter().map(|(w, _)| format!("\"{w}\"")).collect::<Vec<_>>().join(", ");
        match value {
            Value::String(s) => match words.iter().find(|(w, _)| *w == s.as_ref()) {
                Some((_, t)) => Some(*t),
                None => {
                    self.error(path, format!("unknown value; expected one of {}", choices()));
                    None
                }
            },
            other => {
                self.error(path, format!("expected one of {}, found {}", choices(), kind_of(other)));
                None
            }
        }
    }

    /// An optional array whose items are decoded by `item`; missing or null is empty.
    pub fn array<'v, 'a: 'v, T>(
        &mut self,
        map: &'v Map<'a>,
        name: &str,
        path: &Path<'_>,
        mut item: impl FnMut(&mut Decoder, &'v Value<'a>, &Path<'_>) -> Option<T>,
    ) -> Vec<T> {
        let Some(v) = non_null(map, name) else { return Vec::new() };
        let path = path.field(name);
        self.items(v, &path, &mut item)
    }

    pub fn items<'v, 'a: 'v, T>(
        &mut self,
        value: &'v Value<'a>,
        path: &Path<'_>,
        item: &mut impl FnMut(&mut Decoder, &'v Value<'a>, &Path<'_>) -> Option<T>,
    ) -> Vec<T> {
        let Value::Array(values) = value else {
            self.error(path, format!("expected an array, found {}", kind_of(value)));
            return Vec::new();
        };
        if values.len() > MAX_ITEMS {
            self.error(path, format!("{} items; the limit is {MAX_ITEMS}", values.len()));
            return Vec::new();
        }
        let mut out = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            if let Some(t) = item(self, v, &path.index(i)) {
                out.push(t);
            }
        }
        out
    }

    pub fn string_array(&mut self, map: &Map<'_>, name: &str, path: &Path<'_>) -> Vec<String> {
        self.array(map, name, path, |d, v, p| d.string(v, p))
    }
}

/// A field's value, treating `null` as missing.
pub fn non_null<'v, 'a>(map: &'v Map<'a>, name: &str) -> Option<&'v Value<'a>> {
    match map.get(name) {
        None | Some(Value::Null) => None,
        Some(v) => Some(v),
    }
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_like_the_contract() {
        let root = Path::ROOT;
        let lesions = root.field("lesions");
        let first = lesions.index(0);
        assert_eq!(first.field("diameter_cm").render(), "lesions[0].diameter_cm");
        assert_eq!(root.render(), "");
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        let big = format!("\"{}\"", "x".repeat(MAX_DOCUMENT_BYTES));
        let err = parse_json(&big, InputKind::Encounter).unwrap_err();
        assert!(err.fields[0].problem.contains("limit"));
    }

    #[test]
    fn syntax_errors_locate_without_echoing_content() {
        let err = parse_json("{\"member_id\": \"SECRET123\" ", InputKind::Encounter).unwrap_err();
        assert!(!err.message.contains("SECRET123"));
        assert!(err.fields[0].problem.contains("line 1"));
    }
}
