//! A borrowed JSON tree: what the decoder walks.
//!
//! `serde_json::Value` owns every key and string and keeps objects in B-trees, so building
//! one costs about two allocations per field: for a typical encounter that was 8 of the
//! 13 µs of a native call and most of the wasm call (BENCHMARKS.md). This tree borrows
//! every string that has no escape from the input text and keeps an object's fields in
//! one small vector (objects here have at most a dozen fields; lookup is a linear scan).
//!
//! The tree is built by a small strict parser (`fast`, below) that accepts only what
//! serde_json accepts and builds exactly the tree serde_json's parser would; on anything
//! else (a syntax error, a lone surrogate escape, a number it does not parse itself, a
//! document nested more than 100 levels) it gives up and `serde_json`'s own parser
//! decides, so the grammar, the error messages and positions and the nesting limit
//! (128) are serde_json's. The fast path exists because serde_json's visitor machinery
//! was a fifth of a wasm call (docs/perf.md). Duplicate keys behave as in
//! `serde_json::Value`: the last one wins.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Map<'a>),
}

/// A JSON number as serde_json reports it: a non-negative integer, a negative integer, or
/// a float (anything with a fraction or exponent, and integers too large for 64 bits).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

/// An object's fields in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl Number {
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::PosInt(u) => i64::try_from(u).ok(),
            Number::NegInt(i) => Some(i),
            Number::Float(_) => None,
        }
    }

    pub fn as_u64(self) -> Option<u64> {
        match self {
            Number::PosInt(u) => Some(u),
            _ => None,
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(u) => u as f64,
            Number::NegInt(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    fn from_serde(n: &serde_json::Number) -> Number {
        if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or(f64::NAN))
        }
    }
}

impl<'a> Map<'a> {
    /// The field's value; with duplicate keys, the last (as serde_json does).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Every field, duplicates included, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'a> Value<'a> {
    /// Parses JSON text: the fast path when it can, else serde_json's parser (and its
    /// errors and nesting limit).
    pub fn parse(text: &'a str) -> Result<Value<'a>, serde_json::Error> {
        match fast::parse(text) {
            Some(value) => Ok(value),
            None => Value::parse_with_serde(text),
        }
    }

    /// Parses JSON text with serde_json's parser alone (the reference the fast path is
    /// tested against).
    pub fn parse_with_serde(text: &'a str) -> Result<Value<'a>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = ValueSeed.deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }

    /// A view of an already parsed `serde_json::Value` (borrowing its strings).
    pub fn from_serde(value: &'a serde_json::Value) -> Value<'a> {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(Number::from_serde(n)),
            serde_json::Value::String(s) => Value::String(Cow::Borrowed(s)),
            serde_json::Value::Array(items) => Value::Array(items.iter().map(Value::from_serde).collect()),
            serde_json::Value::Object(map) => Value::Object(Map {
                entries: map.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Value::from_serde(v))).collect(),
            }),
        }
    }

    /// A field of an object; `None` for a missing field or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value<'de>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(Number::PosInt(u)))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value<'de>, E> {
        // serde_json reports negative integers only through visit_i64.
        Ok(Value::Number(if i < 0 { Number::NegInt(i) } else { Number::PosInt(i as u64) }))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value<'de>, E> {
        Ok(Value::Number(Number::Float(f)))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut entries = Vec::with_capacity(8);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value_seed(ValueSeed)?;
            entries.push((key, value));
        }
        Ok(Value::Object(Map { entries }))
    }
}

/// Object keys, borrowed when they have no escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s))
    }
}

/// The strict fast parser. `None` means "let serde_json decide", never "invalid": every
/// `Some` is the tree serde_json would build from the same text.
mod fast {
    use super::{Map, Number, Value};
    use std::borrow::Cow;

    /// Deeper documents go to serde_json (whose limit, 128, then applies).
    const MAX_DEPTH: u32 = 100;

    pub fn parse(text: &str) -> Option<Value<'_>> {
        let mut p = Parser { text, b: text.as_bytes(), i: 0, depth: 0 };
        let value = p.value()?;
        p.skip_ws();
        (p.i == p.b.len()).then_some(value)
    }

    struct Parser<'a> {
        text: &'a str,
        b: &'a [u8],
        i: usize,
        depth: u32,
    }

    impl<'a> Parser<'a> {
        fn skip_ws(&mut self) {
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
                self.i += 1;
            }
        }

        fn value(&mut self) -> Option<Value<'a>> {
            self.skip_ws();
            match *self.b.get(self.i)? {
                b'{' => self.object(),
                b'[' => self.array(),
                b'"' => Some(Value::String(self.string()?)),
                b't' => self.literal(b"true", Value::Bool(true)),
                b'f' => self.literal(b"false", Value::Bool(false)),
                b'n' => self.literal(b"null", Value::Null),
                b'-' | b'0'..=b'9' => self.number(),
                _ => None,
            }
        }

        fn literal(&mut self, word: &[u8], value: Value<'a>) -> Option<Value<'a>> {
            if self.b[self.i..].starts_with(word) {
                self.i += word.len();
                Some(value)
            } else {
                None
            }
        }

        fn enter(&mut self) -> Option<()> {
            self.depth += 1;
            self.i += 1;
            (self.depth <= MAX_DEPTH).then_some(())
        }

        /// After a `,` or the opening bracket: the next item, or the end of the list.
        fn more(&mut self, close: u8, first: bool) -> Option<bool> {
            self.skip_ws();
            let c = *self.b.get(self.i)?;
            if c == close && first {
                self.i += 1;
                return Some(false);
            }
            if first {
                return Some(true);
            }
            self.i += 1;
            match c {
                b',' => Some(true),
                _ if c == close => Some(false),
                _ => None,
            }
        }

        fn array(&mut self) -> Option<Value<'a>> {
            self.enter()?;
            let mut items = Vec::new();
            let mut first = true;
            while self.more(b']', first)? {
                first = false;
                items.push(self.value()?);
            }
            self.depth -= 1;
            Some(Value::Array(items))
        }

        fn object(&mut self) -> Option<Value<'a>> {
            self.enter()?;
            let mut entries = Vec::with_capacity(8);
            let mut first = true;
            while self.more(b'}', first)? {
                first = false;
                self.skip_ws();
                if self.b.get(self.i) != Some(&b'"') {
                    return None;
                }
                let key = self.string()?;
                self.skip_ws();
                if self.b.get(self.i) != Some(&b':') {
                    return None;
                }
                self.i += 1;
                entries.push((key, self.value()?));
            }
            self.depth -= 1;
            Some(Value::Object(Map { entries }))
        }

        /// A string at `self.i` (the opening quote): borrowed when it has no escape.
        fn string(&mut self) -> Option<Cow<'a, str>> {
            self.i += 1;
            let start = self.i;
            loop {
                match *self.b.get(self.i)? {
                    b'"' => {
                        let s = &self.text[start..self.i];
                        self.i += 1;
                        return Some(Cow::Borrowed(s));
                    }
                    b'\\' => break,
                    c if c < 0x20 => return None,
                    _ => self.i += 1,
                }
            }
            let mut out = String::from(&self.text[start..self.i]);
            loop {
                let c = *self.b.get(self.i)?;
                match c {
                    b'"' => {
                        self.i += 1;
                        return Some(Cow::Owned(out));
                    }
                    b'\\' => {
                        let e = *self.b.get(self.i + 1)?;
                        self.i += 2;
                        out.push(match e {
                            b'"' => '"',
                            b'\\' => '\\',
                            b'/' => '/',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'n' => '\n',
                            b'r' => '\r',
                            b't' => '\t',
                            b'u' => self.unicode_escape()?,
                            _ => return None,
                        });
                    }
                    c if c < 0x20 => return None,
                    _ => {
                        // Copy the run up to the next quote or escape (UTF-8 stays whole:
                        // both stop bytes are ASCII).
                        let run = self.i;
                        while let Some(&c) = self.b.get(self.i) {
                            if c == b'"' || c == b'\\' || c < 0x20 {
                                break;
                            }
                            self.i += 1;
                        }
                        out.push_str(&self.text[run..self.i]);
                    }
                }
            }
        }

        fn hex4(&mut self) -> Option<u32> {
            let digits = self.b.get(self.i..self.i + 4)?;
            let mut n = 0u32;
            for &d in digits {
                n = n * 16 + (d as char).to_digit(16)?;
            }
            self.i += 4;
            Some(n)
        }

        /// After `\u`: one character; a surrogate pair makes one character, an unpaired
        /// surrogate is left to serde_json (which names it).
        fn unicode_escape(&mut self) -> Option<char> {
            let hi = self.hex4()?;
            if (0xDC00..0xE000).contains(&hi) {
                return None;
            }
            if !(0xD800..0xDC00).contains(&hi) {
                return char::from_u32(hi);
            }
            if self.b.get(self.i..self.i + 2)? != b"\\u" {
                return None;
            }
            self.i += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return None;
            }
            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        }

        /// An integer that fits serde_json's integer forms is read here; anything else
        /// (fraction, exponent, -0, 64-bit overflow) is read by serde_json's own number
        /// parser, so the float is bit-for-bit the one it would give.
        fn number(&mut self) -> Option<Value<'a>> {
            let start = self.i;
            let negative = self.b[self.i] == b'-';
            if negative {
                self.i += 1;
            }
            let digits = self.i;
            match self.b.get(self.i) {
                Some(b'0') => self.i += 1,
                Some(b'1'..=b'9') => {
                    while let Some(b'0'..=b'9') = self.b.get(self.i) {
                        self.i += 1;
                    }
                }
                _ => return None,
            }
            let int_end = self.i;
            let mut plain = true;
            if self.b.get(self.i) == Some(&b'.') {
                plain = false;
                self.i += 1;
                if !matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
                    return None;
                }
                while let Some(b'0'..=b'9') = self.b.get(self.i) {
                    self.i += 1;
                }
            }
            if let Some(b'e' | b'E') = self.b.get(self.i) {
                plain = false;
                self.i += 1;
                if let Some(b'+' | b'-') = self.b.get(self.i) {
                    self.i += 1;
                }
                if !matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
                    return None;
                }
                while let Some(b'0'..=b'9') = self.b.get(self.i) {
                    self.i += 1;
                }
            }
            if let (true, Ok(magnitude)) = (plain, self.text[digits..int_end].parse::<u64>()) {
                if !negative {
                    return Some(Value::Number(Number::PosInt(magnitude)));
                }
                if magnitude != 0 && magnitude <= i64::MAX as u64 + 1 {
                    return Some(Value::Number(Number::NegInt((magnitude as i64).wrapping_neg())));
                }
            }
            let f: f64 = serde_json::from_str(&self.text[start..self.i]).ok()?;
            Some(Value::Number(Number::Float(f)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_serde_json_value() {
        for text in [
            r#"{"a": [1, -2, 3.5, 1e2, 18446744073709551615, -9223372036854775808, 1e300], "b": {"c": null, "d": true}}"#,
            r#"{"s": "plain", "e": "esc\"aped\u00e9\ud83d\ude00", "k\n": 1}"#,
            r#"{"dup": 1, "dup": 2}"#,
            r#"123456789012345678901234567890"#,
            r#"[]"#,
        ] {
            let ours = Value::parse(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours_as_serde(&ours), theirs, "{text}");
            let view = Value::from_serde(&theirs);
            assert_eq!(ours_as_serde(&view), theirs, "{text}");
        }
    }

    /// Same tree as serde_json's parser, floats compared bit for bit.
    fn same(a: &Value<'_>, b: &Value<'_>) -> bool {
        match (a, b) {
            (Value::Number(Number::Float(x)), Value::Number(Number::Float(y))) => x.to_bits() == y.to_bits(),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|((ka, a), (kb, b))| ka == kb && same(a, b))
            }
            _ => a == b,
        }
    }

    /// The fast path either declines or builds serde_json's tree; it declines nothing a
    /// front end normally sends.
    fn check_fast(text: &str) -> bool {
        let reference = Value::parse_with_serde(text);
        match (fast::parse(text), &reference) {
            (Some(ours), Ok(theirs)) => {
                assert!(same(&ours, theirs), "{text:?}: {ours:?} vs {theirs:?}");
                true
            }
            (Some(ours), Err(e)) => panic!("{text:?}: fast path accepted {ours:?}, serde_json says {e}"),
            (None, _) => false,
        }
    }

    #[test]
    fn fast_path_builds_serde_json_tree_or_declines() {
        let accepted = [
            r#"{"a": [1, -2, 3.5, 1e2, 18446744073709551615, -9223372036854775808, 1e300], "b": {"c": null, "d": true}}"#,
            r#"{"s": "plain", "e": "esc\"aped\u00e9\ud83d\ude00\/\b\f\n\r\t\u0000", "k\n": 1}"#,
            r#"{"dup": 1, "dup": 2}"#,
            "123456789012345678901234567890",
            "18446744073709551616",
            "-9223372036854775809",
            "-0",
            "-0.0",
            "0.1e-400",
            "2.675",
            "1E+2",
            " \t\r\n[ ] ",
            "{}",
            r#""é€😀""#,
        ];
        for text in accepted {
            assert!(check_fast(text), "the fast path declined {text:?}");
        }
        let declined = [
            "",
            " ",
            "[1,]",
            "{,}",
            r#"{"a":1,}"#,
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "-",
            "tru",
            "nul",
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{1: 2}"#,
            "\"\u{1}\"",
            r#""\ud800""#,
            r#""\udc00x""#,
            r#""\ud800\u0041""#,
            r#""\x""#,
            r#""\u12G4""#,
            "[] []",
            "1e999",
            "\"unterminated",
            "[",
            "{\"a\":",
            "NaN",
            "Infinity",
        ];
        for text in declined {
            assert!(!check_fast(text), "the fast path accepted {text:?}");
        }
        let deep = format!("{}{}", "[".repeat(101), "]".repeat(101));
        assert!(!check_fast(&deep));
        assert!(check_fast(&format!("{}{}", "[".repeat(100), "]".repeat(100))));
    }

    #[test]
    fn fast_path_agrees_on_every_committed_document() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("tests/fixtures"), root.join("tests/fuzz-corpus"), root.join("examples")];
        dirs.push(root.join("../shared/conformance"));
        let mut seen = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                check_fast(&text);
                seen += 1;
            }
        }
        assert!(seen > 10, "found only {seen} documents");
        for fixture in ["tests/fixtures/typical-encounter.json", "tests/fixtures/large-encounter.json"] {
            let text = std::fs::read_to_string(root.join(fixture)).unwrap();
            assert!(check_fast(&text), "{fixture} left the fast path");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Random JSON-ish text from JSON's own alphabet: the fast path never disagrees.
        #[test]
        fn fast_path_never_disagrees_on_random_text(text in r#"[\[\]{}":,0-9eE+\-. a-z\\u\t\n]{0,40}"#) {
            check_fast(&text);
        }

        /// Real values, serialized (so mostly accepted), with one byte cut or changed.
        #[test]
        fn fast_path_never_disagrees_on_mutated_values(
            v in proptest::arbitrary::any::<(Vec<(String, i64)>, Vec<f64>, Option<bool>, Vec<String>)>(),
            at in 0usize..400,
            byte in proptest::prelude::any::<u8>(),
        ) {
            let text = serde_json::json!({"pairs": v.0, "floats": v.1.iter().filter(|f| f.is_finite()).collect::<Vec<_>>(), "flag": v.2, "words": v.3}).to_string();
            check_fast(&text);
            let mut bytes = text.clone().into_bytes();
            if !bytes.is_empty() {
                let k = at % bytes.len();
                bytes[k] = byte;
                if let Ok(mutated) = String::from_utf8(bytes) {
                    check_fast(&mutated);
                }
                let cut: String = text.chars().take(at % (text.chars().count() + 1)).collect();
                check_fast(&cut);
            }
        }
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let v = Value::parse(r#"{"code": "11402", "esc": "a\tb"}"#).unwrap();
        assert!(matches!(v.get("code"), Some(Value::String(Cow::Borrowed("11402")))));
        assert!(matches!(v.get("esc"), Some(Value::String(Cow::Owned(_)))));
    }

    #[test]
    fn nesting_is_limited_like_serde_json() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(Value::parse(&deep).unwrap_err().to_string().contains("recursion limit"));
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(Value::parse(&ok).is_ok());
    }

    #[test]
    fn trailing_text_is_an_error() {
        assert!(Value::parse("{} x").is_err());
        assert!(Value::parse("{} ").is_ok());
    }

    fn ours_as_serde(v: &Value<'_>) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(Number::PosInt(u)) => (*u).into(),
            Value::Number(Number::NegInt(i)) => (*i).into(),
            Value::Number(Number::Float(f)) => serde_json::Number::from_f64(*f).unwrap().into(),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(ours_as_serde).collect()),
            Value::Object(map) => {
                let mut out = serde_json::Map::new();
                for (k, v) in map.iter() {
                    out.insert(k.to_string(), ours_as_serde(v));
                }
                serde_json::Value::Object(out)
            }
        }
    }
}
