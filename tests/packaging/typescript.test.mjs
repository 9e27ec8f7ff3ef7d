// tsc --strict consumers compile against the installed package's types: a bundler-style
// project, Node ESM and CJS (nodenext), every conformance case typed as Encounter /
// PayerProfile with its Result typed as CheckResult, and a file of mistakes that must NOT
// compile (so the types cannot be `any`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { here, casesDir, installed, TODAY } from './helpers.mjs';

const tsDir = path.join(here, 'consumers/ts');
const tsc = path.join(here, 'node_modules/typescript/bin/tsc');

function compile(config) {
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(tsDir, config)], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

test('every conformance case is an Encounter and every Result a CheckResult', () => {
  const v = new installed.Validator();
  const lines = ["import type { CheckResult, Encounter, PayerProfile } from 'chargecheck';", ''];
  readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort().forEach((file, i) => {
    const c = JSON.parse(readFileSync(path.join(casesDir, file), 'utf8'));
    if (c.payer_profile) {
      v.addPayerProfile(c.payer_profile);
      lines.push(`export const profile${i} = ${JSON.stringify(c.payer_profile)} satisfies PayerProfile;`);
    }
    lines.push(`// ${file}`, `export const encounter${i} = ${JSON.stringify(c.encounter)} satisfies Encounter;`);
    lines.push(`export const result${i} = ${JSON.stringify(v.validate(c.encounter, { today: TODAY }))} satisfies CheckResult;`);
  });
  writeFileSync(path.join(tsDir, 'generated-cases.ts'), `${lines.join('\n')}\n`);
  const { ok, output } = compile('tsconfig.bundler.json');
  assert.ok(ok, output);
});

test('Node ESM (.mts) and CJS (.cts) consumers compile with nodenext', () => {
  const { ok, output } = compile('tsconfig.node.json');
  assert.ok(ok, output);
});

test('mistakes do not compile', () => {
  const { ok, output } = compile('tsconfig.wrong.json');
  assert.equal(ok, false);
  const errorLines = new Set([...output.matchAll(/wrong\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  const expectedLines = readFileSync(path.join(tsDir, 'wrong.ts'), 'utf8').split('\n')
    .map((l, i) => (l.startsWith('export const') ? i + 1 : 0)).filter(Boolean);
  assert.deepEqual([...errorLines].sort((a, b) => a - b), expectedLines, output);
});
