//! Every rule carries its identity, reason, source and examples; a rule missing any of
//! them fails here. Then every example runs: firing examples must draw the rule (with
//! the fields they expect), passing examples must not, and every example base is clean.

use chargecheck::conformance::matches;
use chargecheck::rules::{example_base, merge_patch, Example, PackFile, EMBEDDED_EXAMPLE_BASES, EMBEDDED_PACKS};
use chargecheck::{Date, Validator};
use serde_json::Value;

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

fn all_rules() -> Vec<(String, chargecheck::rules::RuleMeta)> {
    EMBEDDED_PACKS
        .iter()
        .flat_map(|(file, text)| {
            let pack: PackFile = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
            pack.rules.into_iter().map(move |r| (file.to_string(), r))
        })
        .collect()
}

#[test]
fn every_rule_has_identity_reason_source_and_examples() {
    let rules = all_rules();
    assert!(!rules.is_empty());
    let mut problems = Vec::new();
    for (file, r) in &rules {
        let mut missing = |what: &str| problems.push(format!("{file}: {} lacks {what}", r.id));
        let id_ok = r.id.split_once('.').is_some_and(|(pack, name)| {
            !pack.is_empty()
                && !name.is_empty()
                && r.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        });
        if !id_ok {
            missing("a stable id of the form pack.what-is-flagged");
        }
        if r.name.trim().is_empty() {
            missing("a name");
        }
        if r.summary.trim().len() < 20 {
            missing("a summary");
        }
        if r.rationale.trim().len() < 40 {
            missing("a rationale");
        }
        if r.citations.is_empty() || r.citations.iter().any(|c| c.source.trim().len() < 10) {
            missing("a citation naming its source");
        }
        if r.examples.fires.is_empty() {
            missing("a firing example");
        }
        if r.examples.passes.is_empty() {
            missing("a non-firing example");
        }
        if r.check.get("kind").and_then(Value::as_str).is_none() {
            missing("a check kind");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn run_example(validator: &Validator, example: &Example) -> chargecheck::CheckResult {
    let mut encounter = example_base(&example.base).unwrap_or_else(|| panic!("no example base {}", example.base));
    merge_patch(&mut encounter, &example.patch);
    let mut extra = Vec::new();
    if let Some(p) = &example.payer_profile {
        extra.push(validator.decode_payer_profile(p).unwrap_or_else(|e| panic!("{}: {}", example.title, e.message)));
    }
    let encounter = chargecheck::decode::decode_encounter(&encounter)
        .unwrap_or_else(|e| panic!("example {:?} is not a valid encounter: {}", example.title, e.message));
    if let Some(ncci) = &example.ncci {
        // Example NCCI tables replace the shipped subset for this example only.
        let mut own = Validator::new().unwrap();
        own.load_ncci(ncci.ptp.as_deref(), ncci.mue.as_deref())
            .unwrap_or_else(|e| panic!("example {:?}: NCCI tables: {}", example.title, e.message));
        return own.validate_with(&encounter, today(), &extra);
    }
    validator.validate_with(&encounter, today(), &extra)
}

#[test]
fn every_rule_example_behaves_as_stated() {
    let validator = Validator::new().unwrap();
    let mut problems = Vec::new();
    for (file, rule) in all_rules() {
        for ex in &rule.examples.fires {
            let result = run_example(&validator, ex);
            let mine: Vec<Value> = result
                .findings
                .iter()
                .filter(|f| f.rule == rule.id)
                .map(|f| serde_json::to_value(f).unwrap())
                .collect();
            let want = ex.expect.clone().unwrap_or(Value::Object(Default::default()));
            if !mine.iter().any(|f| matches(f, &want)) {
                problems.push(format!("{file}: {} does not fire as stated on {:?}: {mine:?}", rule.id, ex.title));
            }
        }
        for ex in &rule.examples.passes {
            let result = run_example(&validator, ex);
            let fired: Vec<_> = result.findings.iter().filter(|f| f.rule == rule.id).collect();
            if !fired.is_empty() {
                problems.push(format!("{file}: {} fires on its passing example {:?}: {fired:?}", rule.id, ex.title));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn findings_carry_their_rules_metadata() {
    let validator = Validator::new().unwrap();
    for (_, rule) in all_rules() {
        for ex in &rule.examples.fires {
            for f in run_example(&validator, ex).findings.iter().filter(|f| f.rule == rule.id) {
                assert_eq!((f.severity, f.category), (rule.severity, rule.category), "{}", rule.id);
            }
        }
    }
}

#[test]
fn example_bases_are_clean() {
    let validator = Validator::new().unwrap();
    for (name, text) in EMBEDDED_EXAMPLE_BASES {
        let result = validator.validate_json(text, today()).unwrap();
        let alarms: Vec<_> =
            result.findings.iter().filter(|f| f.severity != chargecheck::finding::Severity::Info).collect();
        assert!(alarms.is_empty(), "example base {name} draws {alarms:?}");
    }
}
