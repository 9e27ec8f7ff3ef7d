#!/usr/bin/env python3
"""Generate chargecheck's embedded ICD-10-CM FY2026 code set (issue 3).

Usage (one documented command, run from the repository root):

    python3 tools/icd10cm/generate.py                 # fetches the wheel with `pip download`
    python3 tools/icd10cm/generate.py --wheel PATH    # uses an already downloaded wheel

Python 3 standard library only. The output is deterministic: running it twice
gives byte-identical files.

Source: PyPI package `simple-icd-10-cm` 1.5.0, which ships the official
CDC/CMS FY2026 tabular (April 1, 2026 update) as
`simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml` and the list of every
code as `simple_icd_10_cm/data/code-list-April-2026.txt`. ICD-10-CM is a US
government work in the public domain. The wheel and both members are verified
against the sha256 values pinned below before anything is generated.

Outputs (all under rules/icd10cm/):

  codeset.txt            the table embedded in the core (include_bytes!); format below
  descriptions.tsv       code<TAB>title for every code except 7th-character
                         expansions (optional asset, loaded lazily by the demo;
                         never embedded in the core)
  sample-billable.txt    5,000 official billable codes drawn with a fixed seed
  sample-nonbillable.txt 2,000 official non-billable codes (headers and codes
                         missing their 7th character) drawn with a fixed seed
  code-list-April-2026.txt
                         the official code list from the wheel, byte for byte
                         (not embedded; tests sample it at random)
  provenance.json        source package, version, sha256 of wheel / xml / txt,
                         sha256 of every generated file, command, counts

codeset.txt format (UTF-8 text, '\n' line ends, sections start with '@'):

  #...                       comment lines
  @meta                      key=value lines (version, valid_from, valid_to)
  @charsets                  one line per distinct set of allowed 7th characters;
                             referenced by 0-based line index
  @codes                     one line per code-table entry, sorted; codes are
                             stored without the dot. Each line is
                             <p><suffix>[/<k>] where <p> is one digit, the
                             length of the prefix shared with the previous
                             entry, <suffix> the rest of the code, and /<k>
                             marks a 7th-character family: the code is the
                             base (e.g. S0181), its billable codes are the base
                             padded with X to six characters plus one character
                             of charset k (S0181XA). Entries without /k are
                             billable leaves. Headers (non-billable codes with
                             children) are not stored: a valid header is
                             exactly a proper prefix (3+ characters) of some
                             entry (the generator asserts this against the
                             official list).
  @lat                       one line per laterality group (codes of one
                             category whose titles differ only in the words
                             right/left/bilateral/unspecified): space-separated
                             <p><suffix><R|L|B|U> tokens, prefix-compressed like
                             @codes: the first token's <p> counts characters
                             shared with the previous line's first code, every
                             other token's <p> those shared with its own line's
                             first code ("0C3400U 41R 42L" = C3400 unspecified,
                             C3401 right, C3402 left). This cuts the gzipped
                             wasm by about 29 KB.
  @sites                     one line per sibling group (category + title
                             "stem" with the site and laterality words
                             removed): space-separated <code>:<hex site
                             bits>[u|p|r]. u = unspecified part of the region
                             (e.g. "unspecified part of face"), p = partial
                             (covers only part of the named site word, e.g.
                             breast skin -> chest), r = residual ("other parts
                             of face"). Site bit i is the i-th site word in
                             SITE_WORDS below (the contract's order).
  @excludes1                 one line per Excludes1 reference: <source> <target>,
                             each a code prefix (C44, L23, C44.3 -> C443) or an
                             inclusive range lo-hi compared on the first
                             len(lo)/len(hi) characters (L80-L99). The source
                             is the node carrying the note (a category,
                             subcategory, block or chapter); it applies to all
                             its descendants.
"""

import argparse
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

PACKAGE = "simple-icd-10-cm"
VERSION = "1.5.0"
WHEEL_NAME = "simple_icd_10_cm-1.5.0-py3-none-any.whl"
XML_MEMBER = "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml"
TXT_MEMBER = "simple_icd_10_cm/data/code-list-April-2026.txt"
# Pinned so a changed upload can never silently change the rules.
WHEEL_SHA256 = "6d461d71dc26aedc530ae65f02cfb578a154e49507c32e8241e75f701d4b7e42"
XML_SHA256 = "f161f8182aff3ce3a2a78e202f8259c08eaee2c670a9e45b0072445c52302935"
TXT_SHA256 = "df54d9743a3499f4a4fc12882edb7ce0d975b44ada5a2a25597aa56d0c2ac1c4"

CODE_SET_VERSION = "FY2026 (April 1, 2026 update)"
VALID_FROM = "2025-10-01"
VALID_TO = "2026-09-30"
COMMAND = "python3 tools/icd10cm/generate.py"
SAMPLE_SEED = 20260401
SAMPLE_BILLABLE = 5000
SAMPLE_NONBILLABLE = 2000

# Contract site words, in contract order. Bit i of a site mask = SITE_WORDS[i]
# = crate::model::Site::ALL[i] (src/model.rs; a unit test in src/icd10cm keeps them in step).
SITE_WORDS = [
    "scalp", "forehead", "cheek", "chin", "face", "nose", "ear", "eyelid", "lip",
    "mucous_membrane", "neck", "axilla", "chest", "back", "abdomen", "trunk",
    "arm", "hand", "finger", "leg", "foot", "toe", "genitalia",
]

# ---------------------------------------------------------------------------
# Site mapping: which contract site words a body-site phrase in an ICD-10-CM
# title covers. Choices (what a coder expects when picking the code for a
# documented lesion site):
#  * "face" and "other parts of face" cover forehead, cheek, chin, face and
#    nose. Lip, eyelid and ear always have their own codes in the skin
#    categories, so they are never "face". Nose has its own code in C43/C44/C4A
#    but not in D03/D04/D22/D23, where nose is coded to "other parts of face";
#    the residual rule below removes nose from "other parts of face" only in
#    the families that have a nose code.
#  * "upper limb, including shoulder" covers arm, hand and finger: the
#    ICD-10-CM neoplasm table codes skin of hand, palm and finger to the upper
#    limb (C44.6-, D22.6-, ...). Likewise "lower limb, including hip" covers
#    leg, foot and toe (skin of foot, heel, toe -> C44.7-).
#  * "trunk" covers chest, back, abdomen, axilla and trunk: the neoplasm table
#    codes skin of axilla, breast, buttock, groin, perineum and umbilicus to
#    the trunk (C44.5-). "other part of trunk" is the same set; breast and
#    anal skin are partial (they name part of chest / trunk), so they never
#    take chest or trunk away from "other part of trunk".
#  * "scalp and neck" covers scalp and neck; "head [any part, except face]"
#    covers scalp.
#  * residual rule: within one sibling group a residual phrase ("other parts
#    of face", "trunk", "upper limb", "hand", "foot", ...) loses the sites of
#    a specific sibling whose site set is a strict subset of its own. So in
#    L02 (abscess) "upper limb" is only arm because hand (with finger) has its
#    own code; in L03 (cellulitis) "upper limb" is arm and hand because finger
#    has its own code.
#  * buttock, flank, groin, perineum, anal skin -> trunk (partial); breast,
#    chest wall -> chest; sacral region -> back; umbilicus, abdominal wall ->
#    abdomen; elbow, shoulder, forearm, upper arm, wrist -> arm; palm -> hand;
#    thigh, hip, knee, calf, lower leg, ankle -> leg; heel, midfoot, sole,
#    plantar -> foot; thumb -> finger.
#  * D17 (lipoma) "arm"/"leg" mean the whole limb (upper/lower).
#  * no site: "unspecified site", "other sites", "overlapping sites", "skin,
#    unspecified" and titles that name no body site (L57.0, L82.0, D48.5...).
# Only the categories in site_category() get sites; the injury chapter (S) is
# not mapped.
# ---------------------------------------------------------------------------
FACE = ["forehead", "cheek", "chin", "face", "nose"]
HEAD = ["scalp"] + FACE + ["ear", "eyelid", "lip"]
TRUNK = ["chest", "back", "abdomen", "axilla", "trunk"]
UPPER = ["arm", "hand", "finger"]
LOWER = ["leg", "foot", "toe"]

# (regex, sites, flag) tried in order at each position; flag: '' specific,
# 'u' unspecified part of the region, 'r' residual, 'p' partial.
SITE_PHRASES = [
    (r"face, head,? and neck|head, face,? and neck", HEAD + ["neck"], ""),
    (r"scalp and neck", ["scalp", "neck"], ""),
    (r"face and neck", FACE + ["neck"], ""),
    (r"head \[any part, except face\]", ["scalp"], ""),
    (r"other and unspecified parts? of face", FACE, "u"),
    (r"unspecified parts? of face", FACE, "u"),
    (r"other parts? of face", FACE, "r"),
    (r"face", FACE, "r"),
    (r"head", HEAD, "r"),
    (r"scalp", ["scalp"], ""),
    (r"(?:external )?nose", ["nose"], ""),
    (r"(?:upper |lower )?eyelid(?:, including canthus)?", ["eyelid"], ""),
    (r"ear and external auricular canal|external ear|ear", ["ear"], ""),
    (r"lips?", ["lip"], ""),
    (r"oral mucosa|mucous membranes?|mucosa", ["mucous_membrane"], ""),
    (r"neck", ["neck"], ""),
    (r"axillae|axilla", ["axilla"], ""),
    (r"chest wall|chest", ["chest"], ""),
    (r"breast(?: \(skin\)(?: \(soft tissue\))?)?", ["chest"], "p"),
    (r"back \[any part,? except buttock(?: and flank)?\]", ["back"], ""),
    (r"unspecified part of back", ["back"], "u"),
    (r"(?:upper |lower )?back", ["back"], ""),
    (r"sacral region", ["back"], "p"),
    (r"abdominal wall|abdomen", ["abdomen"], ""),
    (r"umbilicus", ["abdomen"], "p"),
    (r"other part of trunk", TRUNK, "r"),
    (r"trunk, unspecified", TRUNK, "u"),
    (r"trunk", TRUNK, "r"),
    (r"anal skin|perianal (?:skin|area)|perineum|groin|buttocks?|flank", ["trunk"], "p"),
    (r"genitalia|genital organs?|scrotum|penis|vulva", ["genitalia"], ""),
    (r"upper limb, including shoulder|upper limb|upper extremity|arm", UPPER, "r"),
    (r"lower limb, including hip|lower limb|lower extremity|leg", LOWER, "r"),
    (r"limb, unspecified|unspecified part of limb", UPPER + LOWER, "u"),
    (r"other parts of limb|limbs?", UPPER + LOWER, "r"),
    (r"upper arm|forearm|elbow|shoulder|wrist", ["arm"], "p"),
    (r"palms?", ["hand"], "p"),
    (r"hands?", ["hand", "finger"], "r"),
    (r"thumb|fingers?", ["finger"], ""),
    (r"thigh|hip|knee|calf|lower leg|ankle", ["leg"], "p"),
    (r"heel and midfoot|heel|midfoot|other part of foot|soles?|plantar", ["foot"], "p"),
    (r"feet|foot", ["foot", "toe"], "r"),
    (r"toes?", ["toe"], ""),
]
LAT_WORD = r"(?:(?:right|left|bilateral|unspecified)\s+)?"
SITE_RE = re.compile(
    r"(?<![a-z])" + LAT_WORD + "(?:" + "|".join("(" + p + ")" for p, _, _ in SITE_PHRASES) + r")(?![a-z])"
)


def shared_prefix(a, b):
    """Characters two codes share at the start, as one digit (at most len(b) - 1,
    so every suffix keeps at least one character)."""
    p = 0
    while p < min(len(a), len(b), 9) and a[p] == b[p]:
        p += 1
    return min(p, len(b) - 1)


def compress_lat(groups):
    """@lat lines from sorted [(code, side), ...] groups (format in the docstring)."""
    lines = []
    prev = ""
    for members in groups:
        first = members[0][0]
        toks = []
        for i, (c, w) in enumerate(members):
            p = shared_prefix(prev if i == 0 else first, c)
            toks.append(f"{p}{c[p:]}{w}")
        lines.append(" ".join(toks))
        prev = first
    return lines


def site_category(cat):
    """Categories whose titles get site words."""
    return cat[0] == "L" or cat in {
        "C43", "C44", "C4A", "D03", "D04", "D17", "D22", "D23", "B07",
    }


def site_info(title):
    """-> (mask, flag, stem) for a title; mask 0 when it names no site."""
    low = title.lower()
    mask = 0
    flags = set()
    parts = []
    pos = 0
    for m in SITE_RE.finditer(low):
        idx = next(i for i in range(len(SITE_PHRASES)) if m.group(i + 1) is not None)
        _, sites, flag = SITE_PHRASES[idx]
        for s in sites:
            mask |= 1 << SITE_WORDS.index(s)
        if flag:
            flags.add(flag)
        parts.append(low[pos:m.start()])
        parts.append("{S}")
        pos = m.end()
    parts.append(low[pos:])
    stem = "".join(parts)
    # "of skin of {S}" and "of {S}" (anal skin, breast) are the same family
    stem = stem.replace("skin of {S}", "{S}").replace(" of the {S}", " {S}").replace(" of {S}", " {S}")
    stem = re.sub(r"\s+", " ", re.sub(r"\b(right|left|bilateral)\b", " ", stem)).strip()
    flag = ""
    for f in ("u", "p", "r"):  # precedence when a title has several phrases
        if f in flags:
            flag = f
            break
    if mask and len(flags) > 1 and "u" not in flags:
        flag = "p" if "p" in flags else flag
    return mask, flag, stem


LAT_RE = re.compile(r"\b(right|left|bilateral|unspecified)\b")


def lat_key(title):
    t = LAT_RE.sub(" ", title.lower())
    return re.sub(r"\s+", " ", t).strip()


def lat_word(title):
    words = set(LAT_RE.findall(title.lower()))
    if "bilateral" in words:
        return "B"
    if "right" in words and "left" not in words:
        return "R"
    if "left" in words and "right" not in words:
        return "L"
    if "unspecified" in words and not ({"right", "left"} & words):
        return "U"
    return None


# ---------------------------------------------------------------------------


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(tmp):
    cmd = [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps",
           "--only-binary=:all:", "-d", tmp]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    path = os.path.join(tmp, WHEEL_NAME)
    if not os.path.exists(path):
        sys.exit(f"pip did not produce {WHEEL_NAME} in {tmp}")
    return path


def dotted(c):
    return c if len(c) <= 3 else c[:3] + "." + c[3:]


def parse_ref(tok):
    """A code reference from an Excludes1 note -> pattern string or None.
    'C44.-' -> 'C44'; 'C44.31' -> 'C4431'; 'L80-L99' -> 'L80-L99'."""
    tok = tok.strip().rstrip(".")
    m = re.fullmatch(r"([A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)\.?-?\s*-\s*([A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)\.?-?", tok)
    if m:
        lo = m.group(1).replace(".", "")
        hi = m.group(2).replace(".", "")
        if lo == hi:
            return lo
        if lo > hi:
            return None
        return lo + "-" + hi
    m = re.fullmatch(r"([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-)?", tok)
    if m:
        return m.group(1).replace(".", "")
    return None


CODE_TOKEN = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?(?:\.?-)?"
REF_RE = re.compile(CODE_TOKEN + r"(?:\s*-\s*" + CODE_TOKEN + r")?")


def note_refs(text):
    """Code references in an Excludes1 note. Notes that qualify their codes
    ("with seventh character A", "with 5th character 1", "with final
    characters") are skipped: applying the bare reference would over-exclude."""
    if re.search(r"\bwith\b[^()]*\bcharacters?\b|\bcharacters?\b", text):
        return None
    refs = []
    for group in re.findall(r"\(([^()]*)\)", text):
        for tok in re.split(r",\s*", group):
            tok = tok.strip()
            if not tok:
                continue
            if not re.fullmatch(r"(?:" + CODE_TOKEN + r")(?:\s*-\s*" + CODE_TOKEN + r")?", tok):
                continue
            p = parse_ref(tok)
            if p:
                refs.append(p)
    return refs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", help="path to simple_icd_10_cm-1.5.0-py3-none-any.whl (else pip download)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules", "icd10cm"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)

    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = args.wheel or fetch_wheel(tmp)
        wheel = open(wheel_path, "rb").read()
    if sha256(wheel) != WHEEL_SHA256:
        sys.exit(f"wheel sha256 {sha256(wheel)} != pinned {WHEEL_SHA256}")
    z = zipfile.ZipFile(io.BytesIO(wheel))
    xml_bytes = z.read(XML_MEMBER)
    txt_bytes = z.read(TXT_MEMBER)
    if sha256(xml_bytes) != XML_SHA256 or sha256(txt_bytes) != TXT_SHA256:
        sys.exit("member sha256 mismatch")

    # ---- official list -----------------------------------------------------
    lines = [l.strip() for l in txt_bytes.decode("utf-8").split("\n") if l.strip()]
    # drop chapters and blocks; a block named by a single category (B99) repeats that code
    codes = sorted({l for l in lines if "-" not in l and not l.isdigit()})
    code_set = set(codes)
    prefixes = set()
    for c in codes:
        for i in range(3, len(c)):
            prefixes.add(c[:i])
    billable = sorted(c for c in codes if c not in prefixes)
    non_billable = sorted(c for c in codes if c in prefixes)

    # ---- tabular XML -------------------------------------------------------
    root = ET.fromstring(xml_bytes)
    version = root.findtext("version")
    assert version == "2026", version
    titles = {}
    parent = {}
    seven = {}  # code -> dict of 7th chars defined at that node
    excl = []  # (source pattern, note text)

    def node_pattern(el):
        if el.tag == "diag":
            return el.findtext("name").replace(".", "")
        if el.tag == "section":
            sid = el.get("id")
            return sid.replace(".", "")
        if el.tag == "chapter":
            secs = [s.get("id") for s in el.findall("section")]
            lo = secs[0].split("-")[0]
            hi = secs[-1].split("-")[-1]
            return lo if lo == hi else lo + "-" + hi
        return None

    def walk(el, par, seven_anc):
        name = el.findtext("name").replace(".", "") if el.tag == "diag" else None
        sd = el.find("sevenChrDef")
        cur_seven = seven_anc
        if sd is not None:
            cur_seven = {e.get("char"): (e.text or "") for e in sd.findall("extension")}
        if el.tag in ("diag", "section", "chapter"):
            pat = node_pattern(el)
            for ex in el.findall("excludes1"):
                for n in ex.findall("note"):
                    if n.text:
                        excl.append((pat, n.text))
        if name:
            titles[name] = el.findtext("desc")
            parent[name] = par
            kids = el.findall("diag")
            if not kids and cur_seven:
                seven[name] = cur_seven
        for ch in el:
            if ch.tag in ("section", "diag"):
                walk(ch, name if name else par, cur_seven)

    for chap in root.findall("chapter"):
        walk(chap, None, None)

    # ---- code table: leaves + 7th-character families -------------------------
    bill_set = set(billable)
    entries = {}  # code -> None (leaf) or charset string
    for c in billable:
        if len(c) == 7 and c not in titles:
            base6 = c[:6]
            base = base6.rstrip("X")
            while base not in seven and len(base) < 6:
                base = base6[: len(base) + 1]
            assert base in seven, c
            assert base.ljust(6, "X") == base6, c
            entries.setdefault(base, set()).add(c[6])
        else:
            assert c in titles, c
            assert c not in seven, c
            entries[c] = None
    for b, chars in entries.items():
        if chars is not None:
            assert set(chars) <= set(seven[b]), b
            assert b in code_set and b not in bill_set
    # every non-billable official code is a proper prefix of an entry, and vice versa
    ent_prefixes = set()
    for e in entries:
        for i in range(3, len(e)):
            ent_prefixes.add(e[:i])
    families = {b for b, v in entries.items() if v is not None}
    nb_derived = ent_prefixes | families
    assert nb_derived == set(non_billable), (len(nb_derived), len(non_billable),
                                             sorted(nb_derived ^ set(non_billable))[:20])
    # the XML and the list agree on every non-expansion code
    non_exp = set(titles)
    assert non_exp == set(c for c in codes if not (len(c) == 7 and c not in titles)), "xml/list mismatch"

    charsets = sorted({"".join(sorted(v)) for v in entries.values() if v is not None},
                      key=lambda s: (len(s), s))
    cs_index = {s: i for i, s in enumerate(charsets)}

    # ---- laterality --------------------------------------------------------
    lat_groups = {}
    for c in sorted(titles):
        w = lat_word(titles[c])
        if w is None:
            continue
        lat_groups.setdefault((c[:3], lat_key(titles[c])), []).append((c, w))
    lat_lines = []
    for key in sorted(lat_groups, key=lambda k: (lat_groups[k][0][0], k)):
        members = lat_groups[key]
        # a header whose title reads like its children (C34.9 "unspecified
        # part of bronchus or lung" vs C34.90) takes no side
        members = [(c, w) for c, w in members
                   if not any(o != c and o.startswith(c) for o, _ in members)]
        sides = {w for _, w in members}
        if not {"R", "L"} <= sides:
            continue  # a lone "right ..." (e.g. right heart failure) is not a side
        lat_lines.append(sorted(members))
    lat_lines = compress_lat(lat_lines)

    # ---- sites -------------------------------------------------------------
    site_groups = {}
    for c in sorted(titles):
        if not site_category(c[:3]):
            continue
        mask, flag, stem = site_info(titles[c])
        if not mask:
            continue
        site_groups.setdefault((c[:3], stem), []).append([c, mask, flag])
    for key, members in site_groups.items():
        orig = [(o[1], o[2]) for o in members]
        for m in members:
            if m[2] != "r":
                continue
            sub = 0
            mine = m[1]
            for omask, oflag in orig:
                if oflag in ("u", "p"):
                    continue
                if omask & mine == omask and omask != mine:
                    sub |= omask
            if m[1] & ~sub:
                m[1] &= ~sub
            else:
                # every part has its own sibling ("unspecified limb"): the
                # code is the unspecified one of the region
                m[2] = "u"
    site_lines = []
    for key in sorted(site_groups, key=lambda k: (site_groups[k][0][0], k)):
        site_lines.append(" ".join(f"{c}:{mask:x}{flag}" for c, mask, flag in site_groups[key]))

    # ---- Excludes1 ---------------------------------------------------------
    ex_pairs = set()
    skipped = 0
    for src, text in excl:
        refs = note_refs(text)
        if refs is None:
            skipped += 1
            continue
        for r in refs:
            if r != src:
                ex_pairs.add((src, r))
    ex_lines = [f"{a} {b}" for a, b in sorted(ex_pairs)]

    # ---- write codeset.txt ---------------------------------------------------
    buf = []
    buf.append("#chargecheck ICD-10-CM code set; generated by tools/icd10cm/generate.py; do not edit")
    buf.append("#source: PyPI simple-icd-10-cm 1.5.0 (CDC/CMS FY2026 tabular, April 1 2026 update; public domain)")
    buf.append("@meta")
    buf.append("version=" + CODE_SET_VERSION)
    buf.append("valid_from=" + VALID_FROM)
    buf.append("valid_to=" + VALID_TO)
    buf.append("@charsets")
    buf.extend(charsets)
    buf.append("@codes")
    prev = ""
    for c in sorted(entries):
        p = 0
        while p < min(len(prev), len(c), 9) and prev[p] == c[p]:
            p += 1
        p = min(p, len(c) - 1)  # keep at least one suffix character
        line = f"{p}{c[p:]}"
        if entries[c] is not None:
            line += f"/{cs_index[''.join(sorted(entries[c]))]}"
        buf.append(line)
        prev = c
    buf.append("@lat")
    buf.extend(lat_lines)
    buf.append("@sites")
    buf.extend(site_lines)
    buf.append("@excludes1")
    buf.extend(ex_lines)
    codeset = ("\n".join(buf) + "\n").encode("utf-8")

    # ---- descriptions.tsv ----------------------------------------------------
    desc = ["code\ttitle"]
    for c in sorted(titles):
        desc.append(f"{dotted(c)}\t{titles[c]}")
    descriptions = ("\n".join(desc) + "\n").encode("utf-8")

    # ---- samples -----------------------------------------------------------
    rng = random.Random(SAMPLE_SEED)
    sb = sorted(rng.sample(billable, SAMPLE_BILLABLE))
    snb = sorted(rng.sample(non_billable, SAMPLE_NONBILLABLE))
    sample_b = ("".join(dotted(c) + "\n" for c in sb)).encode()
    sample_nb = ("".join(dotted(c) + "\n" for c in snb)).encode()

    files = {
        "codeset.txt": codeset,
        "descriptions.tsv": descriptions,
        "sample-billable.txt": sample_b,
        "sample-nonbillable.txt": sample_nb,
        # the official list itself, verbatim (its sha256 is TXT_SHA256): tests draw
        # their own random samples from it (tests/icd_checks.rs)
        "code-list-April-2026.txt": txt_bytes,
    }
    os.makedirs(out, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    prov = {
        "generator": "tools/icd10cm/generate.py",
        "command": COMMAND,
        "source": {
            "registry": "PyPI",
            "package": PACKAGE,
            "version": VERSION,
            "wheel": WHEEL_NAME,
            "wheel_sha256": WHEEL_SHA256,
            "tabular_xml": XML_MEMBER,
            "tabular_xml_sha256": XML_SHA256,
            "code_list": TXT_MEMBER,
            "code_list_sha256": TXT_SHA256,
            "license": "ICD-10-CM is a US government work (CDC/NCHS, CMS); public domain",
        },
        "code_set": {
            "version": CODE_SET_VERSION,
            "valid_from": VALID_FROM,
            "valid_to": VALID_TO,
            "billable_codes": len(billable),
            "non_billable_codes": len(non_billable),
            "table_entries": len(entries),
            "seventh_character_families": len(families),
            "charsets": len(charsets),
            "laterality_groups": len(lat_lines),
            "site_groups": len(site_lines),
            "excludes1_references": len(ex_lines),
            "excludes1_notes_skipped_qualified": skipped,
        },
        "samples": {"seed": SAMPLE_SEED, "billable": SAMPLE_BILLABLE, "non_billable": SAMPLE_NONBILLABLE},
        "files": {name: {"sha256": sha256(data), "bytes": len(data)} for name, data in sorted(files.items())},
    }
    with open(os.path.join(out, "provenance.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(prov, f, indent=2, sort_keys=False)
        f.write("\n")
    print(json.dumps(prov["code_set"], indent=2), file=sys.stderr)
    print(json.dumps(prov["files"], indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
