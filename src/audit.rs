//! The batch audit (`chargecheck audit FILE.ndjson`): the denial-risk metrics a billing
//! office tracks, by provider (rendering NPI) and by payer, over a file of encounters,
//! one JSON encounter per line.
//!
//! It streams: one line is read, checked and folded into aggregates before the next, and
//! nothing per encounter is kept. Memory is bounded whatever the file: a line longer than
//! the encounter size limit is skipped without being buffered whole, the number of
//! provider and payer groups is capped (the rest are pooled as `(other)`), and charge-lag
//! quantiles come from a per-group histogram of whole days, exact up to
//! [`LAG_EXACT_DAYS`].
//!
//! Definitions (also printed in `--json` output under `definitions`):
//! - clean on first pass: the Result's status is `clean` (no counted warning or error;
//!   overridden findings do not count, as in the Result's status);
//! - findings by category: counted findings of severity warning or error (info and
//!   overridden findings are left out);
//! - modifier-25 rate: E/M lines (CPT 99202-99499) carrying modifier 25, over all E/M lines;
//! - charge lag: `signed_on` minus `date_of_service`, in days, over encounters that carry
//!   `signed_on` (without it the signing date would be the audit's own date). A negative lag
//!   (signed before the visit) is counted apart and left out of mean and quantiles.
//!   Quantiles are nearest-rank (the median of an even count is the lower middle value).

use crate::date::Date;
use crate::decode::{decode_encounter, parse_json, MAX_DOCUMENT_BYTES};
use crate::error::InputKind;
use crate::finding::{Category, CheckResult, Severity, Status};
use crate::model::Encounter;
use crate::validator::Validator;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, BufRead};

/// Charge lags up to this many days are counted day by day; longer ones in one bucket.
pub const LAG_EXACT_DAYS: usize = 1095;
/// Distinct providers (and, separately, payers) tracked before the rest are pooled.
pub const MAX_GROUPS: usize = 1000;
/// The pooled group's key.
pub const OTHER: &str = "(other)";
/// The key for encounters without a rendering NPI or a payer.
pub const NONE: &str = "(none)";

/// Running totals for one group of encounters.
#[derive(Clone, Debug, Default)]
pub struct GroupStats {
    pub encounters: u64,
    pub clean: u64,
    pub review: u64,
    pub blocked: u64,
    /// Counted warnings and errors per category, in [`Category::ALL`] order.
    pub findings_by_category: [u64; 10],
    pub overridden_findings: u64,
    pub em_lines: u64,
    pub em_lines_with_25: u64,
    pub lag: LagHistogram,
}

/// Whole-day charge lags: exact counts up to [`LAG_EXACT_DAYS`], grown only as far as the
/// longest lag seen (most groups stay a few dozen entries long).
#[derive(Clone, Debug, Default)]
pub struct LagHistogram {
    counts: Vec<u64>,
    beyond: u64,
    negative: u64,
    unknown: u64,
    sum: i64,
    n: u64,
}

impl LagHistogram {
    pub fn record(&mut self, lag: Option<i32>) {
        let Some(days) = lag else {
            self.unknown += 1;
            return;
        };
        if days < 0 {
            self.negative += 1;
            return;
        }
        self.n += 1;
        self.sum += i64::from(days);
        let days = days as usize;
        if days > LAG_EXACT_DAYS {
            self.beyond += 1;
        } else {
            if self.counts.len() <= days {
                self.counts.resize(days + 1, 0);
            }
            self.counts[days] += 1;
        }
    }

    /// Nearest-rank quantile `q` in (0, 1]: the smallest lag with at least `ceil(q*n)`
    /// lags at or below it. `Err(())` when it falls beyond the exact range.
    pub fn quantile(&self, q: f64) -> Option<Result<u32, ()>> {
        if self.n == 0 {
            return None;
        }
        let rank = ((q * self.n as f64).ceil() as u64).clamp(1, self.n);
        let mut seen = 0;
        for (days, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(Ok(days as u32));
            }
        }
        Some(Err(()))
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64)
    }

    fn merge(&mut self, other: &LagHistogram) {
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.beyond += other.beyond;
        self.negative += other.negative;
        self.unknown += other.unknown;
        self.sum += other.sum;
        self.n += other.n;
    }
}

impl GroupStats {
    fn record(&mut self, e: &Encounter, r: &CheckResult) {
        self.encounters += 1;
        match r.status {
            Status::Clean => self.clean += 1,
            Status::Review => self.review += 1,
            Status::Blocked => self.blocked += 1,
        }
        for f in &r.findings {
            if !f.counts() {
                self.overridden_findings += 1;
            } else if f.severity >= Severity::Warning {
                self.findings_by_category[category_index(f.category)] += 1;
            }
        }
        for c in e.charges.iter().filter(|c| is_em_code(&c.code)) {
            self.em_lines += 1;
            if c.modifiers.iter().any(|m| m == "25") {
                self.em_lines_with_25 += 1;
            }
        }
        self.lag.record(e.signed_on.map(|s| s.days_since(e.date_of_service)));
    }

    fn merge(&mut self, o: &GroupStats) {
        self.encounters += o.encounters;
        self.clean += o.clean;
        self.review += o.review;
        self.blocked += o.blocked;
        for (a, b) in self.findings_by_category.iter_mut().zip(o.findings_by_category) {
            *a += b;
        }
        self.overridden_findings += o.overridden_findings;
        self.em_lines += o.em_lines;
        self.em_lines_with_25 += o.em_lines_with_25;
        self.lag.merge(&o.lag);
    }

    pub fn summary(&self) -> Summary {
        let rate = |num: u64, den: u64| (den > 0).then(|| num as f64 / den as f64);
        let q = |p: f64| self.lag.quantile(p).map(LagValue::from);
        Summary {
            encounters: self.encounters,
            clean: self.clean,
            review: self.review,
            blocked: self.blocked,
            clean_first_pass_rate: rate(self.clean, self.encounters),
            findings_by_category: Category::ALL
                .iter()
                .zip(self.findings_by_category)
                .map(|(c, n)| (c.word(), n))
                .collect(),
            overridden_findings: self.overridden_findings,
            em_lines: self.em_lines,
            em_lines_with_25: self.em_lines_with_25,
            modifier_25_rate: rate(self.em_lines_with_25, self.em_lines),
            charge_lag_days: LagSummary {
                encounters: self.lag.n,
                without_signed_on: self.lag.unknown,
                signed_before_service: self.lag.negative,
                mean: self.lag.mean(),
                median: q(0.5),
                p90: q(0.9),
                beyond_exact_range: self.lag.beyond,
            },
        }
    }
}

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

/// CPT Evaluation and Management section: 99202-99499.
pub fn is_em_code(code: &str) -> bool {
    code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) && ("99202"..="99499").contains(&code)
}

/// Groups keyed by a string, capped at [`MAX_GROUPS`] distinct keys.
#[derive(Debug, Default)]
pub struct Groups {
    map: BTreeMap<String, GroupStats>,
}

impl Groups {
    fn entry(&mut self, key: &str) -> &mut GroupStats {
        // Look up first: the common case allocates nothing.
        if !self.map.contains_key(key) {
            let key = if self.map.len() >= MAX_GROUPS { OTHER } else { key };
            return self.map.entry(key.to_string()).or_default();
        }
        self.map.get_mut(key).expect("checked above")
    }

    pub fn get(&self, key: &str) -> Option<&GroupStats> {
        self.map.get(key)
    }

    /// Groups by descending encounter count, then key.
    pub fn sorted(&self) -> Vec<(&str, &GroupStats)> {
        let mut v: Vec<_> = self.map.iter().map(|(k, s)| (k.as_str(), s)).collect();
        v.sort_by(|a, b| b.1.encounters.cmp(&a.1.encounters).then(a.0.cmp(b.0)));
        v
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn merge(&mut self, other: &Groups) {
        for (k, s) in &other.map {
            self.entry(k).merge(s);
        }
    }
}

/// Everything the audit accumulates.
#[derive(Debug, Default)]
pub struct Audit {
    pub lines: u64,
    pub blank_lines: u64,
    pub malformed_lines: u64,
    pub bytes: u64,
    pub overall: GroupStats,
    pub by_provider: Groups,
    pub by_payer: Groups,
}

/// A line that could not be checked: its 1-based number and why (no input values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub line: u64,
    pub problem: String,
}

impl Audit {
    /// Checks one line's text and folds it in.
    pub fn add_line(&mut self, validator: &Validator, today: Date, line_no: u64, text: &str) -> Result<(), Malformed> {
        self.lines += 1;
        if text.trim().is_empty() {
            self.blank_lines += 1;
            return Ok(());
        }
        let encounter = parse_json(text, InputKind::Encounter).and_then(|v| decode_encounter(&v)).map_err(|e| {
            self.malformed_lines += 1;
            Malformed { line: line_no, problem: e.message }
        })?;
        let result = validator.validate(&encounter, today);
        self.record(&encounter, &result);
        Ok(())
    }

    fn record(&mut self, e: &Encounter, r: &CheckResult) {
        self.overall.record(e, r);
        let provider =
            e.providers.as_ref().and_then(|p| p.rendering_npi.as_deref()).filter(|s| !s.is_empty()).unwrap_or(NONE);
        self.by_provider.entry(provider).record(e, r);
        self.by_payer.entry(&payer_key(e)).record(e, r);
    }

    /// Folds another audit (e.g. another worker's share of the file) into this one.
    pub fn merge(&mut self, o: &Audit) {
        self.lines += o.lines;
        self.blank_lines += o.blank_lines;
        self.malformed_lines += o.malformed_lines;
        self.bytes += o.bytes;
        self.overall.merge(&o.overall);
        self.by_provider.merge(&o.by_provider);
        self.by_payer.merge(&o.by_payer);
    }

    pub fn report(&self, today: Date) -> Report<'_> {
        fn groups(g: &Groups) -> Vec<GroupReport<'_>> {
            g.sorted().into_iter().map(|(key, s)| GroupReport { key, summary: s.summary() }).collect()
        }
        Report {
            today: today.to_string(),
            lines: self.lines,
            encounters: self.overall.encounters,
            malformed_lines: self.malformed_lines,
            blank_lines: self.blank_lines,
            definitions: DEFINITIONS,
            overall: self.overall.summary(),
            by_provider: groups(&self.by_provider),
            by_payer: groups(&self.by_payer),
        }
    }
}

/// `coverage.payer`, else the plan type, else `(none)`.
fn payer_key(e: &Encounter) -> std::borrow::Cow<'_, str> {
    let Some(c) = &e.coverage else { return NONE.into() };
    if let Some(p) = c.payer.as_deref().filter(|p| !p.is_empty()) {
        return p.into();
    }
    match c.plan_type {
        Some(t) => serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default().into(),
        None => NONE.into(),
    }
}

/// Reads `reader` line by line, never holding more than one line (of at most the
/// encounter size limit) in memory. `malformed` hears about each skipped line; `progress`
/// is called every `progress_every` lines with the bytes and lines read so far.
pub fn audit_reader<R: BufRead>(
    mut reader: R,
    validator: &Validator,
    today: Date,
    malformed: &mut dyn FnMut(Malformed),
    progress: &mut dyn FnMut(u64, u64),
    progress_every: u64,
) -> io::Result<Audit> {
    let mut audit = Audit::default();
    let mut buf = Vec::with_capacity(4096);
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let (read, complete) = read_bounded_line(&mut reader, &mut buf, MAX_DOCUMENT_BYTES)?;
        if read == 0 {
            break;
        }
        line_no += 1;
        audit.bytes += read as u64;
        if !complete {
            audit.lines += 1;
            audit.malformed_lines += 1;
            malformed(Malformed {
                line: line_no,
                problem: format!("the line is longer than {MAX_DOCUMENT_BYTES} bytes"),
            });
        } else {
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            match std::str::from_utf8(&buf) {
                Ok(text) => {
                    if let Err(m) = audit.add_line(validator, today, line_no, text) {
                        malformed(m);
                    }
                }
                Err(_) => {
                    audit.lines += 1;
                    audit.malformed_lines += 1;
                    malformed(Malformed { line: line_no, problem: "the line is not UTF-8 text".into() });
                }
            }
        }
        if progress_every > 0 && line_no.is_multiple_of(progress_every) {
            progress(audit.bytes, line_no);
        }
    }
    progress(audit.bytes, line_no);
    Ok(audit)
}

/// Reads one line into `buf`, keeping at most `limit` bytes; the rest of a longer line is
/// consumed and dropped. Returns the bytes consumed and whether the line fit.
fn read_bounded_line<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut fits = true;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, fits));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if fits {
            if buf.len() + take > limit + 2 {
                fits = false;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        consumed += take;
        if done {
            return Ok((consumed, fits));
        }
    }
}

// ------------------------------------------------------------------------ output

pub const DEFINITIONS: &[(&str, &str)] = &[
    ("clean_first_pass_rate", "share of encounters whose Result status is clean (no counted warning or error; overridden findings do not count)"),
    ("findings_by_category", "counted findings of severity warning or error, by denial category (info and overridden findings left out)"),
    ("modifier_25_rate", "E/M lines (CPT 99202-99499) carrying modifier 25, over all E/M lines; null without E/M lines"),
    ("charge_lag_days", "signed_on minus date_of_service in days, over encounters with signed_on; negative lags are counted apart; quantiles are nearest-rank"),
    ("provider", "the rendering NPI; (none) when absent; (other) pools groups beyond the first 1000"),
    ("payer", "coverage.payer, else coverage.plan_type; (none) when absent; (other) pools groups beyond the first 1000"),
];

#[derive(Serialize)]
pub struct Report<'a> {
    pub today: String,
    pub lines: u64,
    pub encounters: u64,
    pub malformed_lines: u64,
    pub blank_lines: u64,
    #[serde(serialize_with = "as_object")]
    pub definitions: &'static [(&'static str, &'static str)],
    pub overall: Summary,
    pub by_provider: Vec<GroupReport<'a>>,
    pub by_payer: Vec<GroupReport<'a>>,
}

fn as_object<S: serde::Serializer>(pairs: &&'static [(&'static str, &'static str)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs.iter() {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

#[derive(Serialize)]
pub struct GroupReport<'a> {
    pub key: &'a str,
    #[serde(flatten)]
    pub summary: Summary,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub encounters: u64,
    pub clean: u64,
    pub review: u64,
    pub blocked: u64,
    pub clean_first_pass_rate: Option<f64>,
    pub findings_by_category: BTreeMap<&'static str, u64>,
    pub overridden_findings: u64,
    pub em_lines: u64,
    pub em_lines_with_25: u64,
    pub modifier_25_rate: Option<f64>,
    pub charge_lag_days: LagSummary,
}

#[derive(Clone, Debug, Serialize)]
pub struct LagSummary {
    /// Encounters with a lag of zero days or more.
    pub encounters: u64,
    pub without_signed_on: u64,
    pub signed_before_service: u64,
    pub mean: Option<f64>,
    pub median: Option<LagValue>,
    pub p90: Option<LagValue>,
    pub beyond_exact_range: u64,
}

/// A quantile: a day count, or "more than the exact range" (serialized as a string).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LagValue {
    Days(u32),
    Beyond,
}

impl From<Result<u32, ()>> for LagValue {
    fn from(r: Result<u32, ()>) -> Self {
        r.map_or(LagValue::Beyond, LagValue::Days)
    }
}

impl Serialize for LagValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            LagValue::Days(d) => s.serialize_u32(*d),
            LagValue::Beyond => s.serialize_str(&format!(">{LAG_EXACT_DAYS}")),
        }
    }
}

impl std::fmt::Display for LagValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LagValue::Days(d) => write!(f, "{d}"),
            LagValue::Beyond => write!(f, ">{LAG_EXACT_DAYS}"),
        }
    }
}

/// Short column heads for the category table, in [`Category::ALL`] order.
const CATEGORY_HEADS: [&str; 10] =
    ["codes", "docs", "necess", "bundle", "modif", "units", "auth", "elig", "claim", "filing"];

/// The readable table.
pub fn render_table(report: &Report<'_>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "chargecheck audit (today {}): {} lines, {} encounters checked, {} malformed lines skipped, {} blank",
        report.today, report.lines, report.encounters, report.malformed_lines, report.blank_lines
    );
    let pct = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{:.1}%", r * 100.0));
    let opt = |v: Option<LagValue>| v.map_or("-".to_string(), |v| v.to_string());
    let mean = |v: Option<f64>| v.map_or("-".to_string(), |m| format!("{m:.1}"));
    let mut section = |title: &str, rows: Vec<(&str, &Summary)>| {
        let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0).clamp(8, 40);
        let _ = writeln!(out, "\n{title}");
        let _ = writeln!(
            out,
            "{:<width$}  {:>10}  {:>7}  {:>8}  {:>8}  {:>7}  {:>8}  {:>6}  {:>5}",
            "", "encounters", "clean%", "review", "blocked", "mod25%", "lag mean", "median", "p90"
        );
        for (key, s) in &rows {
            let _ = writeln!(
                out,
                "{:<width$}  {:>10}  {:>7}  {:>8}  {:>8}  {:>7}  {:>8}  {:>6}  {:>5}",
                truncate(key, width),
                s.encounters,
                pct(s.clean_first_pass_rate),
                s.review,
                s.blocked,
                pct(s.modifier_25_rate),
                mean(s.charge_lag_days.mean),
                opt(s.charge_lag_days.median),
                opt(s.charge_lag_days.p90)
            );
        }
        let _ = write!(out, "{:<width$}  findings:", "");
        for h in CATEGORY_HEADS {
            let _ = write!(out, " {h:>7}");
        }
        let _ = writeln!(out);
        for (key, s) in &rows {
            let _ = write!(out, "{:<width$}           ", truncate(key, width));
            for n in s.findings_by_category.values_in_category_order() {
                let _ = write!(out, " {n:>7}");
            }
            let _ = writeln!(out);
        }
    };
    section("OVERALL", vec![("all", &report.overall)]);
    section("BY PROVIDER (rendering NPI)", report.by_provider.iter().map(|g| (g.key, &g.summary)).collect());
    section("BY PAYER", report.by_payer.iter().map(|g| (g.key, &g.summary)).collect());
    let _ = writeln!(
        out,
        "\nclean% = encounters whose status is clean; mod25% = E/M lines (99202-99499) with modifier 25 over all E/M lines;\n\
         lag = signed_on - date_of_service in days (nearest-rank quantiles); findings = warnings and errors not overridden:\n\
         codes=code_validity docs=documentation necess=medical_necessity bundle=bundling modif=modifier units auth=authorization\n\
         elig=eligibility claim=claim_data filing=timely_filing"
    );
    out
}

trait CategoryOrder {
    fn values_in_category_order(&self) -> Vec<u64>;
}

impl CategoryOrder for BTreeMap<&'static str, u64> {
    fn values_in_category_order(&self) -> Vec<u64> {
        Category::ALL.iter().map(|c| self.get(c.word()).copied().unwrap_or(0)).collect()
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('~');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_quantiles_are_nearest_rank() {
        let mut h = LagHistogram::default();
        assert_eq!(h.quantile(0.5), None);
        for d in [0, 1, 1, 2, 3, 5, 8, 13, 21, 34] {
            h.record(Some(d));
        }
        h.record(None);
        h.record(Some(-2));
        assert_eq!(h.quantile(0.5), Some(Ok(3))); // rank 5 of 10
        assert_eq!(h.quantile(0.9), Some(Ok(21))); // rank 9 of 10
        assert_eq!(h.quantile(1.0), Some(Ok(34)));
        assert_eq!(h.mean(), Some(8.8));
        assert_eq!((h.unknown, h.negative, h.n), (1, 1, 10));
        h.record(Some(5000));
        h.record(Some(5000));
        assert_eq!(h.quantile(1.0), Some(Err(())));
        assert_eq!(h.beyond, 2);
        assert!(h.counts.len() <= LAG_EXACT_DAYS + 1);
    }

    #[test]
    fn em_codes() {
        for c in ["99202", "99213", "99215", "99499"] {
            assert!(is_em_code(c), "{c}");
        }
        for c in ["99201", "99500", "11102", "9921", "G2211", "99213 "] {
            assert!(!is_em_code(c), "{c}");
        }
    }

    #[test]
    fn long_lines_are_skipped_without_buffering_them() {
        let long = "x".repeat(100);
        let text = format!("short\n{long}\nlast");
        let mut r = io::BufReader::with_capacity(8, text.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_bounded_line(&mut r, &mut buf, 10).unwrap(), (6, true));
        assert_eq!(buf, b"short\n");
        buf.clear();
        assert_eq!(read_bounded_line(&mut r, &mut buf, 10).unwrap(), (101, false));
        assert!(buf.len() <= 12);
        buf.clear();
        assert_eq!(read_bounded_line(&mut r, &mut buf, 10).unwrap(), (4, true));
        assert_eq!(buf, b"last");
        buf.clear();
        assert_eq!(read_bounded_line(&mut r, &mut buf, 10).unwrap(), (0, true));
    }

    #[test]
    fn groups_are_capped() {
        let mut g = Groups::default();
        for i in 0..MAX_GROUPS + 10 {
            g.entry(&format!("p{i}")).encounters += 1;
        }
        assert_eq!(g.len(), MAX_GROUPS + 1);
        assert_eq!(g.get(OTHER).unwrap().encounters, 10);
    }
}
