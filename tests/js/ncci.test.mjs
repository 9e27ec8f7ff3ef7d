// loadNcciEdits: the official CMS practitioner files (Latin-1, read as the vendor would)
// replace the shipped NCCI subset at run time, through the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createValidator } from 'chargecheck';
import { root } from './helpers.mjs';

const fixture = (name) =>
  new TextDecoder('latin1').decode(readFileSync(path.join(root, 'tests/fixtures/ncci', name)));

test('loadNcciEdits reads the CMS layouts and the MUE edit fires', async () => {
  const v = await createValidator();
  const ptp = fixture('ccipra-v322r0-f1.excerpt.TXT') + fixture('ccipra-v322r0-f2.excerpt.TXT');
  const mue = fixture('MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv');
  assert.deepEqual(v.loadNcciEdits(ptp, mue), { ptpRows: 8, mueRows: 4 });
  assert.deepEqual(v.loadNcciEdits(null, null), { ptpRows: 8, mueRows: 4 }, 'null keeps a table');
  const encounter = {
    date_of_service: '2026-07-01',
    diagnoses: [{ code: 'D48.5' }],
    charges: [
      { code: '11104', units: 1, diagnosis_pointers: [1] },
      { code: '11104', units: 1, modifiers: ['XS'], diagnosis_pointers: [1] },
    ],
  };
  const mueFindings = v.validate(encounter, { today: '2026-07-02' }).findings.filter((f) => f.rule === 'ncci.mue-units');
  assert.equal(mueFindings.length, 1);
  assert.equal(mueFindings[0].charge, 1);
  assert.deepEqual(mueFindings[0].suggestion, { remove_charge: true });
});

test('a bad NCCI file throws a structured error naming its line and changes nothing', async () => {
  const v = await createValidator();
  assert.throws(
    () => v.loadNcciEdits('11402\t11104\t\t2026-04-01\t*\t1\tx\r\n', null),
    (e) => e.name === 'ChargecheckInputError' && e.details.fields[0].path === 'ncci.ptp:line 1',
  );
  const pair = {
    date_of_service: '2026-07-01',
    diagnoses: [{ code: 'C44.619' }],
    charges: [
      { code: '13121', units: 1, diagnosis_pointers: [1] },
      { code: '13120', units: 1, diagnosis_pointers: [1] },
    ],
  };
  const f = v.validate(pair, { today: '2026-07-02' }).findings.filter((x) => x.rule === 'ncci.ptp-pair');
  assert.equal(f.length, 1, 'the shipped 13121/13120 edit is still loaded');
});
