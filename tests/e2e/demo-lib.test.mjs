// The page's pure modules: paths, applying every suggestion kind, the ICD-10-CM search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePath, formatPath, getAt, setAt, ancestors } from '../../js-demo/lib/paths.js';
import {
  applySuggestion, describeSuggestion, SUGGESTION_KINDS, removeCharge, removeDiagnosis, removeLesion, removeProcedure, withOverrides, nextId,
} from '../../js-demo/lib/apply.js';
import { parseDescriptions, searchCodes, titleOf } from '../../js-demo/lib/icd.js';
import { PRESETS } from '../../js-demo/lib/presets.js';
import { root } from './helpers.mjs';

const base = () => structuredClone(PRESETS.find((p) => p.id === 'em-destruction').encounter);

test('paths parse, format, read and write', () => {
  assert.deepEqual(parsePath('charges[1].diagnosis_pointers[0]'), ['charges', 1, 'diagnosis_pointers', 0]);
  assert.equal(formatPath(['lesions', 0, 'diameter_cm']), 'lesions[0].diameter_cm');
  const enc = base();
  assert.equal(getAt(enc, 'lesions[1].site'), 'scalp');
  setAt(enc, 'visit.mdm.risk', 'high');
  assert.equal(enc.visit.mdm.risk, 'high');
  setAt(enc, 'coverage.terminates', '2027-01-01');
  assert.equal(enc.coverage.terminates, '2027-01-01');
  assert.deepEqual(ancestors('charges[0].modifiers[1]'), ['charges[0].modifiers[1]', 'charges[0].modifiers', 'charges[0]', 'charges']);
});

test('every suggestion kind of the contract is applied to the right line', () => {
  const enc = base();
  const f = (charge, suggestion) => ({ charge, suggestion });
  let e = applySuggestion(enc, f(1, { replace_code: '17004' }));
  assert.equal(e.charges[1].code, '17004');
  assert.equal(enc.charges[1].code, '17000', 'the input is not mutated');
  e = applySuggestion(enc, f(0, { add_modifier: '25' }));
  assert.deepEqual(e.charges[0].modifiers, ['25']);
  assert.deepEqual(applySuggestion(e, f(0, { add_modifier: '25' })).charges[0].modifiers, ['25'], 'no duplicate modifier');
  assert.deepEqual(applySuggestion(e, f(0, { remove_modifier: '25' })).charges[0].modifiers, []);
  assert.deepEqual(applySuggestion(e, f(0, { replace_modifier: { from: '25', to: '57' } })).charges[0].modifiers, ['57']);
  assert.equal(applySuggestion(enc, f(2, { set_units: 4 })).charges[2].units, 4);
  e = applySuggestion(enc, f(1, { add_charge: { code: '17003', units: 2, modifiers: [] } }));
  assert.equal(e.charges.length, 4);
  assert.deepEqual(e.charges[3], { code: '17003', modifiers: [], units: 2, diagnosis_pointers: [2], procedures: ['P1'] },
    'an added line bills the procedures and diagnoses of the line the finding concerns');
  e = applySuggestion(enc, f(1, { remove_charge: true }));
  assert.deepEqual(e.charges.map((c) => c.code), ['99214', '17003']);
  e = applySuggestion(enc, f(0, { add_diagnosis: 'L82.0' }));
  assert.deepEqual(e.diagnoses.map((d) => d.code), ['L40.0', 'L57.0', 'L82.0']);
  assert.deepEqual(e.charges[0].diagnosis_pointers, [1, 3], 'the new diagnosis is pointed to from the line');
  assert.equal(applySuggestion(enc, f(0, { add_diagnosis: 'L570' })).diagnoses.length, 2, 'dot-insensitive: L57.0 is listed');
  e = applySuggestion(enc, f(1, { replace_diagnosis: { from: 'L57.0', to: 'L57.1' } }));
  assert.deepEqual(e.diagnoses.map((d) => d.code), ['L40.0', 'L57.1']);
  assert.ok(e.lesions.every((l) => l.diagnosis === 'L57.1'), 'lesions follow the replaced diagnosis');
  e = applySuggestion(enc, f(1, { replace_diagnosis: { from: 'L57.0', to: 'L40.0' } }));
  assert.deepEqual(e.diagnoses.map((d) => d.code), ['L40.0'], 'replacing with a listed code merges the two');
  assert.deepEqual(e.charges.map((c) => c.diagnosis_pointers), [[1], [1], [1]]);
  for (const kind of SUGGESTION_KINDS) assert.ok(describeSuggestion({ [kind]: kind === 'add_charge' ? { code: '1', units: 1 } : kind.startsWith('replace_') && kind !== 'replace_code' ? { from: 'A', to: 'B' } : 'X' }, 0), kind);
  assert.throws(() => applySuggestion(enc, f(9, { set_units: 1 })), /line 10/);
  assert.throws(() => applySuggestion(enc, f(0, null)), /no suggestion/);
});

test('removing lines, diagnoses, lesions and procedures keeps references consistent', () => {
  const enc = withOverrides(base(), [{ rule: 'a', charge: 2, reason: 'r' }, { rule: 'b', charge: 1, reason: 'r' }]);
  assert.deepEqual(removeCharge(enc, 1).overrides, [{ rule: 'a', charge: 1, reason: 'r' }]);
  const e = removeDiagnosis(enc, 0);
  assert.deepEqual(e.charges.map((c) => c.diagnosis_pointers), [[], [1], [1]]);
  assert.deepEqual(removeLesion(enc, 0).procedures[0].lesions, ['L2', 'L3']);
  assert.equal(removeProcedure(enc, 0).charges[1].procedures.length, 0);
  assert.equal(nextId(enc.lesions, 'L'), 'L4');
  assert.equal(withOverrides(enc, [{ rule: 'a', charge: 2, reason: 'new' }]).overrides.find((o) => o.rule === 'a').reason, 'new');
});

test('ICD-10-CM search over the shipped descriptions', () => {
  const db = parseDescriptions(readFileSync(path.join(root, 'rules/icd10cm/descriptions.tsv'), 'utf8'));
  assert.ok(db.codes.length > 40000);
  assert.equal(titleOf(db, 'L570'), 'Actinic keratosis');
  const ak = searchCodes(db, 'actinic keratosis');
  assert.equal(ak[0].code, 'L57.0');
  assert.equal(ak[0].billable, true);
  const bcc = searchCodes(db, 'C44.31');
  assert.deepEqual(bcc.map((r) => r.code), ['C44.310', 'C44.311', 'C44.319', 'C44.31']);
  assert.equal(bcc.at(-1).billable, false, 'a subcategory with children is not billable');
  assert.ok(searchCodes(db, 'basal nose').some((r) => r.code === 'C44.311'));
  assert.deepEqual(searchCodes(db, '   '), []);
});
