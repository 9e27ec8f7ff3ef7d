//! ICD-10-CM lookups (issue 3: "lookup <= 1 us natively"), the one-time decode of the
//! embedded table, and the ICD checks on a whole encounter.
//!
//!     cargo bench --bench icd_lookup

use chargecheck::icd10cm::{CodeSet, Laterality, Site};
use chargecheck::{Date, Validator};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn lookups(c: &mut Criterion) {
    let cs = CodeSet::global();
    // a mix a note screen sees: billable codes written several ways, 7th-character
    // codes, a header, a made-up code
    let mix = ["L57.0", "c44612", "D22.5", "S01.81XA", "T07.XXXA", "L98.A112", "Z85.828", "L82", "C44.98"];
    c.bench_function("icd lookup, billable (C44.612)", |b| b.iter(|| cs.lookup(black_box("C44.612"))));
    c.bench_function("icd lookup, lower case without dot (c44612)", |b| b.iter(|| cs.lookup(black_box("c44612"))));
    c.bench_function("icd lookup, 7th character (S01.81XA)", |b| b.iter(|| cs.lookup(black_box("S01.81XA"))));
    c.bench_function("icd lookup, made up (C44.98)", |b| b.iter(|| cs.lookup(black_box("C44.98"))));
    c.bench_function("icd lookup, header with children listed (C44.31)", |b| b.iter(|| cs.lookup(black_box("C44.31"))));
    c.bench_function("icd lookup, mix of 9 codes (per 9)", |b| {
        b.iter(|| {
            for code in mix {
                black_box(cs.lookup(black_box(code)));
            }
        })
    });
    c.bench_function("icd excludes1 (L23.7, L25.9)", |b| {
        b.iter(|| cs.excludes1(black_box("L23.7"), black_box("L25.9")))
    });
    c.bench_function("icd sibling_for (C44.612, left arm)", |b| {
        b.iter(|| cs.sibling_for(black_box("C44.612"), Site::Arm, Some(Laterality::Left)))
    });
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("icd decode");
    group.sample_size(20);
    group.bench_function("CodeSet::embedded (once per process)", |b| b.iter(CodeSet::embedded));
    group.finish();
}

fn encounter(c: &mut Criterion) {
    let validator = Validator::new().unwrap();
    let today = Date::parse("2026-11-26").unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/examples/default.json")).unwrap();
    c.bench_function("validate the example encounter (all rules)", |b| {
        b.iter(|| validator.validate_json(black_box(&text), today).unwrap())
    });
}

criterion_group!(benches, lookups, decode, encounter);
criterion_main!(benches);
