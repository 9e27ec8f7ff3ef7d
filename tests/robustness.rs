//! Robustness (issue 8): input limits with clear structured errors, determinism, and
//! privacy (no identifying or free-text value is ever echoed). The fuzz properties are in
//! tests/fuzz.rs; the JS side (million mixed calls, wasm = native bytes) is in
//! tests/js/robustness.test.mjs.

use chargecheck::decode::{MAX_DOCUMENT_BYTES, MAX_ITEMS, MAX_STRING_BYTES};
use chargecheck::{Date, InputError, Validator};
use serde_json::{json, Value};

const TYPICAL: &str = include_str!("fixtures/typical-encounter.json");
const LARGE: &str = include_str!("fixtures/large-encounter.json");

fn today() -> Date {
    Date::parse("2026-06-10").unwrap()
}

fn typical() -> Value {
    serde_json::from_str(TYPICAL).unwrap()
}

fn refuse(text: &str) -> InputError {
    Validator::new().unwrap().validate_json(text, today()).expect_err("input must be refused")
}

fn problems(e: &InputError) -> String {
    e.fields.iter().map(|f| format!("{}: {}", f.path, f.problem)).collect::<Vec<_>>().join("; ")
}

// ---------------------------------------------------------------------------------------
// Limits

#[test]
fn document_size_is_limited_before_parsing() {
    let mut e = typical();
    e["pad"] = Value::String("x".repeat(MAX_DOCUMENT_BYTES));
    let err = refuse(&e.to_string());
    assert_eq!(err.error, "invalid_input");
    assert!(problems(&err).contains("limit is 1048576"), "{}", problems(&err));
    // Just under the limit is parsed (and then refused only for what it holds).
    let mut e = typical();
    let room = MAX_DOCUMENT_BYTES - e.to_string().len() - 20;
    e["pad"] = Value::String("x".repeat(room));
    assert!(Validator::new().unwrap().validate_json(&e.to_string(), today()).is_ok());
}

#[test]
fn counts_are_limited_per_list() {
    for list in ["charges", "lesions", "diagnoses", "procedures", "authorizations", "prior_procedures", "overrides"] {
        let mut e = typical();
        e[list] = Value::Array(vec![json!({}); MAX_ITEMS + 1]);
        let err = refuse(&e.to_string());
        assert!(
            err.fields.iter().any(|f| f.path == list && f.problem.contains("limit is 500")),
            "{list}: {}",
            problems(&err)
        );
    }
    let mut e = typical();
    e["charges"][0]["modifiers"] = Value::Array(vec![json!("25"); MAX_ITEMS + 1]);
    assert!(problems(&refuse(&e.to_string())).contains("charges[0].modifiers: 501 items"));
}

#[test]
fn nesting_depth_is_limited_with_a_clear_error() {
    let deep = format!(r#"{{"date_of_service":"2026-06-09","charges":[],"x":{}{}}}"#, "[".repeat(200), "]".repeat(200));
    let err = refuse(&deep);
    assert!(problems(&err).contains("nested more than 128 levels"), "{}", problems(&err));
    // Depth within the limit in an ignored field is fine.
    let ok = format!(r#"{{"date_of_service":"2026-06-09","charges":[],"x":{}{}}}"#, "[".repeat(100), "]".repeat(100));
    assert!(Validator::new().unwrap().validate_json(&ok, today()).is_ok());
}

#[test]
fn string_lengths_are_limited() {
    let mut e = typical();
    e["coverage"]["member_id"] = Value::String("9".repeat(MAX_STRING_BYTES + 1));
    e["lesions"][0]["id"] = Value::String("é".repeat(MAX_STRING_BYTES)); // 512 bytes
    let err = refuse(&e.to_string());
    assert!(err.fields.iter().any(|f| f.path == "coverage.member_id" && f.problem.contains("limit is 256")));
    assert!(err.fields.iter().any(|f| f.path == "lesions[0].id"));
}

#[test]
fn numbers_huge_fractional_or_not_numbers_are_named() {
    let cases: &[(&str, &str, &str)] = &[
        (r#""units": 1e30"#, "charges[0].units", "integer"),
        (r#""units": 99999999999999999999999"#, "charges[0].units", "integer"),
        (r#""units": -5000000000"#, "charges[0].units", "integer"),
        (r#""units": 1.5"#, "charges[0].units", "fraction"),
        (r#""units": "1""#, "charges[0].units", "found a string"),
        (r#""units": 1e999"#, "", "too large"),
        (r#""units": NaN"#, "", "not valid JSON"),
        (r#""units": Infinity"#, "", "not valid JSON"),
    ];
    for (field, path, words) in cases {
        let text = format!(r#"{{"date_of_service":"2026-06-09","charges":[{{"code":"11102",{field}}}]}}"#);
        let err = refuse(&text);
        assert!(err.fields.iter().any(|f| f.path == *path && f.problem.contains(words)), "{field}: {}", problems(&err));
    }
    for (diameter, words) in
        [("1e300", "over 100 cm"), ("-0.5", "negative"), ("0.123", "two decimals"), ("0.1000001", "two decimals")]
    {
        let mut e = typical();
        e["lesions"][0]["diameter_cm"] = serde_json::from_str(diameter).unwrap();
        let err = refuse(&e.to_string());
        assert!(
            err.fields.iter().any(|f| f.path == "lesions[0].diameter_cm" && f.problem.contains(words)),
            "{diameter}: {}",
            problems(&err)
        );
    }
}

/// JS `NaN`/`Infinity` never reach the core: `JSON.stringify` writes them as `null`, which
/// the contract reads as missing. So a NaN diameter is "not documented", never a number.
#[test]
fn null_where_js_had_nan_means_missing() {
    let v = Validator::new().unwrap();
    let mut e = typical();
    e["lesions"][0]["diameter_cm"] = Value::Null;
    let with_null = v.validate_json(&e.to_string(), today()).unwrap();
    e["lesions"][0].as_object_mut().unwrap().remove("diameter_cm");
    let without = v.validate_json(&e.to_string(), today()).unwrap();
    assert_eq!(serde_json::to_string(&with_null).unwrap(), serde_json::to_string(&without).unwrap());
}

#[test]
fn odd_unicode_is_handled() {
    let v = Validator::new().unwrap();
    // A byte-order mark (Windows editors) is skipped.
    assert!(v.validate_json(&format!("\u{feff}{TYPICAL}"), today()).is_ok());
    // Unpaired surrogates (JSON.stringify writes them escaped) are named, not a panic.
    let lone = r#"{"date_of_service":"2026-06-09","charges":[],"x":"\ud800"}"#;
    assert!(problems(&refuse(lone)).contains("unpaired UTF-16 surrogate"));
    // Raw control characters in a string.
    assert!(problems(&refuse("{\"date_of_service\":\"2026-06-09\",\"charges\":[],\"x\":\"a\u{1}b\"}"))
        .contains("control character"));
    // Look-alike and invisible characters in words and codes: refused or reported, never accepted as the word.
    for (path, value) in [
        ("/lesions/0/site", "b\u{430}ck"),                // Cyrillic a
        ("/lesions/0/site", "back\u{200b}"),              // zero-width space
        ("/lesions/0/laterality", "ＬＥＦＴ"),            // full-width
        ("/visit/patient_status", "established\u{202e}"), // right-to-left override
    ] {
        let mut e = typical();
        *e.pointer_mut(path).unwrap() = Value::String(value.into());
        refuse(&e.to_string());
    }
    // Emoji and combining marks in ids and codes: checked like any other text.
    let mut e = typical();
    e["charges"][0]["code"] = Value::String("9921\u{301}4".into());
    e["lesions"][0]["id"] = Value::String("L\u{1F600}".into());
    e["procedures"][0]["lesions"][0] = Value::String("L\u{1F600}".into());
    e["procedures"][1]["lesions"][0] = Value::String("L\u{1F600}".into());
    let result = v.validate_json(&e.to_string(), today()).unwrap();
    assert!(result.findings.iter().any(|f| f.charge == Some(0)), "a malformed code is reported");
}

#[test]
fn the_validator_is_usable_after_every_error() {
    let v = Validator::new().unwrap();
    let good = v.validate_json(TYPICAL, today()).unwrap();
    for bad in
        ["", "{", "[]", "null", "{\"charges\":5}", "\u{0}", "{\"date_of_service\":\"2026-13-01\",\"charges\":[]}"]
    {
        assert!(v.validate_json(bad, today()).is_err());
        assert_eq!(v.validate_json(TYPICAL, today()).unwrap(), good);
    }
}

// ---------------------------------------------------------------------------------------
// Determinism

#[test]
fn same_input_gives_byte_identical_output() {
    for text in [TYPICAL, LARGE] {
        let first = serde_json::to_string(&Validator::new().unwrap().validate_json(text, today()).unwrap()).unwrap();
        let v = Validator::new().unwrap();
        for _ in 0..20 {
            assert_eq!(serde_json::to_string(&v.validate_json(text, today()).unwrap()).unwrap(), first);
        }
        // Key order and whitespace of the input do not change the output.
        let compact = serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap()).unwrap();
        assert_eq!(serde_json::to_string(&v.validate_json(&compact, today()).unwrap()).unwrap(), first);
    }
}

// ---------------------------------------------------------------------------------------
// Privacy

const SENTINEL: &str = "ZQXSENTINEL";

/// Every string in the document, with its JSON pointer.
fn string_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) => out.push(at),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| string_pointers(x, format!("{at}/{i}"), out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| string_pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// Fields the contract returns as given (codes, modifiers, rule ids) or that are the
/// encounter's own keys (lesion and procedure ids, which findings may name to say where
/// to look); everything else is free text or identifying and must never come back.
fn may_be_echoed(pointer: &str) -> bool {
    let last = pointer.rsplit('/').next().unwrap_or("");
    let parent = pointer.rsplit('/').nth(1).unwrap_or("");
    matches!(last, "code" | "id" | "rule")
        || matches!(parent, "modifiers" | "codes" | "diagnoses" | "lesions" | "procedures")
        || pointer.contains("/diagnosis")
}

fn with_sentinels(base: &Value, pick: impl Fn(&str) -> bool) -> (Value, usize) {
    let mut pointers = Vec::new();
    string_pointers(base, String::new(), &mut pointers);
    let mut e = base.clone();
    let mut planted = 0;
    for p in pointers.iter().filter(|p| pick(p)) {
        *e.pointer_mut(p).unwrap() = Value::String(format!("{SENTINEL}{planted}"));
        planted += 1;
    }
    (e, planted)
}

fn vendor_fields(e: &mut Value) {
    e["patient"]["name"] = json!(format!("{SENTINEL} Jane Doe"));
    e["patient"]["mrn"] = json!(format!("{SENTINEL}-MRN"));
    e["note_text"] = json!(format!("{SENTINEL} patient reports itching"));
    e["overrides"] = json!([{"rule": "em.next-level", "charge": 0, "reason": format!("{SENTINEL} reviewed by Dr X")}]);
}

#[test]
fn free_text_and_identifying_values_are_never_echoed() {
    let v = Validator::new().unwrap();
    let mut base = typical();
    vendor_fields(&mut base);
    // 1. Every free-text or identifying string at once (the encounter stays decodable:
    //    enumerated words and dates are left alone, they fail decoding and are tested below).
    let decodable = |p: &str| {
        !may_be_echoed(p)
            && ![
                "site",
                "laterality",
                "pathology",
                "sex",
                "plan_type",
                "patient_status",
                "problems",
                "data",
                "risk",
                "type",
                "technique",
                "method",
                "closure",
                "complexity",
            ]
            .iter()
            .any(|w| p.ends_with(&format!("/{w}")))
            && !p.contains("date")
            && !p.ends_with("/effective")
            && !p.ends_with("/terminates")
            && !p.contains("checked_on")
            && !p.ends_with("signed_on")
    };
    let (e, planted) = with_sentinels(&base, decodable);
    assert!(planted >= 8, "planted {planted}");
    let result = v.validate_json(&e.to_string(), today()).unwrap();
    for f in &result.findings {
        let mut f = f.clone();
        f.override_reason = None; // the contract extension returns the caller's own reason
        let text = serde_json::to_string(&f).unwrap();
        assert!(!text.contains(SENTINEL), "finding echoes a planted value: {text}");
    }
    // 2. Every string field, one at a time, sentinel in place: whatever comes back (a
    //    Result or a structured error) never holds it, except where the contract returns it.
    let mut pointers = Vec::new();
    string_pointers(&base, String::new(), &mut pointers);
    for p in pointers.iter().filter(|p| !may_be_echoed(p)) {
        let mut e = base.clone();
        *e.pointer_mut(p).unwrap() = Value::String(SENTINEL.into());
        let out = match v.validate_json(&e.to_string(), today()) {
            Ok(mut r) => {
                r.findings.iter_mut().for_each(|f| f.override_reason = None);
                serde_json::to_string(&r).unwrap()
            }
            Err(err) => format!("{} {}", err.to_json(), err),
        };
        assert!(!out.contains(SENTINEL), "{p}: echoed in {out}");
    }
}

#[test]
fn payer_profile_errors_do_not_echo_values() {
    let mut v = Validator::new().unwrap();
    let profile = json!({"id": "acme", "name": format!("{SENTINEL} Health"), "filing_limit_days": SENTINEL,
        "eligibility_max_age_days": 30, "wants_modifier_51": SENTINEL, "authorization_required": [SENTINEL],
        "sources": [SENTINEL], "rules": {"disable": [], "severity": {}}});
    let err = v.add_payer_profile_json(&profile.to_string()).unwrap_err();
    assert!(!format!("{} {}", err.to_json(), err).contains(SENTINEL));
}

// ---------------------------------------------------------------------------------------
// The committed corpus (tests/fuzz-corpus/): hostile documents that once were or could be
// trouble. Each must give a Result or a structured error, quickly.

#[test]
fn corpus_documents_are_answered() {
    let v = Validator::new().unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-corpus")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = String::from_utf8(bytes) else { continue }; // non-UTF-8 seeds are the CLI's (below)
        let _ = v.validate_json(&text, today());
        let _ = Validator::new().unwrap().add_payer_profile_json(&text);
        n += 1;
    }
    assert!(n >= 10, "corpus has {n} documents");
}

#[test]
fn the_cli_refuses_non_utf8_and_oversized_input_with_structured_errors() {
    let exe = env!("CARGO_BIN_EXE_chargecheck");
    let dir = std::env::temp_dir().join(format!("chargecheck-robustness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.json");
    std::fs::write(&latin1, b"{\"date_of_service\":\"2026-06-09\",\"charges\":[],\"note\":\"caf\xe9\"}").unwrap();
    let big = dir.join("big.json");
    std::fs::write(&big, format!("{{\"pad\":\"{}\"}}", "x".repeat(3 * MAX_DOCUMENT_BYTES))).unwrap();
    for (file, words) in [(&latin1, "UTF-8"), (&big, "limit is 1048576")] {
        let out = std::process::Command::new(exe)
            .args(["check", file.to_str().unwrap(), "--today", "2026-06-10"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file:?}");
        let err: Value = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|_| panic!("structured error: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(err["error"], "invalid_input");
        assert!(err.to_string().contains(words), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
