// Every shared conformance case through the built npm package in Node: the wasm Result
// must be identical to the native CLI's, and non-pending cases must pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from 'chargecheck';
import { caseFiles, readCase, nativeCaseResult, caseFailures, pendingCases, TODAY } from './helpers.mjs';

const pending = pendingCases();

for (const file of caseFiles()) {
  test(`conformance ${file}`, () => {
    const c = readCase(file);
    const validator = new Validator();
    if (c.payer_profile) validator.addPayerProfile(c.payer_profile);
    const wasm = validator.validate(c.encounter, { today: TODAY });
    validator.free();
    assert.deepStrictEqual(wasm, nativeCaseResult(file), 'wasm and native Results differ');
    if (!pending.has(file)) assert.deepStrictEqual(caseFailures(wasm, c.expect), []);
  });
}
