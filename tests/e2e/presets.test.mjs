// Every demo preset is valid input and draws the findings the page's story promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS } from '../../js-demo/lib/presets.js';
import { nodeValidator, caseFailures } from './helpers.mjs';

const validator = await nodeValidator();

test('there are at least six presets with the required scenarios', () => {
  assert.ok(PRESETS.length >= 6);
  const ids = PRESETS.map((p) => p.id);
  for (const id of ['em-destruction', 'excision-repair', 'mohs', 'biopsies', 'global-period', 'prior-auth']) assert.ok(ids.includes(id), id);
  assert.ok(PRESETS.find((p) => p.id === 'global-period').encounter.prior_procedures.length > 0);
  assert.ok(PRESETS.find((p) => p.id === 'prior-auth').payer_profile.authorization_required.length > 0);
});

for (const preset of PRESETS) {
  test(`preset ${preset.id} decodes and validates`, () => {
    if (preset.payer_profile) assert.equal(validator.addPayerProfile(preset.payer_profile), preset.payer_profile.id);
    const result = validator.validate(preset.encounter, { today: preset.encounter.signed_on });
    assert.ok(['clean', 'review', 'blocked'].includes(result.status));
    for (const f of result.findings) assert.notEqual(f.severity, undefined);
  });

  test(`preset ${preset.id} draws what its story says`, () => {
    if (preset.payer_profile) validator.addPayerProfile(preset.payer_profile);
    const result = validator.validate(preset.encounter, { today: preset.encounter.signed_on });
    assert.deepEqual(caseFailures(result, preset.expect), [], JSON.stringify(result.findings, null, 1));
  });
}
