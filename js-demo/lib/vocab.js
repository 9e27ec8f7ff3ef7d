// The contract's vocabulary (CONTRACT.md section 1) with the labels a clinician reads.
// Pure data: imported by the page and by the Node tests.

/** Site words, grouped the way a dermatology note groups them. */
export const SITE_GROUPS = [
  ['Head and face', [['scalp', 'Scalp'], ['forehead', 'Forehead'], ['eyelid', 'Eyelid'], ['nose', 'Nose'], ['cheek', 'Cheek'],
    ['ear', 'Ear'], ['lip', 'Lip'], ['chin', 'Chin'], ['face', 'Face, other'], ['mucous_membrane', 'Mucous membrane']]],
  ['Neck and trunk', [['neck', 'Neck'], ['chest', 'Chest'], ['abdomen', 'Abdomen'], ['back', 'Back'], ['axilla', 'Axilla'],
    ['trunk', 'Trunk, other'], ['genitalia', 'Genitalia']]],
  ['Upper limb', [['arm', 'Arm'], ['hand', 'Hand'], ['finger', 'Finger']]],
  ['Lower limb', [['leg', 'Leg'], ['foot', 'Foot'], ['toe', 'Toe']]],
];
export const SITE_LABEL = Object.fromEntries(SITE_GROUPS.flatMap(([, sites]) => sites));

export const LATERALITY = [['', '—'], ['right', 'Right'], ['left', 'Left'], ['midline', 'Midline']];
export const PATHOLOGY = [['', 'Not sent'], ['pending', 'Pending'], ['benign', 'Benign'], ['premalignant', 'Premalignant'],
  ['malignant', 'Malignant'], ['uncertain', 'Uncertain behavior']];
export const SYMPTOMS = ['bleeding', 'itching', 'inflamed', 'painful', 'irritated', 'growing', 'obstructing'];
export const MDM_LEVELS = [['', '—'], ['minimal', 'Minimal'], ['low', 'Low'], ['moderate', 'Moderate'], ['high', 'High']];
/** The data element's words: "low" means limited and "high" extensive (contract). */
export const MDM_DATA_LEVELS = [['', '—'], ['minimal', 'Minimal / none'], ['low', 'Limited'], ['moderate', 'Moderate'], ['high', 'Extensive']];
export const SEXES = [['F', 'Female'], ['M', 'Male'], ['U', 'Unknown']];
export const PLAN_TYPES = [['medicare', 'Medicare'], ['medicare_advantage', 'Medicare Advantage'], ['medicaid', 'Medicaid'],
  ['commercial', 'Commercial'], ['self_pay', 'Self-pay']];
export const PLACES_OF_SERVICE = [['11', '11 · Office'], ['22', '22 · Outpatient hospital'], ['24', '24 · Ambulatory surgical center'],
  ['02', '02 · Telehealth'], ['12', '12 · Home'], ['31', '31 · Skilled nursing facility']];

export const CLOSURES = [['simple', 'Simple (included)'], ['intermediate', 'Intermediate'], ['complex', 'Complex'],
  ['adjacent_tissue_transfer', 'Adjacent tissue transfer'], ['graft', 'Graft'], ['secondary_intention', 'Secondary intention']];
export const COMPLEXITIES = [['simple', 'Simple'], ['intermediate', 'Intermediate'], ['complex', 'Complex']];
export const TECHNIQUES = [['tangential', 'Tangential (shave)'], ['punch', 'Punch'], ['incisional', 'Incisional']];
export const METHODS = [['cryotherapy', 'Cryotherapy'], ['electrodesiccation', 'Electrodesiccation'], ['curettage', 'Curettage'],
  ['laser', 'Laser'], ['chemical', 'Chemical'], ['surgical', 'Surgical']];

/**
 * Procedure types and the fields each needs (contract table). `defaults` is what a new
 * procedure of the type starts with.
 */
export const PROCEDURE_TYPES = {
  excision: { label: 'Excision', fields: ['margin_cm', 'closure'], defaults: { margin_cm: 0.2, closure: 'simple' } },
  repair: { label: 'Repair', fields: ['site', 'complexity', 'length_cm'], defaults: { site: null, complexity: 'intermediate', length_cm: null } },
  shave: { label: 'Shave removal', fields: [], defaults: {} },
  biopsy: { label: 'Biopsy', fields: ['technique'], defaults: { technique: 'tangential' } },
  destruction: { label: 'Destruction', fields: ['method', 'count'], defaults: { method: 'cryotherapy', count: null } },
  mohs: { label: 'Mohs surgery', fields: ['stages', 'blocks'], defaults: { stages: 1, blocks: [3] } },
  skin_tag_removal: { label: 'Skin tag removal', fields: ['count'], defaults: { count: null } },
  intralesional_injection: { label: 'Intralesional injection', fields: ['count'], defaults: { count: null } },
  incision_drainage: { label: 'Incision and drainage', fields: ['complicated'], defaults: { complicated: false } },
};

export const FIELD_LABEL = {
  margin_cm: 'Narrowest margin (cm)', closure: 'Closure', site: 'Repair site', complexity: 'Repair type',
  length_cm: 'Repair length (cm)', technique: 'Technique', method: 'Method', count: 'Lesions treated',
  stages: 'Stages', blocks: 'Blocks per stage', complicated: 'Complicated or multiple',
};

export const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' };
export const CATEGORY_LABEL = {
  code_validity: 'Code validity', documentation: 'Documentation', medical_necessity: 'Medical necessity', bundling: 'Bundling',
  modifier: 'Modifier', units: 'Units', authorization: 'Authorization', eligibility: 'Eligibility', claim_data: 'Claim data',
  timely_filing: 'Timely filing',
};

/** Reasons a clinician or coder gives for signing through a warning. */
export const OVERRIDE_REASONS = [
  'Reviewed: the documentation supports the charge as billed',
  'Pathology pending: hold the claim until the report is signed',
  'Billing the lower level is the clinician\'s choice',
  'Eligibility re-verified by phone today',
  'Payer exception on file',
];
