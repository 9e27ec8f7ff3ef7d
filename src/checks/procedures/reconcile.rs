//! Billed lines against documented work. Each billed line of a procedure family is tied
//! to the procedures it bills (`charges[].procedures`; a line that names none is tied to
//! the family's procedures no other line names, else to all of them). Lines and
//! documented lines that share procedures form one component, and within a component the
//! billed codes and units are matched against the documented ones.

use super::analysis::{analyze_with, Analysis, Expected, Family, Reading};
use super::facts::{DermFacts, LesionClass};
use crate::checks::Context;
use crate::knowledge::Knowledge;
use crate::model::Encounter;
use std::cell::OnceCell;
use std::rc::Rc;

/// A billed line of one of the pack's families.
#[derive(Clone, Debug)]
pub struct Line {
    pub charge: usize,
    pub family: Family,
    /// The procedures of its family it bills.
    pub scope: Vec<usize>,
    /// Whether the line names procedures (of any family) itself; when none of them is of
    /// its family, the line is matched by family like a line that names none.
    pub explicit: bool,
}

pub struct Session<'a> {
    pub encounter: &'a Encounter,
    pub kb: &'a Knowledge,
    pub facts: &'static DermFacts,
    pub lines: Vec<Line>,
    pub analysis: Analysis,
    components: OnceCell<Vec<Component>>,
    reconciled: OnceCell<Reconciliation>,
}

/// The session built during one `validate` call. The pack's rules all read the same
/// session (a family's rules filter its lines and components by family: lines,
/// documented lines and components never mix families), so the note is read once per
/// call instead of once per rule or family.
#[derive(Default)]
pub struct SessionCache<'a> {
    built: OnceCell<Option<Rc<Session<'a>>>>,
}

impl<'a> SessionCache<'a> {
    /// The session, built on first use (see [`Session::new`]); None when no line of the
    /// pack's families is billed.
    pub fn get(&self, cx: &Context<'a>, facts: &'static DermFacts) -> Option<Rc<Session<'a>>> {
        let session = self.built.get_or_init(|| Session::new(cx.encounter, cx.kb, facts).map(Rc::new));
        debug_assert!(session.as_ref().is_none_or(|s| std::ptr::eq(s.facts, facts)), "one fact set per call");
        session.clone()
    }
}

/// Lines and documented lines that share procedures.
#[derive(Clone, Debug, Default)]
pub struct Component {
    pub family: Option<Family>,
    /// Indexes into `Session::lines`.
    pub lines: Vec<usize>,
    /// Indexes into `Analysis::expected`.
    pub expected: Vec<usize>,
    /// Indexes into `Analysis::gaps` that apply to this component's billed codes.
    pub gaps: Vec<usize>,
    /// Indexes into `Analysis::unreportable`.
    pub unreportable: Vec<usize>,
}

/// What the documentation says about one billed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Bills documented work, units included.
    Matched { expected: usize },
    /// Bills documented work, with `excess` units more than documented.
    Over { expected: usize, excess: u32 },
    /// The documentation supports no such line; `replace` is the documented line it
    /// should bill instead, `unreportable` why none can be billed.
    Unsupported { replace: Option<usize>, unreportable: Option<usize> },
}

/// Documented work billed with fewer units than documented, or not billed although the
/// line it belongs with is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    /// The line to report on (the line that should change, or the line the missing one
    /// goes with).
    pub charge: usize,
    pub expected: usize,
    pub missing: u32,
    /// `Some(n)`: set the line's units to n; `None`: add a line of the documented code.
    pub set_units: Option<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct Reconciliation {
    /// (charge index, verdict) for every line that was compared.
    pub verdicts: Vec<(usize, Verdict)>,
    pub shortfalls: Vec<Shortfall>,
}

impl<'a> Session<'a> {
    /// Ties lines to procedures and analyses the documentation, taking a destruction's
    /// class from the line that bills it where the note does not say. None when no line
    /// of the pack's families is billed: every check here is about billed lines, so that
    /// is the fast way out.
    pub fn new(encounter: &'a Encounter, kb: &'a Knowledge, facts: &'static DermFacts) -> Option<Session<'a>> {
        let lines = link(encounter, kb);
        if lines.is_empty() {
            return None;
        }
        let mut hints = vec![None; encounter.procedures.len()];
        for line in &lines {
            if line.family != Family::Destruction {
                continue;
            }
            let class = facts.locate(&encounter.charges[line.charge].code).and_then(|l| match l.class {
                "premalignant" => Some(LesionClass::Premalignant),
                "benign" => Some(LesionClass::Benign),
                "malignant" => Some(LesionClass::Malignant),
                _ => None,
            });
            for &i in &line.scope {
                if hints[i].is_none() {
                    hints[i] = class;
                }
            }
        }
        let analysis = analyze_with(encounter, facts, &Reading { hints, mohs_removes_biopsied_lesion: false });
        Some(Session {
            encounter,
            kb,
            facts,
            lines,
            analysis,
            components: OnceCell::new(),
            reconciled: OnceCell::new(),
        })
    }

    pub fn code(&self, line: &Line) -> &'a str {
        &self.encounter.charges[line.charge].code
    }

    pub fn units(&self, line: &Line) -> i64 {
        self.encounter.charges[line.charge].units
    }

    /// A line whose procedures are all documented as not separately reportable.
    pub fn is_bundled(&self, line: &Line) -> bool {
        !line.scope.is_empty() && line.scope.iter().all(|&i| self.analysis.bundled[i])
    }

    /// Charge indexes that a mutually-exclusive pair takes off the claim: of two codes
    /// that exclude each other, the one the documentation does not support (when it
    /// supports neither or both, the `with` side).
    pub fn excluded_charges(&self) -> Vec<(usize, usize)> {
        let billed = |code: &str| self.lines.iter().any(|l| self.code(l) == code);
        let mut out = Vec::new();
        for (x, pair) in self.facts.exclusive.iter().enumerate() {
            let a_billed = pair.codes.iter().any(|c| billed(c));
            let b_billed = pair.with.iter().any(|c| billed(c));
            if !(a_billed && b_billed) {
                continue;
            }
            let a_doc = pair.codes.iter().any(|c| self.analysis.supports_code(c));
            let b_doc = pair.with.iter().any(|c| self.analysis.supports_code(c));
            let drop = if b_doc && !a_doc { &pair.codes } else { &pair.with };
            for l in &self.lines {
                if drop.iter().any(|c| c == self.code(l)) {
                    out.push((l.charge, x));
                }
            }
        }
        out
    }

    /// Billed add-on lines none of whose primary codes is billed.
    pub fn orphan_add_ons(&self) -> Vec<usize> {
        let charges = &self.encounter.charges;
        charges
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                self.kb
                    .code(&c.code)
                    .is_some_and(|f| f.is_add_on() && !f.primaries.iter().any(|p| charges.iter().any(|d| d.code == *p)))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Groups lines with the documented lines and gaps of the procedures they bill
    /// (worked out once per session).
    pub fn components(&self) -> &[Component] {
        self.components.get_or_init(|| self.components_now())
    }

    fn components_now(&self) -> Vec<Component> {
        let n = self.encounter.procedures.len();
        let mut uf = UnionFind::new(n + self.lines.len());
        for (k, line) in self.lines.iter().enumerate() {
            for &i in &line.scope {
                uf.union(n + k, i);
            }
        }
        for e in &self.analysis.expected {
            for w in e.procedures.windows(2) {
                uf.union(w[0], w[1]);
            }
        }
        for u in &self.analysis.unreportable {
            for w in u.procedures.windows(2) {
                uf.union(w[0], w[1]);
            }
        }
        let mut roots: Vec<usize> = Vec::new();
        let mut out: Vec<Component> = Vec::new();
        for (k, line) in self.lines.iter().enumerate() {
            if line.scope.is_empty() {
                continue;
            }
            let root = uf.find(n + k);
            let at = match roots.iter().position(|&r| r == root) {
                Some(at) => at,
                None => {
                    roots.push(root);
                    out.push(Component { family: Some(line.family), ..Component::default() });
                    out.len() - 1
                }
            };
            out[at].lines.push(k);
        }
        let mut place = |procedure: usize| roots.iter().position(|&r| r == uf.find(procedure));
        for (x, e) in self.analysis.expected.iter().enumerate() {
            if let Some(at) = e.procedures.first().and_then(|&i| place(i)) {
                out[at].expected.push(x);
            }
        }
        for (x, g) in self.analysis.gaps.iter().enumerate() {
            if let Some(at) = place(g.procedure) {
                let applies =
                    g.only_with.is_none_or(|code| out[at].lines.iter().any(|&k| self.code(&self.lines[k]) == code));
                if applies {
                    out[at].gaps.push(x);
                }
            }
        }
        for (x, u) in self.analysis.unreportable.iter().enumerate() {
            if let Some(at) = u.procedures.first().and_then(|&i| place(i)) {
                out[at].unreportable.push(x);
            }
        }
        out
    }

    /// Whether the billed `code` bills the documented line `e`: the same code (or the
    /// documented alternative), or for biopsies the same technique (which of a technique's
    /// primary and add-on codes applies is the one-primary rule's business).
    fn accepts(&self, e: &Expected, code: &str, exact_only: bool) -> bool {
        if e.code == code || e.alt == Some(code) {
            return true;
        }
        !exact_only
            && e.family == Family::Biopsy
            && match (self.facts.locate(code), self.facts.locate(e.code)) {
                (Some(a), Some(b)) => a.table == "biopsy" && a.table == b.table && a.group == b.group,
                _ => false,
            }
    }

    /// Matches billed codes and units with the documented ones, component by component.
    /// Components with missing documentation, bundled lines and lines a mutually-exclusive
    /// pair removes are left to their own rules.
    pub fn reconcile(&self) -> &Reconciliation {
        self.reconciled.get_or_init(|| self.reconcile_now())
    }

    fn reconcile_now(&self) -> Reconciliation {
        let excluded = self.excluded_charges();
        let orphans = self.orphan_add_ons();
        let mut out = Reconciliation::default();
        for comp in self.components() {
            if !comp.gaps.is_empty() {
                continue;
            }
            let is_add_on = |code: &str| self.kb.code(code).is_some_and(|f| f.is_add_on());
            // Primary codes before add-ons, then note order.
            let mut lines: Vec<&Line> = comp
                .lines
                .iter()
                .map(|&k| &self.lines[k])
                .filter(|l| !self.is_bundled(l) && !excluded.iter().any(|(c, _)| *c == l.charge) && self.units(l) >= 1)
                .collect();
            lines.sort_by_key(|l| (is_add_on(self.code(l)), l.charge));
            let expected: Vec<usize> =
                comp.expected.iter().copied().filter(|&x| !self.analysis.expected[x].bundled).collect();
            let mut remaining: Vec<u32> = expected.iter().map(|&x| self.analysis.expected[x].units).collect();
            let mut left: Vec<u32> = lines.iter().map(|l| self.units(l).clamp(0, u32::MAX as i64) as u32).collect();
            // Which documented lines (positions k in `expected`, ascending) each billed code
            // can take, exactly and loosely: worked out once per distinct code, since a note
            // may document thousands of lines and bill them on many lines of one code.
            let mut takes: Vec<(&str, Vec<usize>, Vec<usize>)> = Vec::new();
            let mut takes_of: Vec<usize> = Vec::with_capacity(lines.len());
            for line in &lines {
                let code = self.code(line);
                let at = takes.iter().position(|(c, _, _)| *c == code).unwrap_or_else(|| {
                    let (mut exact, mut loose) = (Vec::new(), Vec::new());
                    for (k, &x) in expected.iter().enumerate() {
                        let e = &self.analysis.expected[x];
                        if self.accepts(e, code, true) {
                            exact.push(k);
                            loose.push(k);
                        } else if self.accepts(e, code, false) {
                            loose.push(k);
                        }
                    }
                    takes.push((code, exact, loose));
                    takes.len() - 1
                });
                takes_of.push(at);
            }
            let mut first_match: Vec<Option<usize>> = vec![None; lines.len()];
            for exact_only in [true, false] {
                for b in 0..lines.len() {
                    let (_, exact, loose) = &takes[takes_of[b]];
                    for &k in if exact_only { exact } else { loose } {
                        let x = expected[k];
                        if left[b] == 0 {
                            break;
                        }
                        if remaining[k] == 0 {
                            continue;
                        }
                        let take = left[b].min(remaining[k]);
                        left[b] -= take;
                        remaining[k] -= take;
                        first_match[b].get_or_insert(x);
                    }
                }
            }
            // Lines no documented line accepts, and documented lines no billed line takes.
            let mut unsupported: Vec<usize> = Vec::new();
            for (b, line) in lines.iter().enumerate() {
                let accepted = takes[takes_of[b]].2.first().map(|&k| expected[k]);
                match (accepted, first_match[b]) {
                    (None, _) => unsupported.push(b),
                    (Some(x), matched) => {
                        let at = matched.unwrap_or(x);
                        let verdict = if left[b] > 0 {
                            Verdict::Over { expected: at, excess: left[b] }
                        } else {
                            Verdict::Matched { expected: at }
                        };
                        out.verdicts.push((line.charge, verdict));
                    }
                }
            }
            // The first billed line (in the order above) that can take each documented line.
            let mut first_taker: Vec<Option<usize>> = vec![None; expected.len()];
            let mut seen_codes: Vec<usize> = Vec::new();
            for (b, &at) in takes_of.iter().enumerate() {
                if seen_codes.contains(&at) {
                    continue; // an earlier line of the same code already claimed them
                }
                seen_codes.push(at);
                for &k in &takes[at].2 {
                    first_taker[k].get_or_insert(b);
                }
            }
            let mut missing: Vec<usize> = Vec::new();
            for (k, &x) in expected.iter().enumerate() {
                if remaining[k] == 0 {
                    continue;
                }
                let e = &self.analysis.expected[x];
                let taker = first_taker[k].map(|b| lines[b]);
                match taker {
                    Some(line) => {
                        let code = self.code(line);
                        let units = self.units(line) as u32;
                        let can_grow = (e.code == code || e.alt == Some(code))
                            && self.facts.unit_limit(code).is_none_or(|limit| units + remaining[k] <= limit);
                        out.shortfalls.push(Shortfall {
                            charge: line.charge,
                            expected: x,
                            missing: remaining[k],
                            set_units: can_grow.then(|| units + remaining[k]),
                        });
                    }
                    None => missing.push(k),
                }
            }
            // Pair each unsupported line with a documented line of the same role.
            for &b in &unsupported {
                let role = is_add_on(self.code(lines[b]));
                let pick = missing.iter().position(|&k| is_add_on(self.analysis.expected[expected[k]].code) == role);
                let replace = pick.map(|p| expected[missing.remove(p)]);
                let unreportable = if replace.is_none() { comp.unreportable.first().copied() } else { None };
                out.verdicts.push((lines[b].charge, Verdict::Unsupported { replace, unreportable }));
            }
            // Documented lines still unbilled go with the component's first line, unless
            // the component bills an add-on without its primary (that rule says it).
            let orphan_here = lines.iter().any(|l| orphans.contains(&l.charge));
            for k in missing {
                let x = expected[k];
                let e = &self.analysis.expected[x];
                if orphan_here && !is_add_on(e.code) {
                    continue;
                }
                if let Some(first) = lines.first() {
                    out.shortfalls.push(Shortfall {
                        charge: first.charge,
                        expected: x,
                        missing: e.units,
                        set_units: None,
                    });
                }
            }
        }
        out.verdicts.sort_by_key(|(c, _)| *c);
        out
    }
}

/// Ties every billed line of a pack family to the procedures it bills.
fn link(e: &Encounter, kb: &Knowledge) -> Vec<Line> {
    let by_id: rustc_hash::FxHashMap<&str, usize> =
        e.procedures.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut named = vec![false; e.procedures.len()];
    for c in &e.charges {
        for id in &c.procedures {
            if let Some(&i) = by_id.get(id.as_str()) {
                named[i] = true;
            }
        }
    }
    let mut lines = Vec::new();
    for (charge, c) in e.charges.iter().enumerate() {
        let Some(family) = Family::of_code(kb, &c.code) else { continue };
        let of_family = |i: &usize| Family::of_procedure(&e.procedures[*i].kind) == Some(family);
        let mut scope: Vec<usize> =
            c.procedures.iter().filter_map(|id| by_id.get(id.as_str()).copied()).filter(of_family).collect();
        scope.sort_unstable();
        scope.dedup();
        // A line that names none of its family's procedures is matched by family: to the
        // ones no line names, else to all of them.
        if scope.is_empty() {
            scope = (0..e.procedures.len()).filter(|i| of_family(i) && !named[*i]).collect();
        }
        if scope.is_empty() {
            scope = (0..e.procedures.len()).filter(of_family).collect();
        }
        lines.push(Line { charge, family, scope, explicit: !c.procedures.is_empty() });
    }
    lines
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}
