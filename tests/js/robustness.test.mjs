// Robustness of the built package (issue 8): a million mixed good and bad calls with the
// Validator still right after every error and its memory flat; byte-identical Results
// native and wasm; JS-only inputs (NaN, BigInt, cycles, huge strings, lone surrogates);
// no planted identifying value echoed. The Rust side is tests/robustness.rs and
// tests/fuzz.rs. The browser no-network / no-storage spy test under a strict CSP is the
// package's (tests/packaging/browser.test.mjs); it is not repeated here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from 'chargecheck';
import { root, nativeBinary } from './helpers.mjs';
import { badInputs, oversizedText } from '../../bench/inputs.mjs';
import { mixed } from '../../bench/common.mjs';

const TODAY = '2026-06-10';
const fixture = (name) => path.join(root, 'tests/fixtures', `${name}-encounter.json`);
const typical = JSON.parse(readFileSync(fixture('typical'), 'utf8'));
// CI runs 300,000 (about 25 s); the million-call run is bench/node.mjs (tools/bench.sh),
// or CHARGECHECK_MIXED_CALLS=1000000 here.
const MIXED_CALLS = Number(process.env.CHARGECHECK_MIXED_CALLS ?? 300_000);

test(`${MIXED_CALLS.toLocaleString('en-US')} mixed good and bad calls: every error structured, every Result right, memory flat`, () => {
  const v = new Validator();
  // Warm-up: the first calls may grow the heap to its working size.
  const bad = badInputs(typical);
  mixed(v, typical, bad, { calls: 10_000 });
  const before = v.memoryBytes();
  const r = mixed(v, typical, bad, { calls: MIXED_CALLS });
  assert.equal(r.wrong, 0);
  assert.equal(r.good + r.bad, MIXED_CALLS);
  assert.equal(v.memoryBytes(), before, 'wasm memory grew');
});

test('the same input gives byte-identical output, native CLI and wasm', () => {
  const v = new Validator();
  for (const name of ['typical', 'large']) {
    const native = execFileSync(nativeBinary(), ['check', fixture(name), '--today', TODAY], { encoding: 'utf8' });
    const text = readFileSync(fixture(name), 'utf8');
    const fromObject = JSON.stringify(v.validate(JSON.parse(text), { today: TODAY }));
    const fromText = JSON.stringify(v.validate(text, { today: TODAY }));
    assert.equal(fromObject, JSON.stringify(JSON.parse(native)), name);
    assert.equal(fromText, fromObject, name);
    assert.equal(JSON.stringify(new Validator().validate(text, { today: TODAY })), fromObject, `${name}, a second Validator`);
  }
  // Structured errors too.
  const bad = { date_of_service: '2026-02-30', charges: [{ code: '11402', units: 1.5 }], lesions: [{ id: 'L1', site: 'elbow' }] };
  const cli = spawnSync(nativeBinary(), ['check', '-', '--today', TODAY], { input: JSON.stringify(bad), encoding: 'utf8' });
  assert.equal(cli.status, 2);
  assert.throws(() => v.validate(bad, { today: TODAY }), (e) => {
    assert.deepEqual(e.details, JSON.parse(cli.stderr));
    return true;
  });
});

test('NaN and Infinity arrive as null (missing), as JSON.stringify writes them', () => {
  const v = new Validator();
  const withNull = structuredClone(typical);
  withNull.lesions[0].diameter_cm = null;
  withNull.charges[1].units = null;
  for (const odd of [NaN, Infinity, -Infinity]) {
    const e = structuredClone(typical);
    e.lesions[0].diameter_cm = odd;
    e.charges[1].units = odd;
    assert.deepEqual(v.validate(e, { today: TODAY }), v.validate(withNull, { today: TODAY }));
  }
});

test('values JSON cannot hold are refused with ChargecheckInputError', () => {
  const v = new Validator();
  const circular = structuredClone(typical);
  circular.self = circular;
  const throwing = { ...typical, get boom() { throw new Error('getter'); } };
  for (const input of [circular, { ...typical, n: 10n }, throwing, undefined, () => 1, Symbol('x')]) {
    assert.throws(() => v.validate(input, { today: TODAY }), (e) => e.name === 'ChargecheckInputError' && Array.isArray(e.details.fields));
  }
  assert.throws(() => v.validate(typical, { today: 'x'.repeat(1 << 22) }), /options.today/);
  assert.equal(v.validate(typical, { today: TODAY }).status, 'clean');
});

test('a string over the document limit is refused before it is copied into wasm memory', () => {
  const v = new Validator();
  v.validate(typical, { today: TODAY });
  const before = v.memoryBytes();
  const huge = oversizedText();
  for (let i = 0; i < 5; i++) {
    assert.throws(() => v.validate(huge, { today: TODAY }), (e) => e.name === 'ChargecheckInputError' && /limit is 1048576/.test(e.details.fields[0].problem));
    assert.throws(() => v.addPayerProfile(huge), (e) => e.name === 'ChargecheckInputError');
  }
  assert.equal(v.memoryBytes(), before);
});

test('unpaired surrogates: escaped by JSON.stringify they are named; raw in text they become U+FFFD', () => {
  const v = new Validator();
  const e = structuredClone(typical);
  e.coverage.member_id = 'A\uD800B';
  assert.throws(() => v.validate(e, { today: TODAY }), (err) => /unpaired UTF-16 surrogate/.test(err.details.fields[0].problem));
  const text = JSON.stringify(typical).replace('"1EG4TE5MK73"', '"A\uD800B"');
  assert.equal(v.validate(text, { today: TODAY }).status, 'clean');
});

test('planted identifying and free-text values never come back', () => {
  const SENTINEL = 'ZQXSENTINEL';
  const v = new Validator();
  const e = structuredClone(typical);
  e.coverage.member_id = `${SENTINEL}1`;
  e.coverage.payer = `${SENTINEL}2`;
  e.patient.name = `${SENTINEL} Jane Doe`;
  e.patient.mrn = `${SENTINEL}3`;
  e.note_text = `${SENTINEL} free text`;
  e.lesions[1].symptoms = [`${SENTINEL}4`];
  e.providers.rendering_npi = `${SENTINEL}5`;
  const result = v.validate(e, { today: TODAY });
  assert.ok(!JSON.stringify(result).includes(SENTINEL), JSON.stringify(result));
  for (const [field, value] of [['place_of_service', SENTINEL], ['date_of_service', SENTINEL]]) {
    const bad = { ...structuredClone(typical), [field]: value };
    try {
      const r = v.validate(bad, { today: TODAY });
      assert.ok(!JSON.stringify(r).includes(SENTINEL), field);
    } catch (err) {
      assert.ok(!`${err.message} ${JSON.stringify(err.details)}`.includes(SENTINEL), field);
    }
  }
});
