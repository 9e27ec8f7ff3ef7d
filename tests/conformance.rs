//! The shared conformance cases (../shared/conformance) through the native core.
//!
//! A case listed in tests/conformance-pending.txt belongs to an open issue: it may fail,
//! but once it passes the test fails until it is removed from the list (the list only
//! shrinks). Every other case must pass.

use chargecheck::conformance::run_case;
use chargecheck::{Date, Validator};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    std::env::var_os("CHARGECHECK_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance"))
}

/// case file name -> the issue that owns it
fn pending() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance-pending.txt"))
        .unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (file, owner) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (file.to_string(), owner.trim().to_string())
        })
        .collect()
}

#[test]
fn shared_conformance_cases() {
    let dir = cases_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 36, "expected the shared cases in {}", dir.display());
    let pending = pending();
    let validator = Validator::new().unwrap();
    let today = Date::parse("2026-11-26").unwrap();
    let mut problems = Vec::new();
    let mut passed = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let outcome = run_case(&validator, &std::fs::read_to_string(file).unwrap(), today);
        match (outcome.passed(), pending.get(&name)) {
            (true, None) => passed += 1,
            (false, None) => problems.push(format!("{name} fails: {}", outcome.failures.join(" | "))),
            (true, Some(owner)) => {
                problems.push(format!("{name} passes now: remove it from tests/conformance-pending.txt ({owner})"))
            }
            (false, Some(_)) => {}
        }
    }
    for name in pending.keys() {
        if !files.iter().any(|f| f.file_name().is_some_and(|n| n.to_string_lossy() == *name)) {
            problems.push(format!("{name} is pending but no such case exists"));
        }
    }
    eprintln!("{passed} conformance cases pass; {} pending", pending.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
