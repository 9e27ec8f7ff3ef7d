//! Check kinds for medical necessity: the diagnoses a line points to must be of the
//! families its code is for, and Medicare covers removal of benign lesions only with a
//! documented indication.

use super::facts::{CodePrefixes, DermFacts};
use crate::checks::{Check, Context, Hit};
use crate::model::{Pathology, PlanType};

/// `diagnosis_family`: lines of the given code families must point to at least one
/// diagnosis of the accepted ICD-10-CM families.
pub struct DiagnosisFamily {
    pub code_families: Vec<String>,
    pub accepted: Vec<&'static CodePrefixes>,
    pub described: String,
}

impl Check for DiagnosisFamily {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let e = cx.encounter;
        for (i, c) in e.charges.iter().enumerate() {
            if !cx.kb.code(&c.code).is_some_and(|f| self.code_families.contains(&f.family)) {
                continue;
            }
            // Pointers that name no listed diagnosis are the claim-data rule's finding.
            let pointed: Vec<&str> = c
                .diagnosis_pointers
                .iter()
                .filter(|&&p| p >= 1 && (p as usize) <= e.diagnoses.len())
                .map(|&p| e.diagnoses[p as usize - 1].code.as_str())
                .collect();
            if pointed.is_empty() || pointed.iter().any(|d| self.accepted.iter().any(|f| f.contains(d))) {
                continue;
            }
            hits.push(
                Hit::new(format!(
                    "Line {} ({}) points to {}, but the code is for {}.",
                    i + 1,
                    c.code,
                    pointed.join(", "),
                    self.described
                ))
                .charge(i)
                .path(format!("charges[{i}].diagnosis_pointers")),
            );
        }
    }
}

/// `benign_removal_indication`: under the plan types given (Medicare), removal of the
/// benign lesions the "Removal of Benign Skin Lesions" LCDs name needs a documented
/// indication (a symptom, or a diagnosis that is one, such as an inflamed seborrheic
/// keratosis).
pub struct BenignRemovalIndication {
    pub plan_types: Vec<PlanType>,
    pub facts: &'static DermFacts,
}

impl Check for BenignRemovalIndication {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let e = cx.encounter;
        let plan = e.coverage.as_ref().and_then(|c| c.plan_type);
        if !plan.is_some_and(|p| self.plan_types.contains(&p)) {
            return;
        }
        let lcd = &self.facts.diagnoses.benign_lesion_lcd;
        if !e.charges.iter().any(|c| lcd.covers_code(&c.code)) {
            return;
        }
        let Some(s) = cx.procedure_sessions.get(cx, self.facts) else { return };
        for line in &s.lines {
            if !lcd.covers_code(s.code(line)) {
                continue;
            }
            let mut lesions: Vec<usize> =
                line.scope.iter().flat_map(|&i| s.analysis.index.lesions_of(i).iter().copied()).collect();
            lesions.sort_unstable();
            lesions.dedup();
            // The LCD covers the lesion kinds it names, removed for cosmesis. A lesion of
            // another kind, with uncertain or worse pathology, or with an indication is
            // reason enough for the whole line.
            let covered_reason = |j: usize| {
                let l = &e.lesions[j];
                let Some(dx) = l.diagnosis.as_deref() else { return true };
                !lcd.lesions.contains(dx)
                    || lcd.indication_diagnoses.contains(dx)
                    || !matches!(l.pathology, None | Some(Pathology::Benign))
                    || l.symptoms.iter().any(|w| lcd.is_indication(w))
            };
            if lesions.is_empty() || lesions.iter().any(|&j| covered_reason(j)) {
                continue;
            }
            let j = lesions[0];
            hits.push(
                Hit::new(format!(
                    "Line {} ({}): Medicare covers removal of a benign lesion such as {} only with a documented indication (bleeding, intense itching, pain, inflammation, recent change or enlargement, obstruction, uncertain diagnosis); the note documents none, so the removal is cosmetic and not covered.",
                    line.charge + 1,
                    s.code(line),
                    e.lesions[j].diagnosis.as_deref().unwrap_or_default()
                ))
                .charge(line.charge)
                .path(format!("lesions[{j}].symptoms")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{line, run_kind};
    use serde_json::json;

    #[test]
    fn diagnosis_family_reads_only_valid_pointers() {
        let spec = json!({"kind": "diagnosis_family", "code_families": ["premalignant_destruction"], "diagnoses": ["premalignant"]});
        let v = |pointers: Vec<i64>| {
            json!({"diagnoses": [{"code": "L82.1"}, {"code": "L57.0"}],
                   "charges": [{"code": "17000", "units": 1, "diagnosis_pointers": pointers}]})
        };
        assert_eq!(run_kind(spec.clone(), v(vec![1])).len(), 1);
        assert!(run_kind(spec.clone(), v(vec![1, 2])).is_empty());
        assert!(run_kind(spec, v(vec![7])).is_empty(), "a dangling pointer is the claim-data rule's finding");
    }

    #[test]
    fn lcd_indication_by_symptom_diagnosis_or_pathology() {
        let spec = json!({"kind": "benign_removal_indication", "plan_types": ["medicare"]});
        let shave = |dx: &str, pathology: &str, symptoms: Vec<&str>| {
            json!({"diagnoses": [{"code": dx}],
                   "lesions": [{"id": "L1", "site": "back", "diameter_cm": 1.2, "diagnosis": dx, "pathology": pathology, "symptoms": symptoms}],
                   "procedures": [{"id": "P1", "type": "shave", "lesions": ["L1"]}],
                   "charges": [line("11302", 1, &["P1"])]})
        };
        assert_eq!(run_kind(spec.clone(), shave("L82.1", "benign", vec![])).len(), 1);
        assert_eq!(run_kind(spec.clone(), shave("D22.5", "benign", vec!["cosmetic"])).len(), 1);
        assert!(run_kind(spec.clone(), shave("L82.1", "benign", vec!["Intense itching"])).is_empty());
        assert!(run_kind(spec.clone(), shave("L82.0", "benign", vec![])).is_empty());
        assert!(run_kind(spec.clone(), shave("D22.5", "pending", vec![])).is_empty());
        assert!(run_kind(spec.clone(), shave("D23.5", "benign", vec![])).is_empty(), "not a lesion the LCD names");
        let mut commercial = shave("L82.1", "benign", vec![]);
        commercial["coverage"] = json!({"payer": "commercial", "plan_type": "commercial"});
        assert!(run_kind(spec, commercial).is_empty());
    }
}
