// The package's public surface in Node: ESM and CJS entries, errors, rules metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Validator, createValidator } from 'chargecheck';

test('ESM: createValidator and rulesVersion', async () => {
  const v = await createValidator();
  assert.match(v.rulesVersion, /^\d{4}\.\d+$/);
  assert.ok(v.rules().length > 0);
});

test('CJS: require gives the same API', () => {
  const cjs = createRequire(import.meta.url)('chargecheck');
  const v = new cjs.Validator();
  assert.equal(typeof v.validate, 'function');
});

test('bad input throws a structured error naming every bad field', () => {
  const v = new Validator();
  const bad = { date_of_service: '2026-02-30', charges: [{ code: 11402, units: 1.5 }], lesions: [{ id: 'L1', site: 'elbow' }] };
  assert.throws(() => v.validate(bad), (e) => {
    assert.equal(e.name, 'ChargecheckInputError');
    const paths = e.details.fields.map((f) => f.path).sort();
    assert.deepEqual(paths, ['charges[0].code', 'charges[0].units', 'date_of_service', 'lesions[0].site']);
    return true;
  });
  // still usable after an error; a minimal encounter lacks only its place of service
  const after = v.validate({ date_of_service: '2026-04-07', place_of_service: '11', charges: [] }, { today: '2026-11-26' });
  assert.deepEqual(after, { status: 'clean', rules_version: v.rulesVersion, findings: [] });
});

test('JSON text and objects give the same Result', () => {
  const v = new Validator();
  const enc = { date_of_service: '2026-04-07', place_of_service: '99x', charges: [] };
  assert.deepEqual(v.validate(JSON.stringify(enc), { today: '2026-11-26' }), v.validate(enc, { today: '2026-11-26' }));
});

test('payer profiles are validated by path', () => {
  const v = new Validator();
  assert.throws(() => v.addPayerProfile({ id: 'x', filing_limit_days: 'ninety' }), (e) => {
    const paths = e.details.fields.map((f) => f.path).sort();
    assert.deepEqual(paths, ['eligibility_max_age_days', 'filing_limit_days', 'wants_modifier_51']);
    return true;
  });
});
