// The note's sections, rendered from the encounter the page holds. Every control that
// edits the encounter carries `data-path` (the contract path it writes) and
// `data-kind` (how its text becomes JSON); app.js listens once for input on the whole
// note. Rows that findings can attach to carry `data-row` and a `.row-findings` slot.
import { h, select, field, newId } from './dom.js';
import {
  SITE_GROUPS, SITE_LABEL, LATERALITY, PATHOLOGY, SYMPTOMS, MDM_LEVELS, MDM_DATA_LEVELS, PLAN_TYPES, PLACES_OF_SERVICE,
  CLOSURES, COMPLEXITIES, TECHNIQUES, METHODS, PROCEDURE_TYPES, FIELD_LABEL,
} from '../lib/vocab.js';

const SITE_OPTIONS = [['', 'Choose site…'], ...SITE_GROUPS];
const str = (v) => (v === null || v === undefined ? '' : String(v));

function input(path, kind, value, attrs = {}) {
  const numeric = kind === 'num' || kind === 'int';
  return h('input', {
    type: 'text', 'data-path': path, 'data-kind': kind, value: str(value),
    inputmode: numeric ? (kind === 'num' ? 'decimal' : 'numeric') : undefined, autocomplete: 'off', spellcheck: 'false', ...attrs,
  });
}

function dateInput(path, value, attrs = {}) {
  return h('input', { type: 'date', 'data-path': path, 'data-kind': 'str', value: str(value), ...attrs });
}

function sel(path, options, value, attrs = {}) {
  return select({ 'data-path': path, 'data-kind': 'sel', ...attrs }, options, value);
}

function checkbox(path, checked, label, attrs = {}) {
  const id = newId('cb');
  return h('div', { class: 'check' },
    h('input', { type: 'checkbox', id, 'data-path': path, 'data-kind': 'bool', checked: !!checked, ...attrs }),
    h('label', { for: id }, label));
}

function toggle(path, value, pressed, label, attrs = {}) {
  return h('button', {
    type: 'button', class: 'chip', 'data-toggle-path': path, 'data-value': value, 'aria-pressed': pressed ? 'true' : 'false', ...attrs,
  }, label);
}

function card(id, title, { actions = [], row = id, subtitle } = {}, ...body) {
  return h('section', { class: 'card', id: `sec-${id}`, 'aria-labelledby': `sec-${id}-h`, 'data-row': row },
    h('header', { class: 'card-head' },
      h('h2', { id: `sec-${id}-h` }, title, subtitle ? h('span', { class: 'card-sub' }, subtitle) : null),
      h('div', { class: 'card-actions' }, actions)),
    body,
    row ? h('div', { class: 'row-findings', 'data-slot': row }) : null);
}

const slot = (row) => h('div', { class: 'row-findings', 'data-slot': row });
const hiddenLabel = (forId, text) => h('label', { for: forId, class: 'cell-label' }, text);

function cell(label, control, className = '') {
  control.id ||= newId('c');
  return h('div', { class: `cell ${className}` }, hiddenLabel(control.id, label), control);
}

/** All sections, in the order of a dermatology procedure note. */
export function renderNote(enc, ctx) {
  return [claimCard(enc, ctx), visitCard(enc), lesionsCard(enc, ctx), diagnosesCard(enc, ctx), proceduresCard(enc), chargesCard(enc, ctx)];
}

function claimCard(enc, ctx) {
  const cov = enc.coverage ?? {};
  const prov = enc.providers ?? {};
  const body = h('div', { class: 'claim-grid' },
    field('Date of service', dateInput('date_of_service', enc.date_of_service)),
    field('Place of service', sel('place_of_service', PLACES_OF_SERVICE, enc.place_of_service)),
    field('Signed on', dateInput('signed_on', enc.signed_on)),
    field('Rendering NPI', input('providers.rendering_npi', 'str', prov.rendering_npi, { maxlength: 10, inputmode: 'numeric' })),
    field('Billing NPI', input('providers.billing_npi', 'str', prov.billing_npi, { maxlength: 10, inputmode: 'numeric' })),
    field('Payer id', input('coverage.payer', 'str', cov.payer)),
    field('Plan type', sel('coverage.plan_type', PLAN_TYPES, cov.plan_type)),
    field('Member id', input('coverage.member_id', 'str', cov.member_id)),
    field('Coverage from', dateInput('coverage.effective', cov.effective)),
    field('Coverage to', dateInput('coverage.terminates', cov.terminates)),
    field('Eligibility checked', dateInput('coverage.eligibility_checked_on', cov.eligibility_checked_on)),
    field('Birth date', dateInput('patient.birth_date', enc.patient?.birth_date)),
  );
  const auths = (enc.authorizations ?? []).map((a, i) => {
    const p = `authorizations[${i}]`;
    return h('div', { class: 'mini-row', 'data-row': p },
      h('div', { class: 'mini-fields' },
        cell('Authorization number', input(`${p}.number`, 'str', a.number)),
        cell('Codes (comma separated)', input(`${p}.codes`, 'list', (a.codes ?? []).join(', '))),
        cell('Start', dateInput(`${p}.start`, a.start)),
        cell('End', dateInput(`${p}.end`, a.end)),
        cell('Units', input(`${p}.units`, 'int', a.units, { placeholder: 'any' }), 'narrow'),
        h('button', { type: 'button', class: 'btn-icon', 'data-action': 'remove-authorization', 'data-index': i, 'aria-label': `Remove authorization ${i + 1}` }, '×')),
      slot(p));
  });
  const priors = (enc.prior_procedures ?? []).map((pp, i) => {
    const p = `prior_procedures[${i}]`;
    return h('div', { class: 'mini-row', 'data-row': p },
      h('div', { class: 'mini-fields' },
        cell('Date', dateInput(`${p}.date`, pp.date)),
        cell('Code', input(`${p}.code`, 'code', pp.code, { maxlength: 5 })),
        cell('Diagnoses (comma separated)', input(`${p}.diagnoses`, 'list', (pp.diagnoses ?? []).join(', '))),
        h('span', { class: 'global-note' }, ctx.globalNote(pp)),
        h('button', { type: 'button', class: 'btn-icon', 'data-action': 'remove-prior', 'data-index': i, 'aria-label': `Remove prior procedure ${i + 1}` }, '×')),
      slot(p));
  });
  const details = h('details', { class: 'card claim-card', id: 'sec-claim', 'data-row': 'claim', open: ctx.claimOpen },
    h('summary', { class: 'card-head' },
      h('h2', {}, 'Encounter, coverage and authorizations'),
      h('span', { id: 'claim-summary', class: 'card-sub' })),
    body,
    h('div', { class: 'subsection', id: 'sec-authorizations' },
      h('div', { class: 'sub-head' }, h('h3', {}, 'Prior authorizations'),
        h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-authorization' }, '+ Authorization')),
      auths.length ? auths : h('p', { class: 'empty' }, 'None on file.')),
    h('div', { class: 'subsection', id: 'sec-priors' },
      h('div', { class: 'sub-head' }, h('h3', {}, 'Recent procedures by this group (global periods)'),
        h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-prior' }, '+ Prior procedure')),
      priors.length ? priors : h('p', { class: 'empty' }, 'None in the last 90 days.')),
    slot('claim'));
  details.addEventListener('toggle', () => { ctx.claimOpen = details.open; });
  return details;
}

function visitCard(enc) {
  const v = enc.visit;
  if (!v) {
    return card('visit', 'E/M visit', {
      actions: [h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-visit' }, '+ Document an E/M visit')],
    }, h('p', { class: 'empty' }, 'Procedure-only visit: no separate evaluation and management documented.'));
  }
  const mdm = v.mdm ?? {};
  const status = h('fieldset', { class: 'radios' }, h('legend', {}, 'Patient'),
    ['new', 'established'].map((s) => {
      const id = newId('ps');
      return h('span', { class: 'radio' },
        h('input', { type: 'radio', id, name: 'patient_status', value: s, 'data-path': 'visit.patient_status', 'data-kind': 'sel', checked: v.patient_status === s }),
        h('label', { for: id }, s === 'new' ? 'New' : 'Established'));
    }));
  return card('visit', 'E/M visit', {
    actions: [h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-action': 'remove-visit' }, 'Remove E/M')],
    subtitle: 'Medical decision making or total time',
  },
  h('div', { class: 'visit-grid' },
    status,
    field('Problems addressed', sel('visit.mdm.problems', MDM_LEVELS, mdm.problems)),
    field('Data reviewed', sel('visit.mdm.data', MDM_DATA_LEVELS, mdm.data)),
    field('Risk of management', sel('visit.mdm.risk', MDM_LEVELS, mdm.risk)),
    field('Total time (min)', input('visit.total_minutes', 'int', v.total_minutes, { placeholder: 'not timed' })),
  ),
  h('div', { class: 'visit-checks' },
    checkbox('visit.separately_identifiable', v.separately_identifiable,
      'Significant, separately identifiable E/M (beyond the usual pre-procedure assessment)'),
    checkbox('visit.decision_for_surgery', v.decision_for_surgery, 'E/M resulted in the decision for major surgery (90-day global)')));
}

function lesionsCard(enc, ctx) {
  const dx = enc.diagnoses ?? [];
  const rows = (enc.lesions ?? []).map((l, i) => {
    const p = `lesions[${i}]`;
    const dxOptions = [['', 'Choose…'], ...dx.map((d) => [d.code, `${d.code} ${ctx.titleOf(d.code) ?? ''}`.trim()])];
    return h('div', { class: 'grid-row lesion-row', 'data-row': p, role: 'group', 'aria-label': `Lesion ${l.id}` },
      h('div', { class: 'row-main' },
        h('span', { class: 'lesion-id c-id' }, l.id),
        h('div', { class: 'cell site-cell c-site' },
          hiddenLabel(`${p}-site`, 'Site'),
          h('div', { class: 'site-pick' },
            sel(`${p}.site`, SITE_OPTIONS, l.site, { id: `${p}-site` }),
            h('button', { type: 'button', class: 'btn-icon body-btn', 'data-action': 'pick-site', 'data-index': i, 'aria-label': `Pick the site of lesion ${l.id} on a body diagram`, title: 'Body diagram' }, bodyIcon()))),
        cell('Laterality', sel(`${p}.laterality`, LATERALITY, l.laterality), 'c-lat'),
        cell('Diameter (cm)', input(`${p}.diameter_cm`, 'num', l.diameter_cm, { class: 'num', placeholder: 'cm' }), 'narrow c-size'),
        cell('Diagnosis', sel(`${p}.diagnosis`, dxOptions, l.diagnosis), 'wide c-dx'),
        cell('Pathology', sel(`${p}.pathology`, PATHOLOGY, l.pathology), 'c-path'),
        h('button', { type: 'button', class: 'btn-icon c-x', 'data-action': 'remove-lesion', 'data-index': i, 'aria-label': `Remove lesion ${l.id}` }, '×')),
      h('div', { class: 'row-sub' },
        h('span', { class: 'sub-label', id: `${p}-sym` }, 'Symptoms'),
        h('div', { class: 'chips', role: 'group', 'aria-labelledby': `${p}-sym`, 'data-path': `${p}.symptoms` },
          SYMPTOMS.map((s) => toggle(`${p}.symptoms`, s, (l.symptoms ?? []).includes(s), s)))),
      slot(p));
  });
  return card('lesions', 'Lesions', {
    actions: [h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-lesion' }, '+ Lesion')],
  },
  rows.length ? [h('div', { class: 'grid-head lesion-head', 'aria-hidden': 'true' },
    h('span', {}, 'ID'), h('span', {}, 'Site'), h('span', {}, 'Laterality'), h('span', {}, 'Size'), h('span', {}, 'Diagnosis'),
    h('span', {}, 'Pathology'), h('span', {})), rows] : h('p', { class: 'empty' }, 'No lesions documented.'));
}

function bodyIcon() {
  const svg = h('svg:svg', { viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' },
    h('svg:circle', { cx: 8, cy: 3, r: 2 }),
    h('svg:path', { d: 'M4 6h8l-1.2 4H9.5l-.5 5H7l-.5-5H5.2z' }));
  return svg;
}

function diagnosesCard(enc, ctx) {
  const rows = (enc.diagnoses ?? []).map((d, i) => {
    const p = `diagnoses[${i}]`;
    const title = ctx.titleOf(d.code);
    return h('div', { class: 'dx-row', 'data-row': p },
      h('div', { class: 'row-main' },
        h('span', { class: 'dx-pointer', title: 'Diagnosis pointer' }, String(i + 1)),
        cell('ICD-10-CM code', input(`${p}.code`, 'code', d.code, { class: 'code-input', maxlength: 8 }), 'code-cell'),
        h('span', { class: 'dx-title' }, title ?? ''),
        h('button', { type: 'button', class: 'btn-icon', 'data-action': 'remove-diagnosis', 'data-index': i, 'aria-label': `Remove diagnosis ${d.code}` }, '×')),
      slot(p));
  });
  const searchId = 'icd-search';
  return card('diagnoses', 'Assessment · diagnoses', { row: 'diagnoses', subtitle: 'ICD-10-CM FY2026, in claim order' },
    rows.length ? rows : h('p', { class: 'empty' }, 'No diagnoses yet.'),
    h('div', { class: 'icd-search' },
      h('label', { for: searchId }, 'Add a diagnosis'),
      h('div', { class: 'combo' },
        h('input', {
          id: searchId, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
          'aria-controls': 'icd-results', autocomplete: 'off', spellcheck: 'false',
          placeholder: 'Search by code or words, e.g. "actinic" or "C44.3"',
        }),
        h('ul', { id: 'icd-results', role: 'listbox', class: 'listbox', 'aria-label': 'ICD-10-CM matches', hidden: true })),
      h('span', { id: 'icd-status', class: 'hint', 'aria-live': 'polite' })));
}

function procedureFields(pr, p) {
  const out = [];
  for (const name of PROCEDURE_TYPES[pr.type]?.fields ?? []) {
    const path = `${p}.${name}`;
    const label = FIELD_LABEL[name];
    switch (name) {
      case 'margin_cm': case 'length_cm':
        out.push(field(label, input(path, 'num', pr[name], { class: 'num', placeholder: 'cm' }), { className: 'narrow' })); break;
      case 'count': case 'stages':
        out.push(field(label, input(path, 'int', pr[name], { class: 'num', placeholder: name === 'count' ? 'listed' : '' }), { className: 'narrow' })); break;
      case 'closure': out.push(field(label, sel(path, CLOSURES, pr.closure))); break;
      case 'site': out.push(field(label, sel(path, SITE_OPTIONS, pr.site))); break;
      case 'complexity': out.push(field(label, sel(path, COMPLEXITIES, pr.complexity))); break;
      case 'technique': out.push(field(label, sel(path, TECHNIQUES, pr.technique))); break;
      case 'method': out.push(field(label, sel(path, METHODS, pr.method))); break;
      case 'complicated': out.push(h('div', { class: 'field' }, h('span', { class: 'field-spacer' }), checkbox(path, pr.complicated, label))); break;
      case 'blocks': {
        const blocks = pr.blocks ?? [];
        out.push(h('fieldset', { class: 'field blocks', 'data-path': path },
          h('legend', {}, label),
          h('div', { class: 'slots' }, blocks.map((b, s) => {
            const id = newId('blk');
            return h('span', { class: 'slot' }, h('label', { for: id, class: 'slot-label' }, `Stage ${s + 1}`),
              input(path, 'ints', b, { id, class: 'num slot-input', 'data-group': path, maxlength: 3 }));
          }))));
        break;
      }
      default: break;
    }
  }
  return out;
}

function proceduresCard(enc) {
  const lesions = enc.lesions ?? [];
  const rows = (enc.procedures ?? []).map((pr, i) => {
    const p = `procedures[${i}]`;
    const known = pr.type in PROCEDURE_TYPES;
    const typeOptions = Object.entries(PROCEDURE_TYPES).map(([k, v]) => [k, v.label]);
    return h('div', { class: 'proc-row', 'data-row': p, role: 'group', 'aria-label': `Procedure ${pr.id}` },
      h('div', { class: 'proc-head' },
        h('span', { class: 'proc-id' }, pr.id),
        cell('Procedure', select({ 'data-action-change': 'procedure-type', 'data-index': i, 'data-path': `${p}.type` }, typeOptions, pr.type), 'proc-type'),
        h('div', { class: 'proc-lesions' },
          h('span', { class: 'sub-label', id: `${p}-les` }, 'Lesions'),
          h('div', { class: 'chips', role: 'group', 'aria-labelledby': `${p}-les`, 'data-path': `${p}.lesions` },
            lesions.length ? lesions.map((l) => toggle(`${p}.lesions`, l.id, (pr.lesions ?? []).includes(l.id), l.id,
              { title: `${SITE_LABEL[l.site] ?? 'site?'} ${l.diameter_cm ?? '?'} cm` })) : h('span', { class: 'muted' }, 'none documented'))),
        h('button', { type: 'button', class: 'btn-icon', 'data-action': 'remove-procedure', 'data-index': i, 'aria-label': `Remove procedure ${pr.id}` }, '×')),
      known ? h('div', { class: 'proc-fields' }, procedureFields(pr, p)) : h('p', { class: 'muted' }, `Type "${pr.type}" is not one the rules know.`),
      slot(p));
  });
  const addMenu = select({ id: 'add-procedure', 'data-action-change': 'add-procedure', 'aria-label': 'Add a procedure' },
    [['', '+ Procedure…'], ...Object.entries(PROCEDURE_TYPES).map(([k, v]) => [k, v.label])], '');
  return card('procedures', 'Procedures', { actions: [addMenu], row: 'procedures' },
    rows.length ? rows : h('p', { class: 'empty' }, 'No procedures documented.'));
}

function chargesCard(enc, ctx) {
  const procedures = enc.procedures ?? [];
  const dxCount = (enc.diagnoses ?? []).length;
  const rows = (enc.charges ?? []).map((c, i) => {
    const p = `charges[${i}]`;
    const mods = [...(c.modifiers ?? [])];
    const ptrs = [...(c.diagnosis_pointers ?? [])];
    const modInputs = [0, 1, 2, 3].map((s) => input(`${p}.modifiers`, 'slots', mods[s], {
      class: 'slot-input mod', maxlength: 2, 'data-group': `${p}.modifiers`, 'aria-label': `Line ${i + 1} modifier ${s + 1}`,
    }));
    const ptrInputs = [0, 1, 2, 3].map((s) => input(`${p}.diagnosis_pointers`, 'islots', ptrs[s], {
      class: 'slot-input ptr', maxlength: 2, inputmode: 'numeric', 'data-group': `${p}.diagnosis_pointers`,
      'aria-label': `Line ${i + 1} diagnosis pointer ${s + 1}`, title: dxCount ? `1 to ${dxCount}` : 'no diagnoses',
    }));
    const codeId = newId('code');
    return h('div', { class: 'grid-row charge-row', 'data-row': p, 'data-charge': i, role: 'group', 'aria-label': `Charge line ${i + 1}` },
      h('div', { class: 'row-main' },
        h('span', { class: 'line-no c-no', 'aria-hidden': 'true' }, String(i + 1)),
        h('div', { class: 'cell code-cell c-code' }, hiddenLabel(codeId, 'CPT/HCPCS'),
          input(`${p}.code`, 'code', c.code, { id: codeId, class: 'code-input', maxlength: 5, list: 'cpt-codes' }),
          h('span', { class: 'code-label' }, ctx.cptLabel(c.code) ?? '')),
        h('div', { class: 'cell slots c-mods', 'data-path': `${p}.modifiers`, role: 'group', 'aria-label': `Line ${i + 1} modifiers` },
          h('span', { class: 'cell-label', 'aria-hidden': 'true' }, 'Modifiers'), h('div', { class: 'slot-row' }, modInputs)),
        cell('Units', input(`${p}.units`, 'int', c.units, { class: 'num units' }), 'narrow c-units'),
        h('div', { class: 'cell slots c-ptrs', 'data-path': `${p}.diagnosis_pointers`, role: 'group', 'aria-label': `Line ${i + 1} diagnosis pointers` },
          h('span', { class: 'cell-label', 'aria-hidden': 'true' }, 'Dx pointers'), h('div', { class: 'slot-row' }, ptrInputs)),
        h('div', { class: 'cell proc-links c-bills' },
          h('span', { class: 'cell-label', id: `${p}-procs` }, 'Bills'),
          h('div', { class: 'chips', role: 'group', 'aria-labelledby': `${p}-procs`, 'data-path': `${p}.procedures` },
            procedures.length ? procedures.map((pr) => toggle(`${p}.procedures`, pr.id, (c.procedures ?? []).includes(pr.id), pr.id,
              { title: PROCEDURE_TYPES[pr.type]?.label ?? pr.type })) : h('span', { class: 'muted' }, '—'))),
        h('button', { type: 'button', class: 'btn-icon c-x', 'data-action': 'remove-charge', 'data-index': i, 'aria-label': `Remove charge line ${i + 1}` }, '×')),
      slot(p));
  });
  const actions = [
    ctx.canSuggest ? h('button', { type: 'button', class: 'btn btn-small btn-accent', id: 'generate-charges', 'data-action': 'generate-charges' },
      'Generate charges from documentation') : null,
    h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-charge' }, '+ Line'),
  ];
  return card('charges', 'Charges', { actions, row: 'charges', subtitle: 'CMS-1500 lines 24A–24G' },
    rows.length ? [h('div', { class: 'grid-head charge-head', 'aria-hidden': 'true' },
      h('span', {}, '#'), h('span', {}, 'Code'), h('span', {}, 'Modifiers'), h('span', {}, 'Units'), h('span', {}, 'Dx pointers'),
      h('span', {}, 'Bills'), h('span', {})), rows] : h('p', { class: 'empty' }, 'No charges yet.'),
    ctx.cptDatalist);
}
