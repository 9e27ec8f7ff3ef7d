// The demo note screen. It uses the npm package exactly as an EHR vendor would:
// createValidator(), validate() on every input change, addPayerProfile() for a payer
// loaded at run time, suggestCharges() and toCdsHooksCards() when the package has them.
import * as chargecheck from './pkg/index.js';
import { PRESETS, KNOWN_TITLES, PROVIDER_NAME } from './lib/presets.js';
import { PROCEDURE_TYPES, PLAN_TYPES, SEXES, OVERRIDE_REASONS } from './lib/vocab.js';
import { getAt, setAt } from './lib/paths.js';
import {
  applySuggestion, clone, ensureDiagnosis, nextId, removeCharge, removeDiagnosis, removeLesion, removeProcedure, withOverrides,
} from './lib/apply.js';
import { titleOf } from './lib/icd.js';
import { h } from './ui/dom.js';
import { renderNote } from './ui/note.js';
import { placeInline, renderPanel, renderCards } from './ui/review.js';
import { createBodyMap } from './ui/bodymap.js';
import { bindIcdSearch } from './ui/icdsearch.js';

const $ = (id) => document.getElementById(id);

const validator = await chargecheck.createValidator();
const toCdsHooksCards = typeof chargecheck.toCdsHooksCards === 'function' ? chargecheck.toCdsHooksCards : null;
const canSuggest = typeof validator.suggestCharges === 'function';
const rulesById = new Map(validator.rules().map((r) => [r.id, r]));
const cpt = await fetch('data/cpt-codes.json').then((r) => (r.ok ? r.json() : { codes: [] })).catch(() => ({ codes: [] }));
const cptByCode = new Map(cpt.codes.map((c) => [c.code, c]));

const state = {
  preset: null, enc: null, result: null, inputError: null, items: [], signed: null,
  claimOpen: false, icdDb: null, undo: null, cds: false,
};

const ctx = {
  get claimOpen() { return state.claimOpen; },
  set claimOpen(v) { state.claimOpen = v; },
  canSuggest,
  titleOf: (code) => titleOf(state.icdDb, code) ?? KNOWN_TITLES[code] ?? null,
  cptLabel: (code) => cptByCode.get(String(code ?? '').toUpperCase())?.label ?? null,
  globalNote: (pp) => globalNote(pp),
  cptDatalist: null,
};
ctx.cptDatalist = h('datalist', { id: 'cpt-codes' }, cpt.codes.map((c) => h('option', { value: c.code }, c.label)));

const bodyMap = createBodyMap($('site-dialog'), $('bodymap'));

// ---------------------------------------------------------------- dates and banner

const GLOBAL_DAYS = { '000': 0, '010': 10, '090': 90 };

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return null;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A global period of N days covers the procedure day and the N days after it (contract). */
function globalNote(pp) {
  const fact = cptByCode.get(pp.code);
  const days = fact ? GLOBAL_DAYS[fact.global] : undefined;
  if (days === undefined || !pp.date) return '';
  const end = addDays(pp.date, days);
  if (!end) return '';
  const inside = state.enc.date_of_service >= pp.date && state.enc.date_of_service <= end;
  return `${days}-day global through ${end}${inside ? ' · today is inside it' : ''}`;
}

function ageOn(birth, on) {
  if (!/^\d{4}-\d\d-\d\d$/.test(birth ?? '') || !/^\d{4}-\d\d-\d\d$/.test(on ?? '')) return null;
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const PAYER_NAMES = { medicare: 'Medicare Part B', commercial: 'Commercial', medicaid: 'Medicaid' };

function renderBanner() {
  const enc = state.enc;
  const p = state.preset.patient;
  $('patient-name').textContent = p.name;
  $('patient-initials').textContent = p.name.split(' ').map((w) => w[0]).join('').slice(0, 2);
  const age = ageOn(enc.patient?.birth_date, enc.date_of_service);
  const sex = SEXES.find(([k]) => k === enc.patient?.sex)?.[1];
  $('patient-facts').textContent = [age === null ? null : `${age} y`, sex].filter(Boolean).join(' · ');
  $('patient-mrn').textContent = p.mrn;
  $('patient-dob').textContent = enc.patient?.birth_date ?? '—';
  const payerId = enc.coverage?.payer;
  const plan = PLAN_TYPES.find(([k]) => k === enc.coverage?.plan_type)?.[1];
  const payerName = state.preset.payer_profile?.id === payerId ? state.preset.payer_profile.name : PAYER_NAMES[payerId] ?? payerId;
  $('patient-payer').textContent = [payerName, plan && plan !== payerName ? plan : null].filter(Boolean).join(' · ') || '—';
  $('visit-date').textContent = `${enc.date_of_service ?? '—'} · POS ${enc.place_of_service ?? '—'}`;
  $('provider-name').textContent = PROVIDER_NAME;
  const cs = $('claim-summary');
  if (cs) {
    const auths = (enc.authorizations ?? []).length;
    const priors = (enc.prior_procedures ?? []).length;
    cs.textContent = `${payerName ?? 'no payer'} · eligibility ${enc.coverage?.eligibility_checked_on ?? 'not checked'} · ${auths} authorization${auths === 1 ? '' : 's'} · ${priors} prior procedure${priors === 1 ? '' : 's'}`;
  }
}

// ---------------------------------------------------------------- rendering

function focusKey(el) {
  if (!el || el === document.body) return null;
  if (el.dataset?.togglePath) return { path: el.dataset.togglePath, value: el.dataset.value, toggle: true };
  if (el.dataset?.path) {
    const group = el.dataset.group ? [...document.querySelectorAll(`[data-group="${CSS.escape(el.dataset.group)}"]`)].indexOf(el) : 0;
    return { path: el.dataset.path, group };
  }
  if (el.dataset?.action) return { action: el.dataset.action, index: el.dataset.index ?? null };
  return el.id ? { id: el.id } : null;
}

function restoreFocus(key) {
  if (!key) return;
  let el = null;
  if (key.id) el = document.getElementById(key.id);
  else if (key.action) {
    el = document.querySelector(`[data-action="${CSS.escape(key.action)}"]${key.index === null ? '' : `[data-index="${CSS.escape(key.index)}"]`}`)
      ?? document.querySelector(`[data-action="${CSS.escape(key.action)}"]`);
  }
  else if (key.toggle) el = document.querySelector(`[data-toggle-path="${CSS.escape(key.path)}"][data-value="${CSS.escape(key.value ?? '')}"]`);
  else el = document.querySelectorAll(`[data-path="${CSS.escape(key.path)}"]:is(input, select)`)[key.group ?? 0] ?? null;
  el?.focus({ preventScroll: true });
}

function renderAll() {
  const key = focusKey(document.activeElement);
  $('sections').replaceChildren(...renderNote(state.enc, ctx));
  bindIcdSearch($('sections'), {
    getDb: () => state.icdDb,
    onLoaded: (db) => { state.icdDb = db; refreshTitles(); },
    onPick: (code) => mutate((enc) => { ensureDiagnosis(enc, code); return enc; }, { focus: { id: 'icd-search' } }),
  });
  renderBanner();
  restoreFocus(key);
  check();
}

/** After the ICD-10-CM titles load: fill in titles without rebuilding the note. */
function refreshTitles() {
  for (const row of document.querySelectorAll('.dx-row')) {
    const code = row.querySelector('[data-path$=".code"]').value;
    row.querySelector('.dx-title').textContent = ctx.titleOf(code) ?? '';
  }
  for (const sel of document.querySelectorAll('select[data-path$=".diagnosis"]')) {
    for (const opt of sel.options) if (opt.value) opt.textContent = `${opt.value} ${ctx.titleOf(opt.value) ?? ''}`.trim();
  }
}

// ---------------------------------------------------------------- validation

const ISO = /^\d{4}-\d\d-\d\d$/;

function timeValidate(enc, options) {
  // Browsers coarsen performance.now() (100 µs in Chromium without cross-origin
  // isolation), so a single call often reads 0: repeat for about 3 ms and average.
  const start = performance.now();
  let n = 0;
  do {
    validator.validate(enc, options);
    n++;
  } while (performance.now() - start < 3 && n < 500);
  return ((performance.now() - start) / n) * 1000;
}

function check() {
  const enc = state.enc;
  const options = ISO.test(enc.signed_on ?? '') ? { today: enc.signed_on } : ISO.test(enc.date_of_service ?? '') ? { today: enc.date_of_service } : {};
  state.inputError = null;
  try {
    state.result = validator.validate(enc, options);
    const micros = timeValidate(enc, options);
    $('timing').textContent = `checked in ${micros < 10 ? micros.toFixed(1) : Math.round(micros)} µs`;
  } catch (e) {
    if (e.name !== 'ChargecheckInputError') throw e;
    state.result = null;
    state.inputError = e.details ?? { fields: [{ path: '', problem: e.message }] };
    $('timing').textContent = '';
  }
  renderFindings();
}

function renderFindings() {
  const r = state.result;
  const items = r ? r.findings.map((finding, i) => ({ key: String(i), finding })) : [];
  if (state.inputError) {
    for (const [i, f] of state.inputError.fields.entries()) {
      items.push({ key: `input-${i}`, finding: { rule: 'input', severity: 'error', category: 'claim_data', message: f.problem, charge: null, path: f.path || null, suggestion: null } });
    }
  }
  state.items = items;
  const live = items.filter((i) => !i.finding.overridden);
  const errors = live.filter((i) => i.finding.severity === 'error').length;
  const warnings = live.filter((i) => i.finding.severity === 'warning').length;
  const infos = live.filter((i) => i.finding.severity === 'info').length;
  const status = state.inputError ? 'invalid' : r.status;
  const pill = $('status-pill');
  const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const text = state.signed ? 'Signed'
    : status === 'invalid' ? `Cannot check: ${plural(state.inputError.fields.length, 'field')} to correct`
      : status === 'blocked' ? `Blocked · ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`
        : status === 'review' ? `Review · ${plural(warnings, 'warning')}`
          : 'Ready to sign · no issues';
  if (pill.textContent !== text) pill.textContent = text;
  pill.className = `status-pill status-${state.signed ? 'signed' : status}`;
  document.body.dataset.status = status;

  $('review-counts').replaceChildren(
    h('span', { class: 'count count-error' }, plural(errors, 'error')),
    h('span', { class: 'count count-warning' }, plural(warnings, 'warning')),
    h('span', { class: 'count count-info' }, `${infos} info`),
    h('span', { class: 'count count-rules' }, `${rulesById.size} rules · ${r?.rules_version ?? validator.rulesVersion}`));

  const onApply = (key) => apply(key);
  placeInline($('sections'), items, { onApply });
  renderPanel($('findings-view'), items.filter((i) => !i.key.startsWith('input-')), {
    onApply, onShow: showInNote, rulesById, inputError: state.inputError,
  });
  if (state.cds && toCdsHooksCards && r) renderCards($('cds-view'), toCdsHooksCards(r), { items, onApply });

  const sign = $('sign');
  const blocked = status === 'invalid' || status === 'blocked';
  sign.disabled = blocked || !!state.signed;
  sign.hidden = !!state.signed;
  $('amend').hidden = !state.signed;
  $('sign-hint').textContent = state.signed ? ''
    : blocked ? (status === 'invalid' ? 'Correct the highlighted fields to sign' : `Resolve ${plural(errors, 'error')} to sign`)
      : warnings ? `${plural(warnings, 'warning')}: sign with a reason` : '';
  const claimCount = items.filter((i) => !i.finding.overridden && i.finding.severity !== 'info' && /^(coverage|providers|patient|place_of_service|date_of_service|signed_on|authorizations|prior_procedures)/.test(i.finding.path ?? '')).length;
  const claimCard = $('sec-claim');
  if (claimCard) {
    claimCard.classList.toggle('has-findings', claimCount > 0);
    if (claimCount > 0 && !state.claimOpen) { claimCard.open = true; state.claimOpen = true; }
  }
}

function showInNote(path, charge) {
  const target = (path && document.querySelector(`[data-path="${CSS.escape(path)}"]:is(input, select, button)`))
    ?? (path && document.querySelector(`.flagged:is(input, select)`))
    ?? (charge !== null && charge !== undefined ? document.querySelector(`[data-row="charges[${charge}]"] input`) : null);
  if (!target) return;
  const details = target.closest('details');
  if (details && !details.open) details.open = true;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- edits

/** A structural edit: snapshot for undo, change, re-render, re-check. */
function mutate(fn, { undoLabel, focus } = {}) {
  if (state.signed) return;
  const before = clone(state.enc);
  const after = fn(clone(state.enc));
  state.enc = after;
  if (undoLabel) state.undo = before;
  renderAll();
  if (focus) restoreFocus(focus);
}

function apply(key) {
  const item = state.items.find((i) => i.key === key);
  if (!item) return;
  try {
    const label = item.finding.suggestion ? Object.keys(item.finding.suggestion)[0].replace('_', ' ') : 'fix';
    mutate((enc) => applySuggestion(enc, item.finding), { undoLabel: label });
    toast(`Applied: ${item.finding.message.length > 90 ? `${item.finding.message.slice(0, 88)}…` : item.finding.message}`, true);
  } catch (e) {
    toast(`Could not apply: ${e.message}`);
  }
}

function readValue(el) {
  const raw = el.value;
  switch (el.dataset.kind) {
    case 'bool': return el.checked;
    case 'sel': return raw === '' ? null : raw;
    case 'code': return raw.trim().toUpperCase();
    case 'num': { const t = raw.trim(); return t === '' ? null : /^\d+(\.\d+)?$/.test(t) ? Number(t) : t; }
    case 'int': { const t = raw.trim(); return t === '' ? null : /^-?\d+$/.test(t) ? Number(t) : t; }
    case 'list': return raw.split(/[,\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
    default: return raw.trim() === '' ? null : raw;
  }
}

function readGroup(el) {
  const inputs = [...document.querySelectorAll(`[data-group="${CSS.escape(el.dataset.group)}"]`)];
  const values = inputs.map((i) => i.value.trim().toUpperCase());
  switch (el.dataset.kind) {
    case 'slots': return values.filter(Boolean);
    case 'islots': return values.filter(Boolean).map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    case 'ints': return values.map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    default: return values;
  }
}

function onInput(e) {
  const el = e.target;
  if (state.signed || !el.dataset?.path || el.dataset.actionChange) return;
  const path = el.dataset.path;
  const value = el.dataset.group ? readGroup(el) : readValue(el);
  setAt(state.enc, path, value);
  // Keep the few derived labels current without rebuilding the note.
  if (/^charges\[\d+\]\.code$/.test(path)) el.parentElement.querySelector('.code-label').textContent = ctx.cptLabel(value) ?? '';
  if (/^diagnoses\[\d+\]\.code$/.test(path)) el.closest('.dx-row').querySelector('.dx-title').textContent = ctx.titleOf(value) ?? '';
  if (/^procedures\[\d+\]\.stages$/.test(path) && Number.isInteger(value) && value >= 1 && value <= 20) {
    const pr = getAt(state.enc, path.replace(/\.stages$/, ''));
    const blocks = [...(pr.blocks ?? [])];
    while (blocks.length < value) blocks.push(blocks.at(-1) ?? 1);
    pr.blocks = blocks.slice(0, value);
    renderAll();
    return;
  }
  if (/^(patient|coverage|date_of_service|place_of_service)/.test(path)) renderBanner();
  check();
}

function onChange(e) {
  const el = e.target;
  if (state.signed) return;
  const action = el.dataset?.actionChange;
  if (action === 'procedure-type') {
    const i = Number(el.dataset.index);
    mutate((enc) => {
      const old = enc.procedures[i];
      enc.procedures[i] = { id: old.id, type: el.value, lesions: old.lesions ?? [], ...clone(PROCEDURE_TYPES[el.value].defaults) };
      return enc;
    });
  } else if (action === 'add-procedure' && el.value) {
    const type = el.value;
    mutate((enc) => {
      enc.procedures ??= [];
      const prefix = type === 'repair' ? 'R' : type === 'mohs' ? 'M' : 'P';
      const lesions = type === 'repair' ? [] : (enc.lesions ?? []).slice(0, 1).map((l) => l.id);
      const site = type === 'repair' ? { site: enc.lesions?.[0]?.site ?? null } : {};
      enc.procedures.push({ id: nextId(enc.procedures, prefix), type, lesions, ...clone(PROCEDURE_TYPES[type].defaults), ...site });
      return enc;
    });
  } else if (/^diagnoses\[\d+\]\.code$/.test(el.dataset?.path ?? '')) {
    renderAll(); // lesion diagnosis lists follow the assessment
  }
}

const ACTIONS = {
  'add-visit': (enc) => {
    enc.visit = { patient_status: 'established', mdm: { problems: null, data: null, risk: null }, total_minutes: null, separately_identifiable: false, decision_for_surgery: false };
    return enc;
  },
  'remove-visit': (enc) => { delete enc.visit; return enc; },
  'add-lesion': (enc) => {
    enc.lesions ??= [];
    enc.lesions.push({ id: nextId(enc.lesions, 'L'), site: null, laterality: null, diameter_cm: null, diagnosis: enc.diagnoses?.[0]?.code ?? null, pathology: null, symptoms: [] });
    return enc;
  },
  'remove-lesion': (enc, i) => removeLesion(enc, i),
  'remove-procedure': (enc, i) => removeProcedure(enc, i),
  'remove-diagnosis': (enc, i) => removeDiagnosis(enc, i),
  'add-charge': (enc) => {
    enc.charges ??= [];
    enc.charges.push({ code: '', modifiers: [], units: 1, diagnosis_pointers: enc.diagnoses?.length ? [1] : [], procedures: [] });
    return enc;
  },
  'remove-charge': (enc, i) => removeCharge(enc, i),
  'add-authorization': (enc) => {
    enc.authorizations ??= [];
    enc.authorizations.push({ number: '', codes: [], start: enc.date_of_service, end: enc.date_of_service, units: null });
    return enc;
  },
  'remove-authorization': (enc, i) => { enc.authorizations.splice(i, 1); return enc; },
  'add-prior': (enc) => {
    enc.prior_procedures ??= [];
    enc.prior_procedures.push({ date: addDays(enc.date_of_service, -7) ?? enc.date_of_service, code: '', diagnoses: [] });
    return enc;
  },
  'remove-prior': (enc, i) => { enc.prior_procedures.splice(i, 1); return enc; },
};

function onClick(e) {
  const toggleBtn = e.target.closest('[data-toggle-path]');
  if (toggleBtn && !state.signed) {
    const path = toggleBtn.dataset.togglePath;
    const value = toggleBtn.dataset.value;
    const list = [...(getAt(state.enc, path) ?? [])];
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    else list.push(value);
    setAt(state.enc, path, list);
    toggleBtn.setAttribute('aria-pressed', at >= 0 ? 'false' : 'true');
    check();
    return;
  }
  const btn = e.target.closest('[data-action]');
  if (!btn || state.signed) return;
  const action = btn.dataset.action;
  const index = Number(btn.dataset.index);
  if (action === 'pick-site') {
    const lesion = state.enc.lesions[index];
    bodyMap.open(lesion, (site, laterality) => {
      mutate((enc) => { enc.lesions[index].site = site; enc.lesions[index].laterality = laterality; return enc; },
        { focus: { path: `lesions[${index}].site` } });
    });
    return;
  }
  if (action === 'generate-charges') { generateCharges(); return; }
  const fn = ACTIONS[action];
  if (fn) mutate((enc) => fn(enc, index), { undoLabel: action });
}

function generateCharges() {
  let suggested;
  try {
    suggested = validator.suggestCharges(state.enc);
  } catch (e) {
    toast(e.name === 'ChargecheckInputError' ? 'Correct the highlighted fields first: the note cannot be read yet.' : `Could not generate charges: ${e.message}`);
    return;
  }
  const before = (state.enc.charges ?? []).length;
  mutate((enc) => { enc.charges = suggested; enc.overrides = []; return enc; }, { undoLabel: 'generate' });
  toast(`Generated ${suggested.length} charge line${suggested.length === 1 ? '' : 's'} from the documentation${before ? ` (replaced ${before})` : ''}.`, true);
}

// ---------------------------------------------------------------- sign

function openSignDialog(warnings) {
  const mount = $('sign-warnings');
  mount.replaceChildren(...warnings.map(({ key, finding: f }, i) => {
    const id = `reason-${i}`;
    const otherId = `reason-other-${i}`;
    const sel = h('select', { id, 'data-key': key, required: true },
      h('option', { value: '' }, 'Choose a reason…'), OVERRIDE_REASONS.map((r) => h('option', { value: r }, r)), h('option', { value: 'other' }, 'Other…'));
    const other = h('input', { id: otherId, type: 'text', class: 'reason-other', hidden: true, 'aria-label': 'Other reason', maxlength: 200 });
    sel.addEventListener('change', () => { other.hidden = sel.value !== 'other'; other.required = sel.value === 'other'; });
    return h('div', { class: 'sign-warning' },
      h('p', { class: 'finding-msg' }, h('span', { class: 'sev-badge sev-warning' }, 'Warning'), ` ${f.message}`),
      h('label', { for: id }, `Reason${f.charge !== null ? ` for line ${f.charge + 1}` : ''}`), sel, other);
  }));
  $('sign-dialog').showModal();
}

$('sign-form').addEventListener('submit', (e) => {
  const reasons = [...$('sign-warnings').querySelectorAll('select')].map((sel) => {
    const item = state.items.find((i) => i.key === sel.dataset.key);
    const other = sel.parentElement.querySelector('.reason-other');
    return { rule: item.finding.rule, charge: item.finding.charge, reason: sel.value === 'other' ? other.value.trim() : sel.value };
  });
  if (reasons.some((r) => !r.reason)) { e.preventDefault(); return; }
  state.enc = withOverrides(state.enc, reasons);
  check();
  const left = state.items.filter((i) => !i.finding.overridden && i.finding.severity !== 'info');
  if (left.length) toast(`${left.length} finding${left.length === 1 ? '' : 's'} cannot be overridden and must be fixed.`);
  else signNote();
});
$('sign-cancel').addEventListener('click', () => $('sign-dialog').close());

$('sign').addEventListener('click', () => {
  if (state.signed || state.inputError || state.result?.status === 'blocked') return;
  const warnings = state.items.filter((i) => !i.finding.overridden && i.finding.severity === 'warning');
  if (warnings.length) openSignDialog(warnings);
  else signNote();
});

function signNote() {
  const now = new Date();
  const time = now.toTimeString().slice(0, 5);
  const lines = (state.enc.charges ?? []).length;
  const overrides = (state.enc.overrides ?? []).length;
  state.signed = { at: now };
  $('note-form').disabled = true;
  const banner = $('signed-banner');
  banner.hidden = false;
  banner.replaceChildren(
    h('strong', {}, `Note signed by ${PROVIDER_NAME}`),
    h('span', {}, ` on ${state.enc.signed_on ?? state.enc.date_of_service} at ${time}. ${lines} charge line${lines === 1 ? '' : 's'} released to billing`
      + `${overrides ? ` with ${overrides} documented override${overrides === 1 ? '' : 's'}` : ''}.`));
  $('toast').hidden = true;
  state.undo = null;
  renderFindings();
  window.scrollTo({ top: 0 });
  $('amend').focus({ preventScroll: true });
}

$('amend').addEventListener('click', () => {
  state.signed = null;
  $('note-form').disabled = false;
  $('signed-banner').hidden = true;
  renderFindings();
  $('sign').focus();
});

// ---------------------------------------------------------------- toast, presets, start

let toastTimer = null;
function toast(text, undoable = false) {
  $('toast-text').textContent = text;
  $('toast-undo').hidden = !(undoable && state.undo);
  $('toast').hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').hidden = true; }, 8000);
}
$('toast-close').addEventListener('click', () => { $('toast').hidden = true; });
$('toast-undo').addEventListener('click', () => {
  if (!state.undo || state.signed) return;
  state.enc = state.undo;
  state.undo = null;
  $('toast').hidden = true;
  renderAll();
});

function loadPreset(preset) {
  state.preset = preset;
  state.enc = clone(preset.encounter);
  state.signed = null;
  state.undo = null;
  // Scenarios about coverage, authorizations or global periods open that card.
  state.claimOpen = (preset.encounter.prior_procedures ?? []).length > 0 || (preset.encounter.authorizations ?? []).length > 0;
  if (preset.payer_profile) validator.addPayerProfile(preset.payer_profile);
  $('note-form').disabled = false;
  $('signed-banner').hidden = true;
  $('toast').hidden = true;
  $('scenario-story').replaceChildren(h('strong', {}, preset.title), h('span', {}, ` ${preset.story}`));
  for (const b of document.querySelectorAll('#preset-buttons button')) b.setAttribute('aria-pressed', String(b.dataset.preset === preset.id));
  history.replaceState(null, '', `#${preset.id}`);
  renderAll();
}

$('preset-buttons').replaceChildren(...PRESETS.map((p) => h('button', {
  type: 'button', class: 'scenario', 'data-preset': p.id, 'aria-pressed': 'false', title: p.title, onClick: () => loadPreset(p),
}, p.label)));

$('cds-toggle').hidden = false;
if (!toCdsHooksCards) $('cds-toggle').closest('label').hidden = true;
$('cds-toggle').addEventListener('change', (e) => {
  state.cds = e.target.checked;
  $('cds-view').hidden = !state.cds;
  $('findings-view').hidden = state.cds;
  renderFindings();
});

const sections = $('sections');
sections.addEventListener('input', onInput);
sections.addEventListener('change', onChange);
sections.addEventListener('click', onClick);

$('rules-version').textContent = `rules ${validator.rulesVersion}`;
// Warm-up: browsers first run wasm in a baseline tier and optimise hot functions
// after some calls. An EHR validates on every keystroke, so the steady state is the
// number that matters; a few hundred calls (about 20 ms) reach it before the first paint.
for (let i = 0; i < 300; i++) validator.validate(PRESETS[0].encounter, { today: PRESETS[0].encounter.date_of_service });

const initial = PRESETS.find((p) => `#${p.id}` === location.hash) ?? PRESETS[0];
loadPreset(initial);
document.body.dataset.ready = 'true';
