// Shared by the demo tests: paths, the built package under Node, and which rule packs
// are loaded (the demo is written against packs other issues deliver).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const demoDir = path.join(root, 'js-demo');
export const artifactsDir = path.join(root, 'artifacts');

/** CHARGECHECK_E2E_STRICT=1 turns every "pack not loaded yet" skip into a failure. */
export const STRICT = process.env.CHARGECHECK_E2E_STRICT === '1';

export async function nodeValidator() {
  const require = createRequire(import.meta.url);
  const pkg = require(path.join(root, 'pkg/node/index.cjs'));
  return pkg.createValidator();
}

/**
 * Which issues' rule packs the built package carries, judged from what it exposes:
 * 9 (procedures) ships suggestCharges with its pack; 4 (E/M and modifiers) adds
 * modifier rules; 5 (claim readiness) authorization rules; 3 (ICD-10-CM) code-validity
 * rules beyond the claim-data pack's.
 */
export function landedIssues(validator) {
  const rules = validator.rules();
  const landed = new Set();
  if (typeof validator.suggestCharges === 'function') landed.add(9);
  if (rules.some((r) => r.category === 'modifier')) landed.add(4);
  if (rules.some((r) => r.category === 'authorization')) landed.add(5);
  if (rules.some((r) => r.category === 'code_validity' && !r.id.startsWith('claim.'))) landed.add(3);
  return landed;
}

/** Contract section 4 matching: every key `want` gives equals the actual value; objects recurse. */
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
  return failures;
}
