// Generates the benchmark encounters into tests/fixtures/ (deterministic: same output
// every run; the files are committed so that criterion, Node and Chromium all measure
// the same bytes).
//
//   typical: 1 E/M, 6 charges, 5 lesions, 6 diagnoses (an established patient seen for
//            psoriasis: a trunk BCC excised with an intermediate repair, three tangential
//            biopsies, one actinic keratosis destroyed).
//   large:   60 charges, 50 lesions, 12 diagnoses (a full-body skin-cancer clinic day).
//
// Run: node bench/gen-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures');

const header = (dos) => ({
  date_of_service: dos,
  place_of_service: '11',
  patient: { birth_date: '1948-03-14', sex: 'F' },
  coverage: {
    payer: 'medicare', plan_type: 'medicare', member_id: '1EG4TE5MK73',
    effective: '2013-03-01', terminates: null, eligibility_checked_on: dos,
  },
  providers: { rendering_npi: '1647283906', billing_npi: '1452038692' },
  authorizations: [],
  prior_procedures: [],
});

const lesion = (id, site, laterality, diameter_cm, diagnosis, pathology, symptoms = []) =>
  ({ id, site, laterality, diameter_cm, diagnosis, pathology, symptoms });
const charge = (code, diagnosis_pointers, procedures, modifiers = [], units = 1) =>
  (procedures ? { code, modifiers, units, diagnosis_pointers, procedures } : { code, modifiers, units, diagnosis_pointers });

function typical() {
  const dos = '2026-06-09';
  return {
    ...header(dos),
    visit: {
      patient_status: 'established',
      mdm: { problems: 'moderate', data: 'low', risk: 'moderate' },
      total_minutes: null, separately_identifiable: true, decision_for_surgery: false,
    },
    diagnoses: ['L40.0', 'C44.519', 'D48.5', 'D22.71', 'L57.0', 'L82.1'].map((code) => ({ code })),
    lesions: [
      lesion('L1', 'back', 'midline', 1.2, 'C44.519', 'malignant'),
      lesion('L2', 'arm', 'right', 0.6, 'D48.5', 'pending', ['growing']),
      lesion('L3', 'leg', 'right', 0.5, 'D22.71', 'pending'),
      lesion('L4', 'forehead', 'left', 0.4, 'L57.0', 'premalignant'),
      lesion('L5', 'chest', 'midline', 0.7, 'L82.1', 'pending', ['itching']),
    ],
    procedures: [
      { id: 'P1', type: 'excision', lesions: ['L1'], margin_cm: 0.4, closure: 'intermediate' },
      { id: 'R1', type: 'repair', lesions: ['L1'], site: 'back', complexity: 'intermediate', length_cm: 4.5 },
      { id: 'B1', type: 'biopsy', lesions: ['L2'], technique: 'tangential' },
      { id: 'B2', type: 'biopsy', lesions: ['L3'], technique: 'tangential' },
      { id: 'B3', type: 'biopsy', lesions: ['L5'], technique: 'tangential' },
      { id: 'D1', type: 'destruction', lesions: ['L4'], method: 'cryotherapy' },
    ],
    charges: [
      charge('99214', [1], null, ['25']),
      charge('11602', [2], ['P1']),
      charge('12032', [2], ['R1']),
      charge('11102', [3], ['B1'], ['XS']),
      charge('11103', [4, 6], ['B2', 'B3'], [], 2),
      charge('17000', [5], ['D1']),
    ],
    signed_on: dos,
  };
}

function large() {
  const dos = '2026-06-09';
  const dx = ['L40.0', 'C44.519', 'C44.319', 'C44.612', 'C44.712', 'D48.5', 'D22.5', 'D22.61', 'D22.71', 'L57.0', 'L82.0', 'L82.1'];
  const ptr = (code) => dx.indexOf(code) + 1;
  const lesions = [], procedures = [], charges = [charge('99215', [1], null, ['25'])];
  // 15 excisions, each with its own repair line.
  const excised = [
    ['back', 'midline', 'C44.519'], ['cheek', 'right', 'C44.319'], ['arm', 'right', 'C44.612'],
    ['leg', 'right', 'C44.712'], ['chest', 'midline', 'C44.519'],
  ];
  for (let i = 0; i < 15; i++) {
    const [site, lat, code] = excised[i % excised.length];
    const id = `X${i + 1}`;
    lesions.push(lesion(id, site, lat, 0.6 + (i % 5) * 0.2, code, 'malignant'));
    procedures.push({ id: `PX${i + 1}`, type: 'excision', lesions: [id], margin_cm: 0.3, closure: 'intermediate' });
    procedures.push({ id: `PR${i + 1}`, type: 'repair', lesions: [id], site, complexity: 'intermediate', length_cm: 3.0 + (i % 4) * 0.5 });
    const face = site === 'cheek';
    const size = 0.6 + (i % 5) * 0.2 + 0.6;
    const exCode = face ? (size <= 1.0 ? '11641' : size <= 2.0 ? '11642' : '11643') : (size <= 1.0 ? '11601' : size <= 2.0 ? '11602' : '11603');
    charges.push(charge(exCode, [ptr(code)], [`PX${i + 1}`], i === 0 ? [] : ['XS']));
    charges.push(charge(face ? '12052' : '12032', [ptr(code)], [`PR${i + 1}`], i === 0 ? [] : ['XS']));
  }
  // 10 shaves of seborrheic keratoses and nevi.
  const shaved = [['neck', 'right', 'L82.0', '11306'], ['back', 'midline', 'D22.5', '11301'], ['arm', 'right', 'D22.61', '11301']];
  for (let i = 0; i < 10; i++) {
    const [site, lat, code, cpt] = shaved[i % shaved.length];
    const id = `S${i + 1}`;
    lesions.push(lesion(id, site, lat, 0.4 + (i % 3) * 0.1, code, 'benign', ['inflamed']));
    procedures.push({ id: `PS${i + 1}`, type: 'shave', lesions: [id] });
    charges.push(charge(cpt, [ptr(code)], [`PS${i + 1}`], ['XS']));
  }
  // 10 biopsies: one primary line, nine add-on lines.
  for (let i = 0; i < 10; i++) {
    const id = `B${i + 1}`;
    lesions.push(lesion(id, i % 2 ? 'leg' : 'trunk', i % 2 ? 'right' : 'midline', 0.5, i % 2 ? 'D22.71' : 'D48.5', 'pending'));
    procedures.push({ id: `PB${i + 1}`, type: 'biopsy', lesions: [id], technique: 'tangential' });
    charges.push(charge(i === 0 ? '11102' : '11103', [ptr(i % 2 ? 'D22.71' : 'D48.5')], [`PB${i + 1}`], i === 0 ? ['XS'] : []));
  }
  // 15 actinic keratoses destroyed: 17000 and 17003 (13 units over 8 lines).
  const ak = [];
  for (let i = 0; i < 15; i++) {
    const id = `A${i + 1}`;
    ak.push(id);
    lesions.push(lesion(id, ['forehead', 'scalp', 'hand'][i % 3], i % 2 ? 'left' : 'right', 0.3, 'L57.0', 'premalignant'));
  }
  procedures.push({ id: 'PD1', type: 'destruction', lesions: ak.slice(0, 14), method: 'cryotherapy' });
  charges.push(charge('17000', [ptr('L57.0')], ['PD1']));
  for (const units of [2, 2, 2, 2, 2, 1, 1, 1]) charges.push(charge('17003', [ptr('L57.0')], ['PD1'], [], units));
  procedures.push({ id: 'PD2', type: 'destruction', lesions: [ak[14]], method: 'chemical' });
  if (lesions.length !== 50 || charges.length !== 60) throw new Error(`large: ${lesions.length} lesions, ${charges.length} charges`);
  return {
    ...header(dos),
    visit: {
      patient_status: 'established',
      mdm: { problems: 'high', data: 'moderate', risk: 'moderate' },
      total_minutes: 45, separately_identifiable: true, decision_for_surgery: false,
    },
    diagnoses: dx.map((code) => ({ code })),
    lesions, procedures, charges,
    signed_on: dos,
  };
}

for (const [name, enc] of [['typical-encounter', typical()], ['large-encounter', large()]]) {
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify(enc, null, 1) + '\n');
}
console.log(`wrote ${out}/typical-encounter.json and large-encounter.json`);
