//! A borrowed JSON tree: what the decoder walks.
//!
//! `serde_json::Value` owns every key and string and keeps objects in B-trees, so building
//! one costs about two allocations per field: for a typical encounter that was 8 of the
//! 13 µs of a native call and most of the wasm call (BENCHMARKS.md). This tree borrows
//! every string that has no escape from the input text and keeps an object's fields in
//! one small vector (objects here have at most a dozen fields; lookup is a linear scan).
//!
//! It is filled by `serde_json`'s own parser, so the grammar, the error positions and the
//! nesting limit (128) are serde_json's. Duplicate keys behave as in `serde_json::Value`:
//! the last one wins.

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
    /// Parses JSON text with serde_json's parser (and its nesting limit).
    pub fn parse(text: &'a str) -> Result<Value<'a>, serde_json::Error> {
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
