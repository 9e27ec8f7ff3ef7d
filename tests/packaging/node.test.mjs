// The packed package in Node 20 (ESM import and CJS require, each a separate process),
// its size budget, its CDS Hooks cards, and that errors never echo input values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { here, installed, installedDir, prepareCases, SECRET } from './helpers.mjs';

const { cases, expected } = prepareCases();

for (const [kind, file] of [['ESM import', 'esm.mjs'], ['CJS require', 'cjs.cjs']]) {
  test(`Node ${process.versions.node} ${kind}`, () => {
    const stdout = execFileSync(process.execPath, [path.join(here, 'consumers/node', file), JSON.stringify(cases[1].encounter)], { encoding: 'utf8' });
    const out = JSON.parse(stdout);
    assert.deepEqual(out.result, expected[1]);
    assert.equal(out.cards, expected[1].findings.length);
    assert.match(out.rulesVersion, /^\d{4}\.\d+$/);
    assert.equal(out.isClass, true);
    assert.equal(out.error, 'date_of_service');
  });
}

const KB = 1024;
const WASM_BUDGET = 300 * KB;
const GLUE_BUDGET = 15 * KB;

test(`size: .wasm <= ${WASM_BUDGET / KB} KB and JS glue <= ${GLUE_BUDGET / KB} KB gzipped`, () => {
  const gz = (...files) => gzipSync(Buffer.concat(files.map((f) => readFileSync(path.join(installedDir, f)))), { level: 9 }).length;
  const wasm = gz('web/chargecheck_bg.wasm');
  const browserGlue = gz('index.js', 'web/chargecheck.js');
  const nodeGlue = gz('node/index.cjs', 'node/index.mjs', 'node/chargecheck.cjs');
  const raw = statSync(path.join(installedDir, 'web/chargecheck_bg.wasm')).size;
  console.log(`# wasm ${(raw / KB).toFixed(1)} KB raw, ${(wasm / KB).toFixed(1)} KB gzipped (budget ${WASM_BUDGET / KB});` +
    ` JS glue gzipped: browser ${(browserGlue / KB).toFixed(1)} KB, node ${(nodeGlue / KB).toFixed(1)} KB (budget ${GLUE_BUDGET / KB})`);
  assert.ok(wasm <= WASM_BUDGET, `wasm is ${wasm} bytes gzipped`);
  assert.ok(browserGlue <= GLUE_BUDGET, `browser glue is ${browserGlue} bytes gzipped`);
  assert.ok(nodeGlue <= GLUE_BUDGET, `node glue is ${nodeGlue} bytes gzipped`);
});

test('the package ships one .wasm and the manifest vendors expect', () => {
  const pkg = JSON.parse(readFileSync(path.join(installedDir, 'package.json'), 'utf8'));
  assert.equal(pkg.sideEffects, false);
  assert.ok(pkg.license && pkg.repository && pkg.types && pkg.files);
  assert.deepEqual(Object.keys(pkg.exports['.']).sort(), ['default', 'node', 'types']);
  const list = execFileSync('find', [installedDir, '-name', '*.wasm'], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(list.length, 1, `one .wasm: ${list}`);
});

test('CDS Hooks cards: every field a host needs, stable ids, fixes as actions', () => {
  const v = new installed.Validator();
  const rule = v.rules().find((r) => r.overridable);
  const result = {
    status: 'blocked',
    rules_version: v.rulesVersion,
    findings: [
      { rule: rule.id, severity: 'error', category: rule.category, message: 'x'.repeat(300), charge: 1, path: 'charges[1].code', suggestion: { replace_code: '11402' } },
      { rule: rule.id, severity: 'warning', category: rule.category, message: 'fewer units than documented', charge: 0, path: null, suggestion: { set_units: 3 } },
      { rule: rule.id, severity: 'info', category: rule.category, message: 'context', charge: null, path: null, suggestion: null },
    ],
  };
  const cards = installed.toCdsHooksCards(result);
  assert.deepEqual(cards.map((c) => c.indicator), ['critical', 'warning', 'info']);
  for (const c of cards) {
    assert.match(c.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(c.summary.length > 0 && c.summary.length < 140, c.summary);
    assert.equal(c.source.label, 'chargecheck');
    assert.ok(c.detail.includes(rule.name));
  }
  assert.equal(cards[0].extension.chargecheck.charge, 1);
  assert.equal(cards[0].selectionBehavior, 'at-most-one');
  assert.deepEqual(cards[0].suggestions[0].actions[0], {
    type: 'update',
    description: 'Change the code on line 2 to 11402',
    extension: { chargecheck: { charge: 1, suggestion: { replace_code: '11402' } } },
  });
  assert.ok(cards[0].overrideReasons.length > 0 && cards[0].overrideReasons.every((r) => r.system && r.code && r.display));
  assert.equal(cards[2].suggestions, undefined);
  assert.deepEqual(installed.toCdsHooksCards(JSON.stringify(result)).map((c) => c.uuid), cards.map((c) => c.uuid));
  assert.equal(installed.toCdsHooksCards(result, { includeInfo: false, sourceLabel: 'Acme EHR' }).at(-1).source.label, 'Acme EHR');
  assert.throws(() => installed.toCdsHooksCards(result, { colour: 'red' }), (e) => installed.isChargecheckInputError(e));
});

test('privacy: input errors never echo values', () => {
  const v = new installed.Validator();
  const bad = { date_of_service: SECRET, charges: [{ code: SECRET, units: SECRET }], lesions: [{ id: 'L1', site: SECRET }], coverage: { member_id: 7 } };
  assert.throws(() => v.validate(bad), (e) => {
    assert.equal(e.name, 'ChargecheckInputError');
    assert.ok(!`${e.message} ${JSON.stringify(e.details)}`.includes(SECRET));
    return true;
  });
  assert.throws(() => v.toCdsHooksCards({ status: SECRET }), (e) => !`${e.message} ${JSON.stringify(e.details)}`.includes(SECRET));
});

test('the README examples run: payer profile, keystroke-style validation, cards', () => {
  const readme = readFileSync(path.join(installedDir, 'README.md'), 'utf8');
  const profileText = readme.match(/validator\.addPayerProfile\((\{[\s\S]*?\})\);/)[1];
  const profile = Function(`return (${profileText});`)();
  const v = new installed.Validator();
  assert.equal(v.addPayerProfile(profile), 'acme-health');
  const encounter = { ...cases[1].encounter, coverage: { ...cases[1].encounter.coverage, payer: 'acme-health' } };
  const result = v.validate(encounter, { today: '2026-11-26' });
  assert.ok(['clean', 'review', 'blocked'].includes(result.status));
  assert.ok(Array.isArray(installed.toCdsHooksCards(result, { sourceLabel: 'Charge check' })));
});

test('every method the wasm Validator has is declared in index.d.ts', () => {
  const dts = readFileSync(path.join(installedDir, 'index.d.ts'), 'utf8');
  const classBody = dts.match(/export declare class Validator \{([\s\S]*?)\n\}/)[1];
  const declared = new Set([...classBody.matchAll(/^\s+(?:readonly\s+)?(\w+)\s*[(:]/gm)].map((m) => m[1]));
  const runtime = Object.getOwnPropertyNames(installed.Validator.prototype)
    .filter((n) => n !== 'constructor' && !n.startsWith('__'));
  for (const name of runtime) assert.ok(declared.has(name), `Validator.${name} has no declaration in index.d.ts`);
});
