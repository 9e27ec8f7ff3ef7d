//! Snapshots of the charges suggested for the public cases whose notes are fully
//! documented: a change in what "generate charges from the note" returns is a reviewed
//! diff. The case's own charges are in the case file for comparison.

use chargecheck::suggest::suggest_charges;
use chargecheck::Validator;
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    std::env::var_os("CHARGECHECK_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance"))
}

fn suggested(prefix: &str) -> serde_json::Value {
    let dir = cases_dir();
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .unwrap_or_else(|| panic!("no case {prefix} in {}", dir.display()));
    let case: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let encounter = chargecheck::decode::decode_encounter(&case["encounter"]).unwrap();
    let validator = Validator::new().unwrap();
    serde_json::to_value(suggest_charges(&encounter, validator.knowledge()).unwrap()).unwrap()
}

#[test]
fn excision_with_biopsy_of_another_lesion() {
    insta::assert_json_snapshot!("001-excision-and-biopsy", suggested("001-"));
}

#[test]
fn malignant_excision_with_intermediate_repair() {
    insta::assert_json_snapshot!("003-excision-and-repair", suggested("003-"));
}

#[test]
fn complex_repair_with_add_on() {
    insta::assert_json_snapshot!("014-complex-repair", suggested("014-"));
}

#[test]
fn mohs_with_repair() {
    insta::assert_json_snapshot!("020-mohs", suggested("020-"));
}

#[test]
fn skin_tags_with_add_on() {
    insta::assert_json_snapshot!("021-skin-tags", suggested("021-"));
}

#[test]
fn a_case_with_a_wrong_line_suggests_the_documented_one() {
    // 023 bills 10060 for a complicated abscess; the note supports 10061.
    insta::assert_json_snapshot!("023-incision-drainage", suggested("023-"));
}
