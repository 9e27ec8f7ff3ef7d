//! The embedded ICD-10-CM table agrees with the official FY2026 code list.
//!
//! Always: the committed samples drawn by the generator with a fixed seed
//! from `code-list-April-2026.txt` (5,000 billable, 2,000 non-billable
//! codes) and deterministic made-up codes.
//!
//! Full check: set `CHARGECHECK_ICD_CODE_LIST` to the official
//! `code-list-April-2026.txt` (from the `simple-icd-10-cm` 1.5.0 wheel) and
//! every code in it is checked; billable = not a proper prefix of another
//! code. Without the variable that part is skipped with a message.

use chargecheck::icd10cm::{CodeSet, Lookup};

fn rules(name: &str) -> String {
    let path = format!("{}/rules/icd10cm/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn sampled_billable_codes_are_billable() {
    let cs = CodeSet::global();
    let sample = rules("sample-billable.txt");
    let mut n = 0;
    for code in sample.lines() {
        assert_eq!(cs.lookup(code), Lookup::Billable, "{code}");
        assert_eq!(cs.lookup(&code.replace('.', "").to_lowercase()), Lookup::Billable, "{code}");
        n += 1;
    }
    assert_eq!(n, 5000);
}

#[test]
fn sampled_non_billable_codes_are_not() {
    let cs = CodeSet::global();
    let sample = rules("sample-nonbillable.txt");
    let mut n = 0;
    for code in sample.lines() {
        match cs.lookup(code) {
            Lookup::Header { children } => assert!(!children.is_empty(), "{code}"),
            Lookup::Missing7th { allowed } => assert!(!allowed.is_empty(), "{code}"),
            other => panic!("{code}: {other:?}"),
        }
        n += 1;
    }
    assert_eq!(n, 2000);
}

#[test]
fn made_up_codes_are_not_billable() {
    // Deterministic mutations of sampled billable codes: append a character
    // (a billable code has no children), or change the last character to W,
    // which ends no code in the official FY2026 list.
    let cs = CodeSet::global();
    let billable: std::collections::HashSet<String> = rules("sample-billable.txt").lines().map(String::from).collect();
    let mut checked = 0;
    for code in rules("sample-billable.txt").lines().step_by(5) {
        let raw = code.replace('.', "");
        if raw.len() < 7 {
            let longer = format!("{raw}Q");
            assert!(!cs.is_billable(&longer), "{longer}");
            checked += 1;
        }
        let mut changed = raw.clone();
        changed.pop();
        changed.push('W');
        assert!(!billable.contains(&CodeSet::dotted(&changed)));
        assert!(!cs.is_billable(&changed), "{changed}");
        checked += 1;
    }
    assert!(checked > 1000);
}

#[test]
fn full_official_list_when_available() {
    let Ok(path) = std::env::var("CHARGECHECK_ICD_CODE_LIST") else {
        eprintln!("SKIPPED: set CHARGECHECK_ICD_CODE_LIST to code-list-April-2026.txt for the full ICD-10-CM check");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let codes: std::collections::BTreeSet<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains('-') && !l.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let mut prefixes = std::collections::HashSet::new();
    for c in &codes {
        for i in 3..c.len() {
            prefixes.insert(&c[..i]);
        }
    }
    let cs = CodeSet::global();
    let mut billable = 0;
    for c in &codes {
        let is_billable = !prefixes.contains(c);
        assert_eq!(cs.is_billable(c), is_billable, "{c}: {:?}", cs.lookup(c));
        billable += is_billable as usize;
    }
    assert_eq!(billable, cs.billable_count());
}
