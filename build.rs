//! Embeds every rule pack and example base at build time, so the core (and the wasm)
//! never reads files: `rules/packs/*.json` and `rules/examples/*.json` become
//! `include_str!` tables in OUT_DIR.
//!
//! The wasm build leaves out what only the tests read: each rule's `examples` and the
//! example base encounters (together about 15 KB of the gzipped wasm). Native builds,
//! which the tests run, embed the files as they are.
//!
//! Facts and payer profiles (`rules/facts/*.json`, `rules/payers/*.json`) are embedded
//! from OUT_DIR copies (`embedded_rules_file!`): verbatim natively; in the wasm compacted
//! and without the prose no check reads (`about`, `citations`, `sources`: about 6 KB
//! gzipped). The files in rules/ keep them for readers and tests.

#[allow(dead_code)]
#[path = "src/icd10cm/table.rs"]
mod icd_table;

use std::fs;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    icd10cm_tables(&out);
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    for dir in ["rules/facts", "rules/payers"] {
        println!("cargo:rerun-if-changed={dir}");
        let target_dir = Path::new(&out).join(dir);
        fs::create_dir_all(&target_dir).unwrap();
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let text =
                if wasm { without_prose(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())) } else { text };
            fs::write(target_dir.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    for (dir, name) in [("rules/packs", "rule_packs.rs"), ("rules/examples", "example_bases.rs")] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let mut code = String::from("&[\n");
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if wasm && dir == "rules/examples" {
                continue;
            }
            if wasm {
                let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let stripped = without_examples(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let target = Path::new(&out).join(format!("pack-{stem}.json"));
                fs::write(&target, stripped).unwrap();
                code.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", target.display().to_string()));
            } else {
                let abs = fs::canonicalize(&path).unwrap();
                code.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", abs.display().to_string()));
            }
        }
        code.push(']');
        fs::write(Path::new(&out).join(name), code).unwrap();
    }
}

/// The pack without its rules' `examples`, compacted.
/// A facts or profile file without the prose no check reads, compacted.
fn without_prose(text: &str) -> Result<String, String> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if let Some(map) = value.as_object_mut() {
        for key in ["about", "citations", "sources"] {
            map.remove(key);
        }
    }
    serde_json::to_string(&value).map_err(|e| e.to_string())
}

fn without_examples(text: &str) -> Result<String, String> {
    let mut pack: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if let Some(rules) = pack.get_mut("rules").and_then(|r| r.as_array_mut()) {
        for rule in rules {
            if let Some(rule) = rule.as_object_mut() {
                rule.remove("examples");
            }
        }
    }
    serde_json::to_string(&pack).map_err(|e| e.to_string())
}

/// The ICD-10-CM table laid out for in-place reads (src/icd10cm/table.rs), so that
/// `CodeSet::global()` decodes nothing at start-up.
fn icd10cm_tables(out: &str) {
    let src = "rules/icd10cm/codeset.txt";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/icd10cm/table.rs");
    let data = fs::read(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let t = icd_table::parse(&data).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut code = format!("pub(super) const BILLABLE: usize = {};\n", t.billable);
    for (name, bytes) in [
        ("codes", &t.codes),
        ("charsets", &t.charsets),
        ("attrs", &t.attrs),
        ("members", &t.members),
        ("group_start", &t.group_start),
        ("ex_prefix", &t.ex_prefix),
        ("ex_range", &t.ex_range),
    ] {
        let path = Path::new(out).join(format!("icd10cm-{name}.bin"));
        fs::write(&path, bytes).unwrap();
        code.push_str(&format!(
            "pub(super) const {}: &[u8] = include_bytes!({:?});\n",
            name.to_uppercase(),
            path.display().to_string()
        ));
    }
    fs::write(Path::new(out).join("icd10cm_tables.rs"), code).unwrap();
}
