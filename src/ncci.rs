//! NCCI edit tables read from the official CMS Medicare practitioner files, as CMS
//! publishes them (layouts in `rules/ncci/SOURCES.md` and `docs/ncci.md`):
//!
//! - procedure-to-procedure (PTP) edits, `ccipra-vNNNrN-fN.TXT`: tab-delimited, six
//!   header lines padded with tabs, then rows of column 1, column 2, `*` if the edit
//!   existed before 1996, effective date `YYYYMMDD`, deletion date `YYYYMMDD` or `*`,
//!   modifier indicator 0/1/9, rationale;
//! - medically unlikely edits (MUE), `MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv`:
//!   comma-separated, a quoted multi-line notice record, a header whose first cell holds
//!   a line break, then rows of code, MUE value, adjudication indicator (`2 Date of
//!   Service Edit: Policy`), rationale.
//!
//! Data rows are found by their shape (two five-character codes then an eight-digit
//! date; a code then a whole number), never by skipping a fixed number of lines, so the
//! yearly copyright line and header changes do not matter. Lines starting with `#` are
//! chargecheck's own provenance comments and are skipped. A line shaped like a data row
//! but with a bad field is an error naming its line: a half-read edit table would
//! silently let denials through.

use crate::date::Date;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt;

/// The shipped curated subset (see rules/ncci/SOURCES.md and docs/ncci.md).
pub const EMBEDDED_PTP: &str = include_str!("../rules/ncci/ptp-practitioner-derm.txt");
pub const EMBEDDED_MUE: &str = include_str!("../rules/ncci/mue-practitioner-derm.csv");

/// A CPT/HCPCS code as the edit files hold it: five ASCII letters or digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code([u8; 5]);

impl Code {
    pub fn parse(text: &str) -> Option<Code> {
        let b = text.as_bytes();
        if b.len() != 5 || !b.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut code = [0u8; 5];
        for (out, c) in code.iter_mut().zip(b) {
            *out = c.to_ascii_uppercase();
        }
        Some(Code(code))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII alphanumerics get in (see `parse`).
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The PTP modifier indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ModifierIndicator {
    /// 0: no modifier bypasses the edit.
    NotAllowed,
    /// 1: an NCCI-associated modifier bypasses it when the documentation supports it.
    Allowed,
    /// 9: the edit does not apply (deleted retroactively).
    NotApplicable,
}

impl ModifierIndicator {
    pub fn digit(self) -> char {
        match self {
            ModifierIndicator::NotAllowed => '0',
            ModifierIndicator::Allowed => '1',
            ModifierIndicator::NotApplicable => '9',
        }
    }
}

/// One PTP row (the codes are its key in [`NcciEdits`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PtpRow {
    pub existed_before_1996: bool,
    pub effective: Date,
    /// The last day the edit applies; `None` (`*` in the file) while it is in force.
    pub deletion: Option<Date>,
    pub indicator: ModifierIndicator,
    rationale: u16,
}

impl PtpRow {
    pub fn in_force_on(&self, date_of_service: Date) -> bool {
        self.effective <= date_of_service && self.deletion.is_none_or(|d| date_of_service <= d)
    }
}

/// The MUE adjudication indicator (MAI).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MueAdjudication {
    /// 1: a claim-line edit; the same code on separate lines with a modifier can bypass it.
    Line,
    /// 2: an absolute date-of-service limit (policy).
    DatePolicy,
    /// 3: a date-of-service limit based on clinical data (appealable with documentation).
    DateClinical,
}

impl MueAdjudication {
    pub fn digit(self) -> char {
        match self {
            MueAdjudication::Line => '1',
            MueAdjudication::DatePolicy => '2',
            MueAdjudication::DateClinical => '3',
        }
    }

    /// The label CMS writes after the digit in the practitioner table.
    pub fn label(self) -> &'static str {
        match self {
            MueAdjudication::Line => "1 Line Edit",
            MueAdjudication::DatePolicy => "2 Date of Service Edit: Policy",
            MueAdjudication::DateClinical => "3 Date of Service Edit: Clinical",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MueRow {
    pub value: u32,
    pub adjudication: MueAdjudication,
    rationale: u16,
}

/// An in-force PTP edit for one ordered pair of codes on one date of service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PtpEdit<'a> {
    pub indicator: ModifierIndicator,
    pub effective: Date,
    pub rationale: &'a str,
}

/// A file the importer could not read; `line` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: &'static str,
    pub line: u64,
    pub problem: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.problem)
    }
}

/// The PTP and MUE tables one Validator checks against.
#[derive(Clone, Debug, Default)]
pub struct NcciEdits {
    /// Rows by column 1, then column 2: a line whose code is no column 1 needs no pair
    /// lookup at all.
    ptp: FxHashMap<Code, FxHashMap<Code, Vec<PtpRow>>>,
    ptp_rows: usize,
    mue: FxHashMap<Code, MueRow>,
    /// Rationale texts, interned (the files repeat a handful of them a million times).
    rationales: Vec<String>,
}

impl NcciEdits {
    /// The curated subset shipped in `rules/ncci/`.
    pub fn embedded() -> Result<NcciEdits, ImportError> {
        let mut edits = NcciEdits::default();
        edits.add_ptp_text(EMBEDDED_PTP)?;
        edits.add_mue_text(EMBEDDED_MUE)?;
        Ok(edits)
    }

    /// Reads PTP text (one CMS `.TXT` file, or a chargecheck subset in the same layout)
    /// and adds its rows; returns how many rows it added.
    pub fn add_ptp_text(&mut self, text: &str) -> Result<usize, ImportError> {
        let rows = parse_ptp(text)?;
        let n = rows.len();
        for (c1, c2, mut row, rationale) in rows {
            row.rationale = self.intern(&rationale);
            self.ptp.entry(c1).or_default().entry(c2).or_default().push(row);
        }
        self.ptp_rows += n;
        Ok(n)
    }

    /// Reads an MUE table (CMS `.csv`; a tab-delimited copy is accepted too) and adds its
    /// rows (a later row for the same code replaces an earlier one); returns the count.
    pub fn add_mue_text(&mut self, text: &str) -> Result<usize, ImportError> {
        let rows = parse_mue(text)?;
        let n = rows.len();
        for (code, mut row, rationale) in rows {
            row.rationale = self.intern(&rationale);
            self.mue.insert(code, row);
        }
        Ok(n)
    }

    pub fn clear_ptp(&mut self) {
        self.ptp.clear();
        self.ptp_rows = 0;
    }

    pub fn clear_mue(&mut self) {
        self.mue.clear();
    }

    pub fn ptp_row_count(&self) -> usize {
        self.ptp_rows
    }

    pub fn mue_row_count(&self) -> usize {
        self.mue.len()
    }

    /// Whether `code` is column 1 of any PTP row (in force or not).
    pub fn is_column1(&self, code: Code) -> bool {
        self.ptp.contains_key(&code)
    }

    /// The edit in force on the date of service with `column1` and `column2`, if any.
    /// Indicator-9 rows are no edit. When several rows are in force (the files repeat
    /// keys), the stricter indicator wins: 0 before 1.
    pub fn ptp(&self, column1: &str, column2: &str, date_of_service: Date) -> Option<PtpEdit<'_>> {
        self.ptp_codes(Code::parse(column1)?, Code::parse(column2)?, date_of_service)
    }

    /// As [`NcciEdits::ptp`], with the codes already parsed (the pair loop parses each
    /// line's code once instead of once per pair).
    pub fn ptp_codes(&self, column1: Code, column2: Code, date_of_service: Date) -> Option<PtpEdit<'_>> {
        if self.ptp.is_empty() {
            return None;
        }
        self.ptp
            .get(&column1)?
            .get(&column2)?
            .iter()
            .filter(|r| r.indicator != ModifierIndicator::NotApplicable && r.in_force_on(date_of_service))
            .min_by_key(|r| r.indicator)
            .map(|r| PtpEdit { indicator: r.indicator, effective: r.effective, rationale: self.rationale(r.rationale) })
    }

    /// The MUE row of a code, if the loaded table publishes one.
    pub fn mue(&self, code: &str) -> Option<&MueRow> {
        self.mue.get(&Code::parse(code)?)
    }

    pub fn rationale_of(&self, row: &MueRow) -> &str {
        self.rationale(row.rationale)
    }

    fn rationale(&self, index: u16) -> &str {
        self.rationales.get(index as usize).map(String::as_str).unwrap_or("")
    }

    fn intern(&mut self, text: &str) -> u16 {
        if let Some(i) = self.rationales.iter().position(|r| r == text) {
            return i as u16;
        }
        // The files use a handful of texts; an absurd number of distinct ones shares the last slot.
        if self.rationales.len() >= u16::MAX as usize {
            return (self.rationales.len() - 1) as u16;
        }
        self.rationales.push(text.to_string());
        (self.rationales.len() - 1) as u16
    }

    /// Keeps only the PTP rows whose two codes and the MUE rows whose code `keep` accepts
    /// (the importer's dermatology subset).
    pub fn retain_codes(&mut self, keep: impl Fn(&str) -> bool) {
        self.ptp.retain(|c1, by_column2| {
            by_column2.retain(|c2, _| keep(c1.as_str()) && keep(c2.as_str()));
            !by_column2.is_empty()
        });
        self.ptp_rows = self.ptp.values().flat_map(|by_column2| by_column2.values()).map(Vec::len).sum();
        self.mue.retain(|c, _| keep(c.as_str()));
    }

    /// The PTP rows in the official `.TXT` data-row layout (tab-delimited, CRLF), sorted by
    /// column 1 then column 2, each key's rows in file order.
    pub fn ptp_data_lines(&self) -> String {
        let sorted: BTreeMap<_, _> = self
            .ptp
            .iter()
            .flat_map(|(c1, by_column2)| by_column2.iter().map(move |(c2, rows)| ((c1, c2), rows)))
            .collect();
        let mut out = String::new();
        for ((c1, c2), rows) in sorted {
            for r in rows {
                out.push_str(&format!(
                    "{c1}\t{c2}\t{}\t{}\t{}\t{}\t{}\r\n",
                    if r.existed_before_1996 { "*" } else { "" },
                    yyyymmdd(r.effective),
                    r.deletion.map(yyyymmdd).unwrap_or_else(|| "*".into()),
                    r.indicator.digit(),
                    self.rationale(r.rationale)
                ));
            }
        }
        out
    }

    /// The MUE rows in the official CSV data-row layout, sorted by code.
    pub fn mue_data_lines(&self) -> String {
        let sorted: BTreeMap<_, _> = self.mue.iter().collect();
        let mut out = String::new();
        for (code, row) in sorted {
            out.push_str(&format!(
                "{code},{},{},{}\r\n",
                row.value,
                csv_cell(row.adjudication.label()),
                csv_cell(self.rationale(row.rationale))
            ));
        }
        out
    }
}

/// The six header lines of the CMS practitioner PTP `.TXT` file, padded with tabs to seven
/// fields as CMS pads them.
pub const PTP_HEADER: &str =
    "CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t\r\n\
Column1/Column2 Edits\t\t\t\t\t\t\r\n\
Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale\r\n\
\t\tprior to 1996\tDate\tDate\t0=not allowed\t\r\n\
\t\t\t\t*=no data\t1=allowed\t\r\n\
\t\t\t\t\t9=not applicable\t\r\n";

/// The header record of the CMS practitioner MUE CSV (its first cell holds a line break).
pub const MUE_HEADER: &str =
    "\"HCPCS/\nCPT Code\",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\r\n";

impl NcciEdits {
    /// A complete PTP file in the official layout, after chargecheck's `#` provenance lines.
    pub fn render_ptp_file(&self, provenance: &[String]) -> String {
        let mut out = String::new();
        for line in provenance {
            out.push_str(&format!("# {line}\r\n"));
        }
        out.push_str(PTP_HEADER);
        out.push_str(&self.ptp_data_lines());
        out
    }

    /// A complete MUE file in the official CSV layout: record 1 a quoted multi-line notice
    /// (here: chargecheck's provenance) followed by `,,,`, record 2 the header, then rows.
    pub fn render_mue_file(&self, provenance: &[String]) -> String {
        let notice = provenance.join("\r\n").replace('"', "'");
        format!("\"{notice}\",,,\r\n{MUE_HEADER}{}", self.mue_data_lines())
    }
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn yyyymmdd(d: Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{y:04}{m:02}{day:02}")
}

fn parse_yyyymmdd(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Date::from_ymd(text[0..4].parse().ok()?, text[4..6].parse().ok()?, text[6..8].parse().ok()?)
}

/// The CMS files are Latin-1; a file that is valid UTF-8 (a re-saved copy) is read as such.
pub fn decode_file_bytes(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

type PtpParsed = (Code, Code, PtpRow, String);

/// Parses PTP text: every data row, or the first bad one.
pub fn parse_ptp(text: &str) -> Result<Vec<PtpParsed>, ImportError> {
    let mut rows = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        // A data row starts with two codes; header lines ("Column 1", padding) do not.
        let (Some(c1), Some(c2)) =
            (fields.first().and_then(|f| Code::parse(f.trim())), fields.get(1).and_then(|f| Code::parse(f.trim())))
        else {
            continue;
        };
        let at = |problem: String| ImportError { file: "PTP", line: i as u64 + 1, problem };
        if fields.len() < 6 || fields[6..].iter().skip(1).any(|f| !f.trim().is_empty()) {
            return Err(at(format!(
                "a data row needs 7 tab-separated fields (column 1, column 2, pre-1996 flag, effective, deletion, modifier indicator, rationale); found {}",
                fields.len()
            )));
        }
        let existed_before_1996 = match fields[2].trim() {
            "*" => true,
            "" => false,
            _ => return Err(at("the pre-1996 flag must be '*' or empty".into())),
        };
        let effective =
            parse_yyyymmdd(fields[3].trim()).ok_or_else(|| at("the effective date must be YYYYMMDD".into()))?;
        let deletion = match fields[4].trim() {
            "*" => None,
            d => Some(parse_yyyymmdd(d).ok_or_else(|| at("the deletion date must be YYYYMMDD or '*'".into()))?),
        };
        let indicator = match fields[5].trim() {
            "0" => ModifierIndicator::NotAllowed,
            "1" => ModifierIndicator::Allowed,
            "9" => ModifierIndicator::NotApplicable,
            _ => return Err(at("the modifier indicator must be 0, 1 or 9".into())),
        };
        let rationale = fields.get(6).map(|r| r.trim().to_string()).unwrap_or_default();
        rows.push((c1, c2, PtpRow { existed_before_1996, effective, deletion, indicator, rationale: 0 }, rationale));
    }
    Ok(rows)
}

type MueParsed = (Code, MueRow, String);

/// Parses an MUE table: the CMS CSV (quoted multi-line cells), or the same four columns
/// tab-delimited. Records that are not data rows (the notice, the header) are skipped.
pub fn parse_mue(text: &str) -> Result<Vec<MueParsed>, ImportError> {
    let delimiter = if looks_tab_delimited(text) { b'\t' } else { b',' };
    let mut rows = Vec::new();
    let mut problem = None;
    read_delimited(text, delimiter, |line, fields| {
        if problem.is_some() || fields.first().is_some_and(|f| f.starts_with('#')) {
            return;
        }
        let Some(code) = fields.first().and_then(|f| Code::parse(f.trim())) else { return };
        let value = fields.get(1).map(|v| v.trim()).unwrap_or("");
        // A code followed by a whole number is a data row; anything else is not ours.
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let at = |p: &str| Some(ImportError { file: "MUE", line, problem: p.to_string() });
        let Ok(value) = value.parse::<u32>() else {
            problem = at("the MUE value is too large");
            return;
        };
        let adjudication = match fields.get(2).map(|f| f.trim().as_bytes().first().copied()) {
            Some(Some(b'1')) => MueAdjudication::Line,
            Some(Some(b'2')) => MueAdjudication::DatePolicy,
            Some(Some(b'3')) => MueAdjudication::DateClinical,
            _ => {
                problem = at("the MUE adjudication indicator must start with 1, 2 or 3");
                return;
            }
        };
        let rationale = fields.get(3).map(|r| r.trim().to_string()).unwrap_or_default();
        rows.push((code, MueRow { value, adjudication, rationale: 0 }, rationale));
    })?;
    match problem {
        Some(e) => Err(e),
        None => Ok(rows),
    }
}

/// A tab-delimited copy: some line that is not a comment starts with a code and a tab.
fn looks_tab_delimited(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l.split('\t').next().is_some_and(|f| Code::parse(f).is_some()) && l.contains('\t'))
}

/// Feeds every record of delimited text (RFC 4180 quoting, via csv-core) to `each` with
/// the 1-based line the record ends on.
fn read_delimited(text: &str, delimiter: u8, mut each: impl FnMut(u64, &[&str])) -> Result<(), ImportError> {
    use csv_core::{ReadRecordResult, ReaderBuilder};
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; 1024];
    let mut ends = vec![0usize; 16];
    let (mut out_len, mut ends_len) = (0usize, 0usize);
    loop {
        let (result, n_in, n_out, n_ends) = reader.read_record(input, &mut out[out_len..], &mut ends[ends_len..]);
        input = &input[n_in..];
        out_len += n_out;
        ends_len += n_ends;
        match result {
            // Everything was given at once, so the next call (with no input) marks the end.
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let mut fields = Vec::with_capacity(ends_len);
                let mut start = 0;
                for &end in &ends[..ends_len] {
                    // csv-core copies bytes and drops only ASCII quotes, so UTF-8 stays valid.
                    fields.push(std::str::from_utf8(&out[start..end]).map_err(|_| ImportError {
                        file: "MUE",
                        line: reader.line(),
                        problem: "not valid text".into(),
                    })?);
                    start = end;
                }
                each(reader.line(), &fields);
                out_len = 0;
                ends_len = 0;
            }
            ReadRecordResult::End => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn codes_are_five_ascii_alphanumerics() {
        assert_eq!(Code::parse("0591t").unwrap().as_str(), "0591T");
        assert!(Code::parse("1140").is_none());
        assert!(Code::parse("Column 1").is_none());
        assert!(Code::parse("1140é").is_none());
    }

    #[test]
    fn embedded_subset_loads_with_its_four_rows() {
        let edits = NcciEdits::embedded().unwrap();
        assert_eq!(edits.ptp_row_count(), 4);
        assert_eq!(edits.mue_row_count(), 0);
        // 13121/13120: the indicator-9 row was deleted retroactively; the indicator-0 row is in force.
        let e = edits.ptp("13121", "13120", d("2026-06-01")).unwrap();
        assert_eq!(e.indicator, ModifierIndicator::NotAllowed);
        assert_eq!(e.rationale, "CPT Manual or CMS manual coding instruction");
        assert!(edits.ptp("13120", "13121", d("2026-06-01")).is_none(), "edits are ordered pairs");
        // 17000/17281 ended on 2004-12-31 (the deletion date is its last day).
        assert_eq!(edits.ptp("17000", "17281", d("2004-12-31")).unwrap().indicator, ModifierIndicator::Allowed);
        assert!(edits.ptp("17000", "17281", d("2005-01-01")).is_none());
        assert!(edits.ptp("17000", "17281", d("1999-06-30")).is_none(), "not yet effective");
    }

    #[test]
    fn a_malformed_data_row_is_named_by_line() {
        let text = "Column 1\tColumn 2\n11402\t11102\t\t2026013\t*\t1\tMisuse\n";
        let e = parse_ptp(text).unwrap_err();
        assert_eq!((e.file, e.line), ("PTP", 2));
        assert!(e.problem.contains("effective"), "{e}");
        let e = parse_ptp("11402\t11102\t\t20260101\t*\t2\tx\n").unwrap_err();
        assert!(e.problem.contains("modifier indicator"));
        let e = parse_ptp("11402\t11102\t\t20260101\n").unwrap_err();
        assert!(e.problem.contains("7 tab-separated"));
    }

    #[test]
    fn mue_rows_by_shape_in_csv_and_tsv() {
        let csv = "\"notice, with comma\nand a second line\",,,\r\n\"HCPCS/\nCPT Code\",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\r\n11900,1,\"2 Date of Service Edit: Policy\",Code Descriptor / CPT Instruction\r\n";
        let rows = parse_mue(csv).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1.value, 1);
        assert_eq!(rows[0].1.adjudication, MueAdjudication::DatePolicy);
        let tsv = "# comment\n11900\t1\t2 Date of Service Edit: Policy\tCode Descriptor / CPT Instruction\n";
        assert_eq!(parse_mue(tsv).unwrap().len(), 1);
        let bad = "11900,1,x,Code Descriptor\r\n";
        assert!(parse_mue(bad).unwrap_err().problem.contains("adjudication"));
    }

    #[test]
    fn export_round_trips() {
        let mut edits = NcciEdits::default();
        edits.add_ptp_text(EMBEDDED_PTP).unwrap();
        edits.add_mue_text("11900,1,2 Date of Service Edit: Policy,\"Code Descriptor / CPT Instruction\"\n").unwrap();
        let mut again = NcciEdits::default();
        again.add_ptp_text(&edits.ptp_data_lines()).unwrap();
        again.add_mue_text(&edits.mue_data_lines()).unwrap();
        assert_eq!(again.ptp_data_lines(), edits.ptp_data_lines());
        assert_eq!(again.mue_data_lines(), edits.mue_data_lines());
        assert_eq!(again.mue("11900").unwrap().value, 1);
    }

    #[test]
    fn header_constants_are_the_cms_layout() {
        let lines: Vec<&str> = PTP_HEADER.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 6);
        assert!(lines.iter().all(|l| l.split('\t').count() == 7), "{lines:?}");
        assert!(EMBEDDED_PTP.contains(PTP_HEADER), "the shipped PTP file keeps the CMS header lines");
        assert!(EMBEDDED_MUE.contains(MUE_HEADER), "the shipped MUE file keeps the CMS header record");
        assert!(parse_ptp(PTP_HEADER).unwrap().is_empty());
    }

    #[test]
    fn latin1_bytes_decode() {
        assert_eq!(decode_file_bytes(b"caf\xe9"), "café");
        assert_eq!(decode_file_bytes("café".as_bytes()), "café");
    }
}
