//! Excludes1 pairs, read as CONTRACT.md section 2 "Two specific readings" says: an
//! error when both codes are linked to the same charge line or describe the same
//! lesion, unless each is the diagnosis of a different documented lesion (the
//! guideline's exception for unrelated conditions); codes linked only to different
//! lines draw no finding.
//!
//! A lesion is described by its own diagnosis and by every code a line billing it
//! points to. Since a lesion has one diagnosis, "each is the diagnosis of a different
//! documented lesion" means both codes are lesion diagnoses; so only pairs with at least
//! one code that is no lesion's diagnosis can fire. Links are kept as bit sets of
//! diagnosis indexes, so a large encounter costs a few bit operations per line and
//! lesion, and each code's Excludes1 notes are gathered once, when first compared.

use crate::checks::{Check, Context, Hit};
use crate::icd10cm::{Excludes1Notes, NormalizedCode};
use crate::model::Encounter;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;

pub struct Excludes1Pair;

/// A set of small indexes (diagnoses or lesions) as bits.
#[derive(Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn insert(&mut self, i: usize) -> bool {
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let fresh = self.0[w] & b == 0;
        self.0[w] |= b;
        fresh
    }
    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    fn union(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let b = word.trailing_zeros() as usize;
                    word &= word - 1;
                    w * 64 + b
                })
            })
        })
    }
}

/// How the two codes were found together.
#[derive(Clone, Copy)]
enum Link {
    /// Both pointed to by charge line k.
    Line(usize),
    /// Both describe lesion `lesion`; `line` bills it and points to the code that is not
    /// a lesion's diagnosis.
    Lesion { lesion: usize, line: usize },
}

impl Check for Excludes1Pair {
    fn run(&self, cx: &Context<'_>, hits: &mut Vec<Hit>) {
        let encounter = cx.encounter;
        let n = encounter.diagnoses.len();
        if n < 2 {
            return;
        }
        let codes = cx.icd_codes.codes(encounter, cx.kb.icd);
        let of_a_lesion: Vec<bool> =
            codes.listed.iter().map(|d| codes.lesions.iter().any(|l| l.is_some_and(|l| l.same(d)))).collect();
        if of_a_lesion.iter().all(|&x| x) {
            return; // every code is some lesion's own diagnosis: the exception covers all pairs
        }
        let on_line: Vec<Bits> = encounter
            .charges
            .iter()
            .map(|c| {
                let mut set = Bits::new(n);
                for &p in &c.diagnosis_pointers {
                    // out-of-range pointers are the claim-data pack's finding
                    if p >= 1 && (p as usize) <= n {
                        set.insert(p as usize - 1);
                    }
                }
                set
            })
            .collect();
        let billed = lesions_billed_by_line(encounter);
        let mut of_lesion: Vec<Bits> = codes
            .lesions
            .iter()
            .map(|w| {
                let mut set = Bits::new(n);
                if let Some(own) = w.and_then(|w| codes.listed_at(&w)) {
                    set.insert(own);
                }
                set
            })
            .collect();
        for (k, lesions) in billed.iter().enumerate() {
            for li in lesions.iter() {
                of_lesion[li].union(&on_line[k]);
            }
        }

        // Each code's notes are gathered on first need: only codes linked to a code that is
        // no lesion's diagnosis are ever compared.
        let notes: Vec<OnceCell<Excludes1Notes>> = vec![OnceCell::new(); n];
        let notes_of = |i: usize, code: &NormalizedCode| notes[i].get_or_init(|| cx.kb.icd.excludes1_notes(code));
        let mut reported: Vec<(NormalizedCode, NormalizedCode)> = Vec::new();
        for x in 0..n {
            let Some(x_code) = codes.listed[x].code else { continue };
            if of_a_lesion[x] {
                continue;
            }
            let mut linked = Bits::new(n);
            for set in on_line.iter().chain(&of_lesion).filter(|s| s.contains(x)) {
                linked.union(set);
            }
            for b in linked.iter() {
                let Some(b_code) = codes.listed[b].code else { continue };
                // a pair of two non-lesion codes is taken once, from its smaller index
                if b == x || b_code == x_code || (!of_a_lesion[b] && b < x) {
                    continue;
                }
                let key = if x_code < b_code { (x_code, b_code) } else { (b_code, x_code) };
                if reported.contains(&key)
                    || !(notes_of(x, &x_code).excludes(&b_code) || notes_of(b, &b_code).excludes(&x_code))
                {
                    continue;
                }
                reported.push(key);
                let link = match on_line.iter().position(|s| s.contains(x) && s.contains(b)) {
                    Some(k) => Link::Line(k),
                    None => {
                        let Some(li) = of_lesion.iter().position(|s| s.contains(x) && s.contains(b)) else { continue };
                        let Some(line) = (0..on_line.len()).find(|&k| billed[k].contains(li) && on_line[k].contains(x))
                        else {
                            continue;
                        };
                        Link::Lesion { lesion: li, line }
                    }
                };
                let (first, second) = if x < b { (x_code, b_code) } else { (b_code, x_code) };
                hits.push(finding(encounter, first, second, link));
            }
        }
    }
}

/// For each charge line, the lesions (by index) its procedures treat. Ids are resolved
/// once per procedure, then each line unions its procedures' sets.
fn lesions_billed_by_line(encounter: &Encounter) -> Vec<Bits> {
    let lesion_at: FxHashMap<&str, usize> =
        encounter.lesions.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let treated: FxHashMap<&str, Bits> = encounter
        .procedures
        .iter()
        .map(|p| {
            let mut set = Bits::new(encounter.lesions.len());
            for id in &p.lesions {
                if let Some(&l) = lesion_at.get(id.as_str()) {
                    set.insert(l);
                }
            }
            (p.id.as_str(), set)
        })
        .collect();
    encounter
        .charges
        .iter()
        .map(|charge| {
            let mut lesions = Bits::new(encounter.lesions.len());
            for id in &charge.procedures {
                if let Some(set) = treated.get(id.as_str()) {
                    lesions.union(set);
                }
            }
            lesions
        })
        .collect()
}

fn finding(encounter: &Encounter, x: NormalizedCode, y: NormalizedCode, link: Link) -> Hit {
    let (a, b) = (x.dotted(), y.dotted());
    let (line, together) = match link {
        Link::Line(k) => (k, format!("are both linked to line {} ({})", k + 1, encounter.charges[k].code)),
        Link::Lesion { lesion, line } => (line, format!("both describe lesion {}", encounter.lesions[lesion].id)),
    };
    Hit::new(format!(
        "{a} and {b} {together}, but an Excludes1 note separates them: they are not reported together for the same condition. Keep the code the documentation supports, or link each to its own lesion if they are unrelated conditions."
    ))
    .charge(line)
    .path(format!("charges[{line}].diagnosis_pointers"))
}
