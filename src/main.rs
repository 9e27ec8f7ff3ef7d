//! The `chargecheck` command: a thin native front over the core.
//!
//!   chargecheck check FILE|- [--payer-profile FILE]... [--today YYYY-MM-DD]
//!   chargecheck conformance DIR... [--today YYYY-MM-DD]
//!   chargecheck case FILE [--today YYYY-MM-DD]     (one conformance case's Result)
//!   chargecheck rules                                (every rule's metadata)
//!   chargecheck suggest FILE|-                        (the procedure charges the note supports)
//!   chargecheck audit FILE.ndjson|- [--json] [--payer-profile FILE]... [--today YYYY-MM-DD]
//!   chargecheck ncci-import FILE... [--out DIR] [--all]  (CMS NCCI PTP .TXT / MUE .csv files)
//!
//! `check` prints the Result JSON and exits 0 whatever the status; input it cannot check
//! goes to stderr as the structured error JSON, exit code 2.

use chargecheck::conformance::run_case;
use chargecheck::error::InputKind;
use chargecheck::{Date, InputError, Validator};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage:
  chargecheck check FILE|- [--payer-profile FILE]... [--today YYYY-MM-DD]
  chargecheck conformance DIR|FILE... [--today YYYY-MM-DD]
  chargecheck case FILE [--today YYYY-MM-DD]
  chargecheck rules
  chargecheck suggest FILE|-
  chargecheck audit FILE.ndjson|- [--json] [--payer-profile FILE]... [--today YYYY-MM-DD]
  chargecheck ncci-import PTP.TXT... MUE.csv [--out DIR] [--all]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("{msg}\n{USAGE}");
            ExitCode::from(64)
        }
        Err(Failure::Input(e)) => {
            eprintln!("{}", e.to_json());
            ExitCode::from(2)
        }
        Err(Failure::Io(msg)) => {
            eprintln!("{}", serde_json::json!({"error": "io", "message": msg}));
            ExitCode::from(2)
        }
    }
}

enum Failure {
    Usage(String),
    Input(InputError),
    Io(String),
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e)
    }
}

/// Splits `--flag value` options from positional arguments.
struct Args {
    positional: Vec<String>,
    profiles: Vec<String>,
    today: Option<String>,
    json: bool,
    out: Option<String>,
    all: bool,
}

fn parse_args(args: &[String]) -> Result<Args, Failure> {
    let mut out =
        Args { positional: Vec::new(), profiles: Vec::new(), today: None, json: false, out: None, all: false };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--payer-profile" => {
                out.profiles.push(it.next().ok_or(Failure::Usage("--payer-profile needs a file".into()))?.clone())
            }
            "--json" => out.json = true,
            "--out" => out.out = Some(it.next().ok_or(Failure::Usage("--out needs a directory".into()))?.clone()),
            "--all" => out.all = true,
            "--today" => out.today = Some(it.next().ok_or(Failure::Usage("--today needs a date".into()))?.clone()),
            s if s.starts_with("--") && s != "-" => return Err(Failure::Usage(format!("unknown option {s}"))),
            _ => out.positional.push(a.clone()),
        }
    }
    Ok(out)
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let Some((command, rest)) = args.split_first() else { return Err(Failure::Usage("no command".into())) };
    let opts = parse_args(rest)?;
    let today = match &opts.today {
        Some(s) => Date::parse(s).ok_or_else(|| Failure::Usage(format!("--today {s} is not a YYYY-MM-DD date")))?,
        None => today_utc(),
    };
    let mut validator = Validator::new()?;
    match command.as_str() {
        "check" => {
            let [file] = opts.positional.as_slice() else {
                return Err(Failure::Usage("check takes one FILE or -".into()));
            };
            for profile in &opts.profiles {
                validator.add_payer_profile_json(&read_document(profile, InputKind::PayerProfile)?)?;
            }
            let result = validator.validate_json(&read_document(file, InputKind::Encounter)?, today)?;
            println!("{}", serde_json::to_string_pretty(&result).expect("results serialize"));
            Ok(ExitCode::SUCCESS)
        }
        "conformance" => conformance(&validator, &opts.positional, today),
        "case" => {
            // The Result of one conformance case (for the native/wasm parity test).
            let [file] = opts.positional.as_slice() else { return Err(Failure::Usage("case takes one FILE".into())) };
            let case = chargecheck::decode::parse_json(&read(file)?, chargecheck::error::InputKind::ConformanceCase)?;
            let result = chargecheck::conformance::check_case(&validator, &case, today).map_err(Failure::Io)?;
            println!("{}", serde_json::to_string_pretty(&result).expect("results serialize"));
            Ok(ExitCode::SUCCESS)
        }
        "suggest" => {
            // The procedure charge lines the documentation supports, as a JSON array.
            let [file] = opts.positional.as_slice() else {
                return Err(Failure::Usage("suggest takes one FILE or -".into()));
            };
            let charges = validator.suggest_charges_json(&read(file)?)?;
            println!("{}", serde_json::to_string_pretty(&charges).expect("charges serialize"));
            Ok(ExitCode::SUCCESS)
        }
        "audit" => {
            let [file] = opts.positional.as_slice() else {
                return Err(Failure::Usage("audit takes one FILE.ndjson or -".into()));
            };
            for profile in &opts.profiles {
                validator.add_payer_profile_json(&read(profile)?)?;
            }
            audit::run(&validator, file, today, opts.json).map_err(Failure::Io)?;
            Ok(ExitCode::SUCCESS)
        }
        "rules" => {
            let rules: Vec<_> = validator.rules().collect();
            println!("{}", serde_json::to_string_pretty(&rules).expect("rules serialize"));
            Ok(ExitCode::SUCCESS)
        }
        "ncci-import" => ncci_import(&validator, &opts, today),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure::Usage(format!("unknown command {other}"))),
    }
}

fn conformance(validator: &Validator, paths: &[String], today: Date) -> Result<ExitCode, Failure> {
    if paths.is_empty() {
        return Err(Failure::Usage("conformance takes one or more directories or files".into()));
    }
    let mut files = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| Failure::Io(format!("{p}: {e}")))?;
            let mut found: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let text = read(&file.to_string_lossy())?;
        let outcome = run_case(validator, &text, today);
        if outcome.passed() {
            passed += 1;
        } else {
            failed += 1;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            println!("FAIL {name}: {}", outcome.failures.join(" | "));
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

mod audit {
    //! The `audit` command's front: file or stdin, a progress bar on a terminal, malformed
    //! lines reported to stderr by number. The metrics live in `chargecheck::audit`.

    use chargecheck::audit::{audit_reader, render_table, Malformed};
    use chargecheck::{Date, Validator};
    use std::io::{BufReader, IsTerminal, Write};
    use std::time::{Duration, Instant};

    pub fn run(validator: &Validator, file: &str, today: Date, json: bool) -> Result<(), String> {
        let (reader, total): (Box<dyn std::io::Read>, Option<u64>) = if file == "-" {
            (Box::new(std::io::stdin().lock()), None)
        } else {
            let f = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(f), len)
        };
        let reader = BufReader::with_capacity(1 << 16, reader);
        let tty = std::io::stderr().is_terminal();
        // Both callbacks use the bar: a malformed-line message first clears it.
        let bar = std::cell::RefCell::new(Progress { tty, total, started: Instant::now(), last: None });
        let mut malformed = |m: Malformed| {
            bar.borrow_mut().clear();
            eprintln!("line {}: skipped: {}", m.line, m.problem);
        };
        let mut progress = |bytes, lines| bar.borrow_mut().show(bytes, lines);
        let audit = audit_reader(reader, validator, today, &mut malformed, &mut progress, 2048)
            .map_err(|e| format!("{file}: {e}"))?;
        bar.borrow_mut().clear();
        let report = audit.report(today);
        let mut out = std::io::stdout().lock();
        let text = if json {
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
        } else {
            render_table(&report)
        };
        out.write_all(text.as_bytes()).map_err(|e| format!("stdout: {e}"))
    }

    /// A one-line progress bar on stderr, drawn only when stderr is a terminal and at most
    /// ten times a second.
    struct Progress {
        tty: bool,
        total: Option<u64>,
        started: Instant,
        last: Option<Instant>,
    }

    impl Progress {
        fn show(&mut self, bytes: u64, lines: u64) {
            if !self.tty || self.last.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
                return;
            }
            self.last = Some(Instant::now());
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            let rate = lines as f64 / secs;
            let line = match self.total.filter(|&t| t > 0) {
                Some(total) => {
                    let frac = (bytes as f64 / total as f64).min(1.0);
                    let filled = (frac * 30.0) as usize;
                    format!(
                        "[{}{}] {:>3.0}%  {lines} lines  {rate:.0} lines/s",
                        "#".repeat(filled),
                        ".".repeat(30 - filled),
                        frac * 100.0
                    )
                }
                None => format!("{lines} lines  {rate:.0} lines/s"),
            };
            eprint!("\r{line}\x1b[K");
        }

        fn clear(&mut self) {
            if self.tty && self.last.is_some() {
                eprint!("\r\x1b[K");
                self.last = None;
            }
        }
    }
}

/// Reads the official CMS NCCI practitioner files (PTP `.TXT`, MUE `.csv`; Latin-1 or
/// UTF-8), keeps the rows whose codes the rules know (all rows with `--all`) and, with
/// `--out`, writes them in the same official layouts to `DIR/ptp-practitioner-derm.txt`
/// and `DIR/mue-practitioner-derm.csv`, which the next build embeds (docs/ncci.md).
fn ncci_import(validator: &Validator, opts: &Args, today: Date) -> Result<ExitCode, Failure> {
    use chargecheck::ncci::{decode_file_bytes, NcciEdits};
    if opts.positional.is_empty() {
        return Err(Failure::Usage("ncci-import takes the CMS PTP .TXT file(s) and/or the MUE .csv file".into()));
    }
    let mut edits = NcciEdits::default();
    let (mut ptp_files, mut mue_files) = (Vec::new(), Vec::new());
    for file in &opts.positional {
        let bytes = std::fs::read(file).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
        let text = decode_file_bytes(&bytes);
        let name = std::path::Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bad = |e: chargecheck::ncci::ImportError| Failure::Io(format!("{file}: {e}"));
        if name.to_ascii_lowercase().ends_with(".csv") {
            let n = edits.add_mue_text(&text).map_err(bad)?;
            mue_files.push(format!("{name} ({n} rows)"));
        } else {
            let n = edits.add_ptp_text(&text).map_err(bad)?;
            ptp_files.push(format!("{name} ({n} rows)"));
        }
    }
    let read = (edits.ptp_row_count(), edits.mue_row_count());
    let kb = validator.knowledge();
    if !opts.all {
        edits.retain_codes(|code| kb.code(code).is_some());
    }
    let filter = if opts.all { "all rows" } else { "rows whose codes are all in rules/facts/cpt-codes.json" };
    println!(
        "PTP: {} file(s), {} rows read, {} kept; MUE: {} file(s), {} rows read, {} kept ({filter})",
        ptp_files.len(),
        read.0,
        edits.ptp_row_count(),
        mue_files.len(),
        read.1,
        edits.mue_row_count()
    );
    let Some(dir) = &opts.out else {
        println!("dry run: give --out DIR (e.g. rules/ncci/) to write the tables");
        return Ok(ExitCode::SUCCESS);
    };
    let provenance = |kind: &str, files: &[String]| {
        vec![
            format!("chargecheck NCCI {kind} table imported by `chargecheck ncci-import` on {today} ({filter})."),
            format!("Source file(s): {}.", files.join(", ")),
            "Rows below are in the official CMS practitioner layout; see docs/ncci.md.".to_string(),
        ]
    };
    let write = |name: &str, text: String| -> Result<(), Failure> {
        let path = std::path::Path::new(dir).join(name);
        std::fs::write(&path, text).map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?;
        println!("wrote {}", path.display());
        Ok(())
    };
    if !ptp_files.is_empty() {
        write("ptp-practitioner-derm.txt", edits.render_ptp_file(&provenance("PTP", &ptp_files)))?;
    }
    if !mue_files.is_empty() {
        write("mue-practitioner-derm.csv", edits.render_mue_file(&provenance("MUE", &mue_files)))?;
    }
    println!("rebuild (cargo build, tools/build-pkg.sh) to embed the new tables");
    Ok(ExitCode::SUCCESS)
}

/// One JSON document for the core: at most the document limit is read (a huge file or
/// stream is refused without being loaded), and bytes that are not UTF-8 are a structured
/// input error, not an I/O failure.
fn read_document(file: &str, input: InputKind) -> Result<String, Failure> {
    let limit = chargecheck::decode::MAX_DOCUMENT_BYTES;
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().take(limit as u64 + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    if bytes.len() > limit {
        return Err(chargecheck::decode::too_large(input, bytes.len()).into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        InputError::single(input, "", format!("the document is not UTF-8 text (byte {at} is not)")).into()
    })
}

fn read(file: &str) -> Result<String, Failure> {
    let mut text = String::new();
    if file == "-" {
        std::io::stdin().read_to_string(&mut text).map_err(|e| Failure::Io(format!("stdin: {e}")))?;
    } else {
        text = std::fs::read_to_string(file).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    }
    Ok(text)
}

fn today_utc() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i32)
}
