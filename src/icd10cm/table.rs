//! Turns the generator's text table (`rules/icd10cm/codeset.txt`) into the
//! flat byte layout `CodeSet` reads in place. Shared, std only: `build.rs`
//! includes this file (`#[path]`) to lay the embedded table out at build time,
//! so start-up decodes nothing; `CodeSet::decode` uses it for other tables.
//!
//! Layout (every table is sorted by code; a code is up to 7 ASCII bytes,
//! zero-padded). Tables of fixed-width records are stored column by column
//! ("planes": byte j of every record, then byte j + 1 ...), which gzips about
//! five times better than record by record:
//!
//! - `codes`: 8 planes of n: code bytes 0..7, then kind (0 = billable leaf,
//!   k + 1 = 7th-character family whose characters are charset k).
//! - `charsets`: 16 bytes per charset, the allowed 7th characters, zero-padded.
//! - `attrs`: 16 planes of m: code bytes 0..7, laterality byte (0 or R/L/B/U),
//!   site mask (4 planes, little-endian), site flags, site group (0xff: none),
//!   laterality group (2 planes, little-endian; 0xffff: none; stored only for
//!   codes in a site group, the only place it is read: `CodeSet::pick`).
//! - `members`: 7 planes: the codes of each site group, in group order;
//!   `group_start`: u16 little-endian per group + 1, into `members`.
//! - `ex_prefix`: the Excludes1 notes whose source is one code prefix, as text,
//!   one line per source sorted by source: "SRC TGT TGT ...\n" (TGT a code or
//!   "LO-HI", in table order).
//! - `ex_range`: the lines whose source is a range, 28 bytes each: source lo,
//!   source hi, target lo, target hi (7 bytes each, zero-padded).

pub const NO_SITE_GROUP: u8 = 0xff;
pub const NO_LAT_GROUP: u16 = 0xffff;

#[derive(Default)]
pub struct Tables {
    pub codes: Vec<u8>,
    pub billable: usize,
    pub charsets: Vec<u8>,
    pub attrs: Vec<u8>,
    pub members: Vec<u8>,
    pub group_start: Vec<u8>,
    pub ex_prefix: Vec<u8>,
    pub ex_range: Vec<u8>,
}

struct Attr {
    code: [u8; 7],
    lat: u8,
    sites: u32,
    flags: u8,
    site_group: u8,
    lat_group: u16,
}

fn planes(rows: &[Vec<u8>], width: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * width);
    for j in 0..width {
        out.extend(rows.iter().map(|r| r[j]));
    }
    out
}

fn pad7(s: &[u8]) -> [u8; 7] {
    let mut c = [0u8; 7];
    c[..s.len()].copy_from_slice(s);
    c
}

fn pattern_ok(s: &str) -> Option<(&str, &str)> {
    let (lo, hi) = s.split_once('-').unwrap_or((s, s));
    let ok = |x: &str| !x.is_empty() && x.len() <= 7 && x.bytes().all(|c| c.is_ascii_alphanumeric());
    (ok(lo) && ok(hi)).then_some((lo, hi))
}

/// Flags of a site token ("C44:3eu"): the hex mask and its flag letter.
pub const FLAG_UNSPEC: u8 = 1;
pub const FLAG_PARTIAL: u8 = 2;
pub const FLAG_RESIDUAL: u8 = 4;

/// Parses the generator's format into the flat layout.
pub fn parse(data: &[u8]) -> Result<Tables, String> {
    let text = std::str::from_utf8(data).map_err(|e| e.to_string())?;
    let bad = |what: &str, line: &str| format!("icd10cm table: bad {what} line {line:?}");
    let mut t = Tables::default();
    let mut section = "";
    let mut codes: Vec<Vec<u8>> = Vec::new();
    let mut charsets: Vec<Vec<u8>> = Vec::new();
    let mut prev = [0u8; 7];
    let mut lat_group = 0u32;
    let mut lat_prev = [0u8; 7];
    let mut attrs: Vec<Attr> = Vec::new();
    let mut groups: Vec<Vec<[u8; 7]>> = Vec::new();
    let mut ex_prefix: Vec<(&str, &str)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix('@') {
            section = s;
            continue;
        }
        match section {
            "meta" => {
                if let Some(v) = line.strip_prefix("valid_from=") {
                    if v != "2025-10-01" {
                        return Err(format!("icd10cm table valid_from {v} does not match VALID_FROM"));
                    }
                }
                if let Some(v) = line.strip_prefix("valid_to=") {
                    if v != "2026-09-30" {
                        return Err(format!("icd10cm table valid_to {v} does not match VALID_TO"));
                    }
                }
            }
            "charsets" => {
                if line.len() > 16 || charsets.len() >= 254 {
                    return Err(bad("charset", line));
                }
                charsets.push(line.as_bytes().to_vec())
            }
            "codes" => {
                let b = line.as_bytes();
                let p = (b[0].wrapping_sub(b'0')) as usize;
                let (code, fam) = match line[1..].split_once('/') {
                    Some((c, k)) => (c, Some(k.parse::<usize>().map_err(|_| bad("code", line))?)),
                    None => (&line[1..], None),
                };
                let n = p + code.len();
                if p > 6 || n > 7 || code.is_empty() || !code.bytes().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(bad("code", line));
                }
                let mut cur = [0u8; 7];
                cur[..p].copy_from_slice(&prev[..p]);
                cur[p..n].copy_from_slice(code.as_bytes());
                if let Some(last) = codes.last() {
                    if cur[..] <= last[..7] {
                        return Err(bad("unsorted code", line));
                    }
                }
                let kind = match fam {
                    None => {
                        t.billable += 1;
                        0
                    }
                    Some(k) => {
                        let set = charsets.get(k).ok_or_else(|| bad("charset", line))?;
                        t.billable += set.len();
                        k as u8 + 1
                    }
                };
                let mut row = cur.to_vec();
                row.push(kind);
                codes.push(row);
                prev = cur;
            }
            "lat" => {
                // prefix-compressed: the first token against the previous line's
                // first code, the others against this line's first code
                let mut first = [0u8; 7];
                for (i, tok) in line.split(' ').enumerate() {
                    let b = tok.as_bytes();
                    if b.len() < 3 || lat_group >= NO_LAT_GROUP as u32 {
                        return Err(bad("lat", line));
                    }
                    let p = b[0].wrapping_sub(b'0') as usize;
                    let suffix = &b[1..b.len() - 1];
                    let n = p + suffix.len();
                    if p > 6 || n > 7 {
                        return Err(bad("lat", line));
                    }
                    let mut code = if i == 0 { lat_prev } else { first };
                    code[p..n].copy_from_slice(suffix);
                    code[n..].fill(0);
                    if i == 0 {
                        first = code;
                    }
                    attrs.push(Attr {
                        code,
                        lat: b[b.len() - 1],
                        sites: 0,
                        flags: 0,
                        site_group: NO_SITE_GROUP,
                        lat_group: lat_group as u16,
                    });
                }
                lat_prev = first;
                lat_group += 1;
            }
            "sites" => {
                let g = groups.len();
                if g >= NO_SITE_GROUP as usize {
                    return Err(bad("site", line));
                }
                let mut members = Vec::new();
                for tok in line.split(' ') {
                    let (code, rest) = tok.split_once(':').ok_or_else(|| bad("site", line))?;
                    let (hex, flags) = match rest.as_bytes().last() {
                        Some(b'u') => (&rest[..rest.len() - 1], FLAG_UNSPEC),
                        Some(b'p') => (&rest[..rest.len() - 1], FLAG_PARTIAL),
                        Some(b'r') => (&rest[..rest.len() - 1], FLAG_RESIDUAL),
                        _ => (rest, 0),
                    };
                    if code.is_empty() || code.len() > 7 {
                        return Err(bad("site", line));
                    }
                    let code = pad7(code.as_bytes());
                    attrs.push(Attr {
                        code,
                        lat: 0,
                        sites: u32::from_str_radix(hex, 16).map_err(|_| bad("site", line))?,
                        flags,
                        site_group: g as u8,
                        lat_group: NO_LAT_GROUP,
                    });
                    members.push(code);
                }
                groups.push(members);
            }
            "excludes1" => {
                let (src, tg) = line.split_once(' ').ok_or_else(|| bad("excludes1", line))?;
                let (slo, shi) = pattern_ok(src).ok_or_else(|| bad("excludes1", line))?;
                let (tlo, thi) = pattern_ok(tg).ok_or_else(|| bad("excludes1", line))?;
                if slo != shi {
                    for x in [slo, shi, tlo, thi] {
                        t.ex_range.extend_from_slice(&pad7(x.as_bytes()));
                    }
                } else {
                    ex_prefix.push((slo, tg));
                }
            }
            _ => {}
        }
    }
    if codes.is_empty() {
        return Err("icd10cm table: no codes".into());
    }
    if codes.len() > u32::MAX as usize || groups.iter().map(|g| g.len()).sum::<usize>() > u16::MAX as usize {
        return Err("icd10cm table: too large".into());
    }
    t.codes = planes(&codes, 8);
    for c in &charsets {
        let mut row = [0u8; 16];
        row[..c.len()].copy_from_slice(c);
        t.charsets.extend_from_slice(&row);
    }
    // merge lat and site attributes of the same code (stable: a later line wins)
    attrs.sort_by_key(|a| a.code);
    let mut merged: Vec<Attr> = Vec::with_capacity(attrs.len());
    for a in attrs {
        match merged.last_mut() {
            Some(m) if m.code == a.code => {
                if a.lat != 0 {
                    m.lat = a.lat;
                    m.lat_group = a.lat_group;
                }
                if a.site_group != NO_SITE_GROUP {
                    m.sites = a.sites;
                    m.flags = a.flags;
                    m.site_group = a.site_group;
                }
            }
            _ => merged.push(a),
        }
    }
    let rows: Vec<Vec<u8>> = merged
        .iter()
        .map(|a| {
            let mut r = a.code.to_vec();
            r.push(a.lat);
            r.extend_from_slice(&a.sites.to_le_bytes());
            r.push(a.flags);
            r.push(a.site_group);
            let lat_group = if a.site_group == NO_SITE_GROUP { NO_LAT_GROUP } else { a.lat_group };
            r.extend_from_slice(&lat_group.to_le_bytes());
            r
        })
        .collect();
    t.attrs = planes(&rows, 16);
    let mut members: Vec<Vec<u8>> = Vec::new();
    t.group_start.extend_from_slice(&0u16.to_le_bytes());
    for g in &groups {
        members.extend(g.iter().map(|c| c.to_vec()));
        t.group_start.extend_from_slice(&(members.len() as u16).to_le_bytes());
    }
    t.members = planes(&members, 7);
    ex_prefix.sort_by(|a, b| a.0.cmp(b.0));
    let mut last: Option<&str> = None;
    for (s, tg) in ex_prefix {
        if last == Some(s) {
            t.ex_prefix.pop();
        } else {
            t.ex_prefix.extend_from_slice(s.as_bytes());
        }
        t.ex_prefix.push(b' ');
        t.ex_prefix.extend_from_slice(tg.as_bytes());
        t.ex_prefix.push(b'\n');
        last = Some(s);
    }
    Ok(t)
}
