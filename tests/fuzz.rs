//! Fuzzing at scale with proptest (issue 8): structure-aware mutations of real encounters
//! and payer profiles, and byte-level mutations of their JSON text. Every call must
//! return a Result or a structured error (a panic fails the test), take less than 10 ms
//! (optimized builds; a debug build gets a looser bound that still catches runaway
//! work), and leave no allocation behind (a counting allocator checks that every call
//! frees what it allocated).
//!
//! `cargo test --test fuzz` runs a bounded number of cases (CI, via tools/test.sh);
//! `CHARGECHECK_FUZZ_CASES=20000 cargo test --profile bench --test fuzz` is the long run
//! that tools/bench.sh does. Seeds: tests/fixtures/, the rule example bases, the shared
//! conformance cases when present, and tests/fuzz-corpus/. Failures proptest finds are
//! kept in tests/fuzz.proptest-regressions and replayed first.

use chargecheck::{Date, Validator};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{json, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Live heap bytes allocated by the current thread (other test threads allocate too).
struct Counting;
thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}
fn count(delta: isize) {
    let _ = LIVE.try_with(|c| c.set(c.get() + delta));
}
fn live() -> isize {
    LIVE.with(Cell::get)
}
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        count(l.size() as isize);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        count(-(l.size() as isize));
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        count(new as isize - l.size() as isize);
        unsafe { System.realloc(p, l, new) }
    }
}
#[global_allocator]
static ALLOC: Counting = Counting;

fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

const BUDGET: Duration = if cfg!(debug_assertions) { Duration::from_millis(250) } else { Duration::from_millis(10) };

fn cases() -> u32 {
    std::env::var("CHARGECHECK_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        600
    } else {
        5000
    })
}

fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    }
}

fn today() -> Date {
    Date::parse("2026-06-10").unwrap()
}

fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| Validator::new().unwrap())
}

fn seeds() -> &'static Vec<Value> {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out: Vec<Value> = [
            include_str!("fixtures/typical-encounter.json"),
            include_str!("fixtures/large-encounter.json"),
            include_str!("../rules/examples/default.json"),
        ]
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
        if let Ok(dir) = std::fs::read_dir(shared) {
            let mut files: Vec<_> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            for f in files {
                if let Some(enc) = std::fs::read_to_string(&f)
                    .ok()
                    .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                    .map(|c| c["encounter"].clone())
                {
                    out.push(enc);
                }
            }
        }
        out
    })
}

fn corpus_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    files
}

fn corpus_texts() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| corpus_files().iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect())
}

/// One call under the three checks; `call` drops its result itself. The call runs twice:
/// the first may fill a once-per-process table (a `OnceLock`); the second must leave the
/// heap exactly as it found it.
fn checked(what: &str, mut call: impl FnMut()) {
    let start = Instant::now();
    call();
    let took = start.elapsed();
    assert!(took < BUDGET, "{what}: a call took {took:?} (budget {BUDGET:?})");
    let before = live();
    call();
    let after = live();
    assert_eq!(after, before, "{what}: {} bytes left allocated after a repeated call", after - before);
}

fn validate_text(text: &str) {
    let v = validator();
    checked("validate", || {
        let _ = v.validate_json(text, today());
    });
}

// ---------------------------------------------------------------------------------------
// Structure-aware mutations: pick a node of a real encounter and replace, delete,
// duplicate or grow it.

#[derive(Clone, Debug)]
enum Edit {
    Replace(u32, Value),
    Delete(u32),
    Duplicate(u32, u16),
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        prop_oneof![
            Just(0.0),
            Just(-0.0),
            Just(1e308),
            Just(5e-324),
            Just(0.005),
            Just(2.675),
            Just(100.0),
            Just(100.01)
        ]
        .prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        prop::sample::select(WORDS).prop_map(|s| Value::String(s.to_string())),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
        "[A-Z0-9.]{1,8}".prop_map(Value::String),
    ]
}

/// Words and codes the decoder and rules know, so mutations reach deep paths.
const WORDS: &[&str] = &[
    "back",
    "face",
    "nose",
    "ear",
    "hand",
    "left",
    "right",
    "midline",
    "benign",
    "malignant",
    "pending",
    "excision",
    "repair",
    "shave",
    "biopsy",
    "destruction",
    "mohs",
    "skin_tag_removal",
    "intralesional_injection",
    "incision_drainage",
    "simple",
    "intermediate",
    "complex",
    "punch",
    "tangential",
    "incisional",
    "cryotherapy",
    "new",
    "established",
    "high",
    "low",
    "moderate",
    "minimal",
    "medicare",
    "commercial",
    "medicaid",
    "11102",
    "11103",
    "11402",
    "11602",
    "11642",
    "12032",
    "12052",
    "13101",
    "13102",
    "17000",
    "17003",
    "17004",
    "17110",
    "17311",
    "17312",
    "99213",
    "99214",
    "99215",
    "99203",
    "11900",
    "10060",
    "10061",
    "11200",
    "11201",
    "25",
    "57",
    "24",
    "79",
    "58",
    "59",
    "XS",
    "XE",
    "XP",
    "XU",
    "RT",
    "LT",
    "51",
    "C44.519",
    "L57.0",
    "D48.5",
    "L82.0",
    "L82.1",
    "C44.319",
    "S01.81XA",
    "L40",
    "C44",
    "2026-06-09",
    "2026-06-10",
    "2025-06-09",
    "1647283906",
];

fn value(depth: u32) -> BoxedStrategy<Value> {
    leaf()
        .prop_recursive(depth, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(prop::sample::select(KEYS).prop_map(String::from), inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

const KEYS: &[&str] = &[
    "id",
    "code",
    "type",
    "site",
    "lesions",
    "procedures",
    "charges",
    "units",
    "modifiers",
    "diagnosis_pointers",
    "diameter_cm",
    "margin_cm",
    "length_cm",
    "count",
    "stages",
    "blocks",
    "closure",
    "complexity",
    "technique",
    "method",
    "pathology",
    "laterality",
    "diagnosis",
    "symptoms",
    "visit",
    "mdm",
    "problems",
    "data",
    "risk",
    "patient_status",
    "total_minutes",
    "separately_identifiable",
    "decision_for_surgery",
    "date",
    "start",
    "end",
    "payer",
    "plan_type",
    "rules",
    "disable",
    "severity",
    "rule",
    "charge",
    "reason",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<u32>(), value(3)).prop_map(|(i, v)| Edit::Replace(i, v)),
        2 => any::<u32>().prop_map(Edit::Delete),
        1 => (any::<u32>(), 0u16..600).prop_map(|(i, n)| Edit::Duplicate(i, n)),
    ]
}

/// JSON pointers of every node (objects' fields and arrays' items).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| {
            let p = format!("{at}/{i}");
            out.push(p.clone());
            pointers(x, &p, out);
        }),
        Value::Object(map) => map.iter().for_each(|(k, x)| {
            let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
            out.push(p.clone());
            pointers(x, &p, out);
        }),
        _ => {}
    }
}

fn apply(doc: &mut Value, edit: &Edit) {
    let mut ps = Vec::new();
    pointers(doc, "", &mut ps);
    if ps.is_empty() {
        return;
    }
    let pick = |i: u32| ps[i as usize % ps.len()].clone();
    match edit {
        Edit::Replace(i, v) => {
            if let Some(slot) = doc.pointer_mut(&pick(*i)) {
                *slot = v.clone();
            }
        }
        Edit::Delete(i) => {
            let p = pick(*i);
            let (parent, last) = p.rsplit_once('/').unwrap();
            match doc.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(a)) => {
                    if let Ok(k) = last.parse::<usize>() {
                        if k < a.len() {
                            a.remove(k);
                        }
                    }
                }
                _ => {}
            }
        }
        Edit::Duplicate(i, n) => {
            let p = pick(*i);
            let (parent, last) = p.rsplit_once('/').unwrap();
            if let (Ok(k), Some(Value::Array(a))) = (last.parse::<usize>(), doc.pointer_mut(parent)) {
                let item = a[k].clone();
                a.extend(std::iter::repeat_n(item, *n as usize));
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_encounters_are_answered_quickly_without_leaks(seed in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..6)) {
        let _serial = serial();
        let mut doc = seed.get(seeds()).clone();
        for e in &edits {
            apply(&mut doc, e);
        }
        validate_text(&doc.to_string());
    }

    #[test]
    fn mutated_text_is_answered_quickly_without_leaks(
        seed in any::<prop::sample::Index>(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..8),
    ) {
        let _serial = serial();
        let texts = corpus_texts();
        let fixtures: Vec<String> = seeds().iter().take(3).map(|v| v.to_string()).collect();
        let all: Vec<&String> = texts.iter().chain(fixtures.iter()).collect();
        let mut bytes = seed.get(&all).as_bytes().to_vec();
        for (at, op, b) in &cuts {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = *b,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, *b),
                _ => bytes.truncate(i),
            }
        }
        // Invalid UTF-8 stops at the front ends (CLI: tests/robustness.rs; wasm: TextEncoder).
        let text = String::from_utf8_lossy(&bytes).into_owned();
        validate_text(&text);
    }

    #[test]
    fn mutated_payer_profiles_are_answered_quickly_without_leaks(edits in prop::collection::vec(edit(), 1..5), which in 0usize..3) {
        let _serial = serial();
        let texts = [
            include_str!("../rules/payers/medicare.json"),
            include_str!("../rules/payers/commercial.json"),
            include_str!("../rules/payers/medicaid.json"),
        ];
        let mut doc: Value = serde_json::from_str(texts[which]).unwrap();
        for e in &edits {
            apply(&mut doc, e);
        }
        let text = doc.to_string();
        let mut v = Validator::new().unwrap();
        let start = Instant::now();
        let _ = v.add_payer_profile_json(&text);
        prop_assert!(start.elapsed() < BUDGET, "addPayerProfile took {:?}", start.elapsed());
        // A loaded profile is kept, so the check for leftovers is on replacing it.
        checked("addPayerProfile again", || { let _ = v.add_payer_profile_json(&text); });
        // Whatever loaded, validating under it must also hold.
        let enc = include_str!("fixtures/typical-encounter.json");
        checked("validate under the profile", || { let _ = v.validate_json(enc, today()); });
    }
}

#[test]
fn worst_case_documents_stay_within_budget() {
    let _serial = serial();
    // Every list at its limit, every cross-reference resolving, every pair of lines an NCCI pair.
    let lesions: Vec<Value> = (0..500).map(|i| json!({"id": format!("L{i}"), "site": "back", "laterality": "midline", "diameter_cm": 1.2, "diagnosis": "C44.519", "pathology": "malignant", "symptoms": ["bleeding"]})).collect();
    let types = ["excision", "repair", "biopsy", "destruction", "shave"];
    let procedures: Vec<Value> = (0..500).map(|i| json!({"id": format!("P{i}"), "type": types[i % 5], "lesions": [format!("L{i}"), format!("L{}", (i + 1) % 500)], "margin_cm": 0.2, "closure": "intermediate", "site": "back", "complexity": "intermediate", "length_cm": 3.0, "technique": "punch", "method": "cryotherapy"})).collect();
    let codes = ["11602", "12032", "11102", "11103", "17000", "17003", "11402", "99214", "13101", "11301"];
    let charges: Vec<Value> = (0..500).map(|i| json!({"code": codes[i % codes.len()], "modifiers": ["XS"], "units": 1, "diagnosis_pointers": [1, 2, 3, 4], "procedures": [format!("P{i}")]})).collect();
    let diagnoses: Vec<Value> = ["C44.519", "L57.0", "D48.5", "L82.1", "L40.0", "D22.5"]
        .iter()
        .cycle()
        .take(500)
        .map(|c| json!({"code": c}))
        .collect();
    let mut doc: Value = serde_json::from_str(include_str!("fixtures/typical-encounter.json")).unwrap();
    doc["lesions"] = Value::Array(lesions);
    doc["procedures"] = Value::Array(procedures);
    doc["charges"] = Value::Array(charges);
    doc["diagnoses"] = Value::Array(diagnoses);
    let text = doc.to_string();
    assert!(text.len() < chargecheck::decode::MAX_DOCUMENT_BYTES);
    let start = Instant::now();
    let result = validator().validate_json(&text, today());
    let took = start.elapsed();
    // Bigger than any real note by far: the budget is 10x the per-call one, in optimized builds.
    let budget = if cfg!(debug_assertions) { Duration::from_secs(20) } else { Duration::from_millis(100) };
    assert!(took < budget, "worst case took {took:?}");
    let findings = result.map(|r| r.findings.len()).unwrap_or(0);
    eprintln!("worst case: {} bytes, {findings} findings, {took:?}", text.len());
}
