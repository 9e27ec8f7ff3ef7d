//! Incision and drainage of abscesses (CPT 10060 simple or single, 10061 complicated or
//! multiple). The two never go together, so the session's abscesses make one line:
//! 10061 when any is complicated or there is more than one.

use super::analysis::{lesion_indexes, procedures_of, Analysis, Basis, Expected, Family, FieldPath, Index, Paths};
use super::facts::DermFacts;
use crate::model::Encounter;

pub(super) fn expect(a: &mut Analysis, e: &Encounter, ix: &Index, facts: &'static DermFacts) {
    let procedures: Vec<usize> = procedures_of(e, Family::IncisionDrainage).collect();
    let Some(&first) = procedures.first() else { return };
    let abscesses: usize = procedures.iter().map(|&i| lesion_indexes(ix, i).count().max(1)).sum();
    let complicated = procedures.iter().find(|&&i| e.procedures[i].complicated == Some(true));
    let lesions: Vec<usize> = procedures.iter().flat_map(|&i| lesion_indexes(ix, i)).collect();
    let f = &facts.incision_drainage;
    let (code, basis, path): (&'static str, Basis, FieldPath) = if let Some(&i) = complicated {
        (&f.complicated, Basis::new(|| "a complicated abscess".to_string()), FieldPath::procedure(i, "complicated"))
    } else if abscesses > 1 {
        let basis = Basis::new(move || format!("{abscesses} abscesses drained (multiple)"));
        (&f.complicated, basis, FieldPath::procedure(first, "lesions"))
    } else if e.procedures[first].complicated == Some(false) {
        (&f.simple, Basis::new(|| "a single, simple abscess".to_string()), FieldPath::procedure(first, "complicated"))
    } else {
        a.gap(
            Family::IncisionDrainage,
            first,
            format!("procedures[{first}].complicated"),
            "The incision and drainage does not say whether the abscess was simple or complicated; the code depends on it.",
        );
        return;
    };
    a.expected.push(Expected {
        family: Family::IncisionDrainage,
        code,
        alt: None,
        units: 1,
        procedures,
        lesions,
        bundled: false,
        basis,
        paths: Paths { class: None, group: None, size: Some(path), units: Some(path) },
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyze_json, codes};
    use serde_json::json;

    #[test]
    fn simple_single_vs_complicated_or_multiple() {
        let one =
            |c: serde_json::Value| json!({"procedures": [{"id": "P1", "type": "incision_drainage", "complicated": c}]});
        assert_eq!(codes(&analyze_json(one(json!(false)))), ["10060"]);
        assert_eq!(codes(&analyze_json(one(json!(true)))), ["10061"]);
        let a = analyze_json(one(serde_json::Value::Null));
        assert_eq!(a.gaps[0].path, "procedures[0].complicated");
        let two = json!({"procedures": [
            {"id": "P1", "type": "incision_drainage", "complicated": false},
            {"id": "P2", "type": "incision_drainage", "complicated": false}
        ]});
        assert_eq!(codes(&analyze_json(two)), ["10061"]);
    }
}
