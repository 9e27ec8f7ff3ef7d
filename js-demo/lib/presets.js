// One-click scenarios for the demo. Each is a realistic visit of a fictional patient,
// written in the contract's Encounter shape. `expect` says what the finished rule packs
// should report, in the conformance-case matching format (CONTRACT.md section 4). The
// Node test tests/e2e/presets.test.mjs checks that every preset decodes and draws `expect`.

const PROVIDERS = { rendering_npi: '1647283906', billing_npi: '1452038692' };

function medicare(dos, memberId, since) {
  return { payer: 'medicare', plan_type: 'medicare', member_id: memberId, effective: since, terminates: null, eligibility_checked_on: dos };
}

export const PRESETS = [
  {
    id: 'em-destruction',
    label: 'E/M + AK destruction',
    title: 'Psoriasis follow-up with cryotherapy of six actinic keratoses',
    story: 'A separately identifiable psoriasis visit on the day of a 10-day-global procedure. The E/M line is missing modifier 25: apply the fix.',
    patient: { name: 'Margaret Ellison', mrn: '00482213' },
    encounter: {
      date_of_service: '2026-06-09', place_of_service: '11',
      patient: { birth_date: '1951-03-14', sex: 'F' },
      coverage: medicare('2026-06-09', '5TG4KE2MW81', '2016-04-01'),
      providers: PROVIDERS, authorizations: [], prior_procedures: [],
      visit: {
        patient_status: 'established', mdm: { problems: 'moderate', data: 'low', risk: 'moderate' },
        total_minutes: null, separately_identifiable: true, decision_for_surgery: false,
      },
      diagnoses: [{ code: 'L40.0' }, { code: 'L57.0' }],
      lesions: [
        { id: 'L1', site: 'forehead', laterality: 'midline', diameter_cm: 0.4, diagnosis: 'L57.0', pathology: null, symptoms: [] },
        { id: 'L2', site: 'scalp', laterality: 'midline', diameter_cm: 0.6, diagnosis: 'L57.0', pathology: null, symptoms: ['irritated'] },
        { id: 'L3', site: 'hand', laterality: 'right', diameter_cm: 0.5, diagnosis: 'L57.0', pathology: null, symptoms: [] },
      ],
      procedures: [{ id: 'P1', type: 'destruction', lesions: ['L1', 'L2', 'L3'], method: 'cryotherapy', count: 6 }],
      charges: [
        { code: '99214', modifiers: [], units: 1, diagnosis_pointers: [1] },
        { code: '17000', modifiers: [], units: 1, diagnosis_pointers: [2], procedures: ['P1'] },
        { code: '17003', modifiers: [], units: 5, diagnosis_pointers: [2], procedures: ['P1'] },
      ],
      signed_on: '2026-06-09',
    },
    expect: { status: 'blocked', findings: [{ charge: 0, severity: 'error', category: 'modifier', suggestion: { add_modifier: '25' } }] },
    after_fix: 'clean once modifier 25 is added (17000 + 17003 x 5 = six lesions)',
  },
  {
    id: 'excision-repair',
    label: 'Excision + repair',
    title: 'Basal cell carcinoma of the back: excision with intermediate layered closure',
    story: 'Excised diameter = 1.4 cm lesion + 2 × 0.4 cm margin = 2.2 cm (11603), plus a 4.5 cm intermediate repair (12032). Clean. Try changing the lesion to 0.9 cm.',
    patient: { name: 'Harold Brandt', mrn: '00391657' },
    encounter: {
      date_of_service: '2026-05-19', place_of_service: '11',
      patient: { birth_date: '1948-09-02', sex: 'M' },
      coverage: medicare('2026-05-19', '3HW9RA6CN27', '2013-09-01'),
      providers: PROVIDERS, authorizations: [], prior_procedures: [],
      diagnoses: [{ code: 'C44.519' }],
      lesions: [{ id: 'L1', site: 'back', laterality: 'left', diameter_cm: 1.4, diagnosis: 'C44.519', pathology: 'malignant', symptoms: [] }],
      procedures: [
        { id: 'P1', type: 'excision', lesions: ['L1'], margin_cm: 0.4, closure: 'intermediate' },
        { id: 'R1', type: 'repair', lesions: ['L1'], site: 'back', complexity: 'intermediate', length_cm: 4.5 },
      ],
      charges: [
        { code: '11603', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['P1'] },
        { code: '12032', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['R1'] },
      ],
      signed_on: '2026-05-19',
    },
    expect: { status: 'clean' },
    after_fix: 'with the lesion at 0.9 cm (0.9 + 0.8 = 1.7 cm) 11603 draws a documentation error suggesting 11602',
  },
  {
    id: 'mohs',
    label: 'Mohs surgery',
    title: 'Mohs surgery of a nasal basal cell carcinoma, two stages, complex repair',
    story: 'Two stages on the nose (17311 + 17312; 4 and 3 blocks, none beyond five) and a 3.1 cm complex repair of the nose (13152). A clean note signs in one click.',
    patient: { name: 'Dolores Avery', mrn: '00277120' },
    encounter: {
      date_of_service: '2026-06-11', place_of_service: '11',
      patient: { birth_date: '1950-10-10', sex: 'F' },
      coverage: medicare('2026-06-11', '1QY7WX3DC85', '2015-10-01'),
      providers: PROVIDERS, authorizations: [], prior_procedures: [],
      diagnoses: [{ code: 'C44.311' }],
      lesions: [{ id: 'L1', site: 'nose', laterality: 'midline', diameter_cm: 1.2, diagnosis: 'C44.311', pathology: 'malignant', symptoms: [] }],
      procedures: [
        { id: 'M1', type: 'mohs', lesions: ['L1'], stages: 2, blocks: [4, 3] },
        { id: 'R1', type: 'repair', lesions: ['L1'], site: 'nose', complexity: 'complex', length_cm: 3.1 },
      ],
      charges: [
        { code: '17311', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['M1'] },
        { code: '17312', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['M1'] },
        { code: '13152', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['R1'] },
      ],
      signed_on: '2026-06-11',
    },
    expect: { status: 'clean' },
    after_fix: 'clean as loaded',
  },
  {
    id: 'biopsies',
    label: 'Mixed biopsies',
    title: 'Three suspicious lesions: one punch and two tangential biopsies',
    story: 'Only one primary biopsy code per session (incisional > punch > tangential); the other lesions take their technique\'s add-on. Line 2 bills a second primary.',
    patient: { name: 'Rosa Delgado', mrn: '00518844' },
    encounter: {
      date_of_service: '2026-07-14', place_of_service: '11',
      patient: { birth_date: '1958-02-27', sex: 'F' },
      coverage: medicare('2026-07-14', '8MD3QP5LV12', '2023-02-01'),
      providers: PROVIDERS, authorizations: [], prior_procedures: [],
      diagnoses: [{ code: 'D49.2' }],
      lesions: [
        { id: 'L1', site: 'arm', laterality: 'left', diameter_cm: 0.7, diagnosis: 'D49.2', pathology: 'pending', symptoms: ['growing'] },
        { id: 'L2', site: 'back', laterality: 'midline', diameter_cm: 0.9, diagnosis: 'D49.2', pathology: 'pending', symptoms: ['bleeding'] },
        { id: 'L3', site: 'cheek', laterality: 'right', diameter_cm: 0.5, diagnosis: 'D49.2', pathology: 'pending', symptoms: ['growing'] },
      ],
      procedures: [
        { id: 'P1', type: 'biopsy', lesions: ['L1'], technique: 'punch' },
        { id: 'P2', type: 'biopsy', lesions: ['L2'], technique: 'tangential' },
        { id: 'P3', type: 'biopsy', lesions: ['L3'], technique: 'tangential' },
      ],
      charges: [
        { code: '11104', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['P1'] },
        { code: '11102', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['P2'] },
        { code: '11103', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['P3'] },
      ],
      signed_on: '2026-07-14',
    },
    expect: { status: 'blocked', findings: [{ charge: 1, severity: 'error', suggestion: { replace_code: '11103' } }] },
    after_fix: 'clean once line 2 is 11103 (11104 + 11103 + 11103)',
  },
  {
    id: 'global-period',
    label: 'Global-period visit',
    title: 'Psoriasis visit seven days after a malignant excision (10-day global)',
    story: 'The excision of June 1 (11602) has a 10-day global period that runs through June 11. An unrelated E/M inside it needs modifier 24.',
    patient: { name: 'Walter Kim', mrn: '00163092' },
    encounter: {
      date_of_service: '2026-06-08', place_of_service: '11',
      patient: { birth_date: '1947-12-25', sex: 'M' },
      coverage: medicare('2026-06-08', '7KR8GD4TX61', '2012-12-01'),
      providers: PROVIDERS, authorizations: [],
      prior_procedures: [{ date: '2026-06-01', code: '11602', diagnoses: ['C44.519'] }],
      visit: {
        patient_status: 'established', mdm: { problems: 'moderate', data: 'low', risk: 'moderate' },
        total_minutes: 32, separately_identifiable: false, decision_for_surgery: false,
      },
      diagnoses: [{ code: 'L40.0' }],
      lesions: [], procedures: [],
      charges: [{ code: '99214', modifiers: [], units: 1, diagnosis_pointers: [1] }],
      signed_on: '2026-06-08',
    },
    expect: { status: 'blocked', findings: [{ charge: 0, category: 'modifier', suggestion: { add_modifier: '24' } }] },
    after_fix: 'clean once modifier 24 is added (psoriasis is unrelated to the excised carcinoma)',
  },
  {
    id: 'prior-auth',
    label: 'Commercial + prior auth',
    title: 'Mohs surgery on the back for a commercial PPO that requires prior authorization',
    story: 'Harborview PPO (a payer profile loaded at run time) requires authorization for Mohs. The authorization on file ended on July 15; the surgery is on July 23.',
    patient: { name: 'Priya Natarajan', mrn: '00604471' },
    payer_profile: {
      id: 'harborview-ppo', name: 'Harborview PPO (fictional payer)',
      authorization_required: ['17311', '17312', '17313', '17314', '17315'],
      filing_limit_days: 90, eligibility_max_age_days: 30, wants_modifier_51: true, filing_warning_days: 14,
    },
    encounter: {
      date_of_service: '2026-07-23', place_of_service: '11',
      patient: { birth_date: '1979-06-21', sex: 'F' },
      coverage: {
        payer: 'harborview-ppo', plan_type: 'commercial', member_id: 'HVP-448812-01', effective: '2024-01-01',
        terminates: null, eligibility_checked_on: '2026-07-23',
      },
      providers: PROVIDERS,
      authorizations: [{ number: 'HV-2606-118204', codes: ['17313', '17314'], start: '2026-06-15', end: '2026-07-15', units: 3 }],
      prior_procedures: [],
      diagnoses: [{ code: 'C44.519' }],
      lesions: [{ id: 'L1', site: 'back', laterality: 'left', diameter_cm: 1.5, diagnosis: 'C44.519', pathology: 'malignant', symptoms: [] }],
      procedures: [{ id: 'M1', type: 'mohs', lesions: ['L1'], stages: 2, blocks: [3, 2] }],
      charges: [
        { code: '17313', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['M1'] },
        { code: '17314', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['M1'] },
      ],
      signed_on: '2026-07-23',
    },
    expect: { status: 'blocked', findings: [{ charge: 0, severity: 'error', category: 'authorization' }] },
    after_fix: 'clean once the authorization covers July 23 (edit its end date under Coverage)',
  },
  {
    id: 'shave-no-indication',
    label: 'SK shave, Medicare',
    title: 'Shave removal of a seborrheic keratosis with no documented indication',
    story: 'Medicare covers removal of a benign lesion only with a documented indication (LCD "Removal of Benign Skin Lesions"). Tick a symptom the patient reported to clear it.',
    patient: { name: 'Eleanor Whitcomb', mrn: '00725538' },
    encounter: {
      date_of_service: '2026-04-09', place_of_service: '11',
      patient: { birth_date: '1945-05-30', sex: 'F' },
      coverage: medicare('2026-04-09', '6PA2NC8RB44', '2010-06-01'),
      providers: PROVIDERS, authorizations: [], prior_procedures: [],
      diagnoses: [{ code: 'L82.1' }],
      lesions: [{ id: 'L1', site: 'back', laterality: 'left', diameter_cm: 1.2, diagnosis: 'L82.1', pathology: 'benign', symptoms: [] }],
      procedures: [{ id: 'P1', type: 'shave', lesions: ['L1'] }],
      charges: [{ code: '11302', modifiers: [], units: 1, diagnosis_pointers: [1], procedures: ['P1'] }],
      signed_on: '2026-04-09',
    },
    expect: { status: 'blocked', findings: [{ charge: 0, category: 'medical_necessity' }] },
    after_fix: 'no medical-necessity error once a covered indication (bleeding, itching, painful, ...) is documented',
  },
];

/** Titles of the codes the presets use, so the note reads well before the full ICD-10-CM list loads. */
export const KNOWN_TITLES = {
  'C44.311': 'Basal cell carcinoma of skin of nose',
  'C44.519': 'Basal cell carcinoma of skin of other part of trunk',
  'D49.2': 'Neoplasm of unspecified behavior of bone, soft tissue, and skin',
  'L40.0': 'Psoriasis vulgaris',
  'L57.0': 'Actinic keratosis',
  'L82.0': 'Inflamed seborrheic keratosis',
  'L82.1': 'Other seborrheic keratosis',
};

/** Demo provider shown on the note (fictional). */
export const PROVIDER_NAME = 'Amara Osei, MD';
