use chargecheck::{Date, Validator};
use std::hint::black_box;
use std::time::Instant;

fn min_ns(mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..30 { let t = Instant::now(); for _ in 0..20 { f(); } best = best.min(t.elapsed().as_nanos() as f64 / 20.0); }
    best
}

#[test]
fn per_rule() {
    let base = Validator::new().unwrap();
    let ids: Vec<String> = base.rules().map(|r| r.id.clone()).collect();
    let today = Date::parse("2026-06-10").unwrap();
    let profile: serde_json::Value = serde_json::from_str(include_str!("../rules/payers/medicare.json")).unwrap();
    for name in ["typical", "large"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/{name}-encounter.json")).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let enc = chargecheck::decode::decode_encounter(&value).unwrap();
        let mut none = base.payer_profile("medicare").is_some();
        let mut p = profile.clone();
        p["rules"] = serde_json::json!({"disable": ids});
        let mut v = Validator::new().unwrap();
        v.add_payer_profile(&p).unwrap();
        let floor = min_ns(|| { black_box(v.validate(black_box(&enc), today)); });
        let all = min_ns(|| { black_box(base.validate(black_box(&enc), today)); });
        println!("{name}: all rules {all:.0} ns, none {floor:.0} ns");
        let mut rows = vec![];
        for id in &ids {
            let mut p = profile.clone();
            let others: Vec<&String> = ids.iter().filter(|x| *x != id).collect();
            p["rules"] = serde_json::json!({"disable": others});
            let mut v = Validator::new().unwrap();
            v.add_payer_profile(&p).unwrap();
            rows.push((min_ns(|| { black_box(v.validate(black_box(&enc), today)); }) - floor, id.clone()));
        }
        rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
        for (t, id) in rows.iter().take(12) { println!("  {t:>9.0} ns  {id}"); }
        none = !none; let _ = none;
    }
}
