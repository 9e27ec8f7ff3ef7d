#!/usr/bin/env python3
"""Generates an NDJSON file of encounters for `chargecheck audit` throughput tests.

    python3 tools/gen-audit-ndjson.py LINES OUT.ndjson [--templates DIR] [--seed N]

Encounters are the shared conformance cases' encounters (DIR, default
../shared/conformance) or, without them, rules/examples/*.json, varied line by line:
rendering NPI (40 providers with valid check digits), payer (Medicare, Medicaid,
commercial and two named plans), date of service across 2025-2026, signing lag (mostly
0-3 days, a long tail to past a year), eligibility-check age, and about one malformed
line in 50,000. Deterministic for a given seed. No patient data: member ids are
synthetic.
"""

import argparse
import glob
import json
import os
import random
import sys
from datetime import date, timedelta


def npi_check_digit(nine: str) -> str:
    digits = [int(c) for c in "80840" + nine]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def templates(directory: str):
    found = []
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path) as f:
            doc = json.load(f)
        found.append(doc.get("encounter", doc))
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("lines", type=int)
    ap.add_argument("out")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--templates", default=os.path.join(here, "..", "..", "shared", "conformance"))
    ap.add_argument("--seed", type=int, default=20260407)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    bases = templates(args.templates) or templates(os.path.join(here, "..", "rules", "examples"))
    if not bases:
        print("no template encounters found", file=sys.stderr)
        return 1
    npis = []
    while len(npis) < 40:
        nine = "1" + "".join(rng.choice("0123456789") for _ in range(8))
        npis.append(nine + npi_check_digit(nine))
    payers = [("medicare", "medicare")] * 5 + [("medicaid", "medicaid")] * 2 + [
        ("commercial", "commercial"),
        ("harborview-ppo", "commercial"),
        ("summit-ma", "medicare_advantage"),
    ]
    first = date(2025, 1, 1)
    with open(args.out, "w") as out:
        for i in range(args.lines):
            if rng.random() < 1 / 50000:
                out.write('{"date_of_service": "2026-02-30", "charges": []}\n')
                continue
            e = json.loads(json.dumps(rng.choice(bases)))  # deep copy
            dos = first + timedelta(days=rng.randrange(0, 700))
            lag = rng.choice([0] * 6 + [1, 1, 2, 3, 5, 8]) if rng.random() < 0.97 else rng.randrange(0, 420)
            payer, plan = rng.choice(payers)
            e["date_of_service"] = dos.isoformat()
            e["signed_on"] = (dos + timedelta(days=lag)).isoformat()
            e.setdefault("providers", {})["rendering_npi"] = rng.choice(npis)
            cov = e.setdefault("coverage", {})
            cov.update(payer=payer, plan_type=plan, member_id=f"SYN{i:09d}", effective="2015-01-01", terminates=None)
            age = rng.choice([0, 0, 0, 1, 7, 20, 45])
            cov["eligibility_checked_on"] = (dos - timedelta(days=age)).isoformat()
            for p in e.get("prior_procedures", []):
                p["date"] = (dos - timedelta(days=5)).isoformat()
            out.write(json.dumps(e, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
