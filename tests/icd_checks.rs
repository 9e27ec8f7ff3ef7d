//! The ICD-10-CM rules agree with the official FY2026 code list, through the whole
//! validator (not just the lookup): a random sample drawn here, on every run, from
//! `rules/icd10cm/code-list-April-2026.txt` (the official list, byte for byte; its
//! sha256 is checked by tests/icd10cm_provenance.rs).
//!
//! - a billable code (one that is no prefix of another code in the list) draws no
//!   `code_validity` finding, written with or without the dot, in any letter case;
//! - a non-billable code (a header, or a code still missing its 7th character) draws
//!   exactly one, at `diagnoses[0].code`;
//! - a made-up code (a sampled code with a character changed or added, absent from the
//!   list) draws exactly one as well.
//!
//! The seed is printed; set `CHARGECHECK_SAMPLE_SEED` to replay a run, and
//! `CHARGECHECK_SAMPLE_ALL=1` to check every code in the list instead of a sample.

use chargecheck::decode::decode_encounter;
use chargecheck::finding::Category;
use chargecheck::model::{Diagnosis, Encounter};
use chargecheck::rules::example_base;
use chargecheck::{Date, Validator};
use std::collections::HashSet;

const BILLABLE_SAMPLE: usize = 20_000;
const NON_BILLABLE_SAMPLE: usize = 5_000;
const MADE_UP_SAMPLE: usize = 5_000;

/// splitmix64: a small, well-known generator; no dependency needed for sampling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct OfficialList {
    codes: HashSet<String>,
    billable: Vec<String>,
    non_billable: Vec<String>,
}

fn official_list() -> OfficialList {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/icd10cm/code-list-April-2026.txt");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // chapters are numbers and blocks are ranges ("A00-A09"); the rest are codes
    let codes: HashSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains('-') && !l.bytes().all(|b| b.is_ascii_digit()))
        .map(String::from)
        .collect();
    let prefixes: HashSet<&str> = codes.iter().flat_map(|c| (3..c.len()).map(move |i| &c[..i])).collect();
    let (mut billable, mut non_billable): (Vec<String>, Vec<String>) =
        codes.iter().cloned().partition(|c| !prefixes.contains(c.as_str()));
    billable.sort();
    non_billable.sort();
    OfficialList { codes, billable, non_billable }
}

/// The example base (a clean shave), with `code` as its only diagnosis and as the
/// lesion's diagnosis.
fn with_code(base: &Encounter, code: &str) -> Encounter {
    let mut e = base.clone();
    e.diagnoses = vec![Diagnosis { code: code.to_string() }];
    e.lesions[0].diagnosis = Some(code.to_string());
    e
}

/// As a clinician might type it: dotted or not, upper or lower case.
fn written(rng: &mut Rng, code: &str) -> String {
    let c =
        if code.len() > 3 && rng.below(2) == 0 { format!("{}.{}", &code[..3], &code[3..]) } else { code.to_string() };
    if rng.below(3) == 0 {
        c.to_lowercase()
    } else {
        c
    }
}

#[test]
fn validator_agrees_with_the_official_list_on_a_random_sample() {
    let list = official_list();
    assert_eq!(list.billable.len(), 74_719);
    let seed = std::env::var("CHARGECHECK_SAMPLE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    let all = std::env::var("CHARGECHECK_SAMPLE_ALL").is_ok();
    eprintln!("ICD-10-CM validator sample seed {seed} (CHARGECHECK_SAMPLE_SEED={seed} replays it)");
    let mut rng = Rng(seed);

    let validator = Validator::new().unwrap();
    let base = decode_encounter(&example_base("default").unwrap()).unwrap();
    let today = Date::parse("2026-11-26").unwrap();
    let code_validity = |code: &str| -> Vec<String> {
        validator
            .validate(&with_code(&base, code), today)
            .findings
            .into_iter()
            .filter(|f| f.category == Category::CodeValidity)
            .map(|f| format!("{} at {:?}: {}", f.rule, f.path, f.message))
            .collect()
    };
    let mut problems: Vec<String> = Vec::new();

    let billable: Vec<&str> = list.billable.iter().map(String::as_str).collect();
    let non_billable: Vec<&str> = list.non_billable.iter().map(String::as_str).collect();
    let sample = |rng: &mut Rng, from: &[&str], n: usize| -> Vec<String> {
        if all {
            from.iter().map(|c| c.to_string()).collect()
        } else {
            (0..n).map(|_| rng.pick(from).to_string()).collect()
        }
    };

    for code in sample(&mut rng, &billable, BILLABLE_SAMPLE) {
        let typed = written(&mut rng, &code);
        let found = code_validity(&typed);
        if !found.is_empty() {
            problems.push(format!("billable {typed:?} draws {found:?}"));
        }
    }
    for code in sample(&mut rng, &non_billable, NON_BILLABLE_SAMPLE) {
        let typed = written(&mut rng, &code);
        let found = code_validity(&typed);
        if found.len() != 1 || !found[0].contains("diagnoses[0].code") {
            problems.push(format!("non-billable {typed:?} draws {found:?}"));
        }
    }
    const CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut made_up = 0;
    while made_up < MADE_UP_SAMPLE {
        let mut code = rng.pick(&billable).as_bytes().to_vec();
        let at = 3 + rng.below(code.len() - 2); // change a character after the category, or add one
        let c = CHARS[rng.below(CHARS.len())];
        if at == code.len() {
            code.push(c)
        } else {
            code[at] = c
        }
        let code = String::from_utf8(code).unwrap();
        if list.codes.contains(&code) {
            continue; // an official code after all
        }
        made_up += 1;
        let typed = written(&mut rng, &code);
        let found = code_validity(&typed);
        if found.len() != 1 {
            problems.push(format!("made-up {typed:?} draws {found:?}"));
        }
    }
    let shown: Vec<&String> = problems.iter().take(20).collect();
    assert!(problems.is_empty(), "seed {seed}: {} disagreements, e.g. {shown:#?}", problems.len());
}
