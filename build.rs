//! Embeds every rule pack and example base at build time, so the core (and the wasm)
//! never reads files: `rules/packs/*.json` and `rules/examples/*.json` become
//! `include_str!` tables in OUT_DIR.

use std::fs;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
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
            let abs = fs::canonicalize(&path).unwrap();
            code.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", abs.display().to_string()));
        }
        code.push(']');
        fs::write(Path::new(&out).join(name), code).unwrap();
    }
}
