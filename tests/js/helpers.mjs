// Shared helpers for the JS tests: where things are, the native CLI, the contract's
// case-matching rule, and the pending list.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const casesDir = process.env.CHARGECHECK_CONFORMANCE_DIR ?? path.resolve(root, '../shared/conformance');
export const TODAY = '2026-11-26';

export function caseFiles() {
  return readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort();
}

export function readCase(file) {
  return JSON.parse(readFileSync(path.join(casesDir, file), 'utf8'));
}

/** The native CLI's binary: release if built, else debug. */
export function nativeBinary() {
  for (const p of ['target/release/chargecheck', 'target/debug/chargecheck']) {
    if (existsSync(path.join(root, p))) return path.join(root, p);
  }
  throw new Error('build the native CLI first (cargo build)');
}

export function nativeCaseResult(file) {
  const out = execFileSync(nativeBinary(), ['case', path.join(casesDir, file), '--today', TODAY], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** Contract section 4: every key `want` gives equals the actual value; objects recurse. */
export function matches(actual, want) {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(want).every(([k, v]) => k in actual && matches(actual[k], v));
  }
  return JSON.stringify(actual) === JSON.stringify(want);
}

export function caseFailures(result, expect) {
  const failures = [];
  if (expect.status !== undefined && result.status !== expect.status) failures.push(`status ${result.status} != ${expect.status}`);
  for (const want of expect.findings ?? []) {
    if (!result.findings.some((f) => matches(f, want))) failures.push(`no finding matches ${JSON.stringify(want)}`);
  }
  for (const unwanted of expect.absent ?? []) {
    if (result.findings.some((f) => matches(f, unwanted))) failures.push(`a finding matches absent ${JSON.stringify(unwanted)}`);
  }
  return failures;
}

export function pendingCases() {
  const text = readFileSync(path.join(root, 'tests/conformance-pending.txt'), 'utf8');
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]));
}
