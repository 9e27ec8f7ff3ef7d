// Findings on the page: next to the field or line they concern (finding.path and
// finding.charge), and grouped by severity in the review panel; or, with the toggle,
// as the CDS Hooks cards an EHR would receive.
import { h } from './dom.js';
import { ancestors } from '../lib/paths.js';
import { describeSuggestion, suggestionKind } from '../lib/apply.js';
import { SEVERITY_LABEL, CATEGORY_LABEL } from '../lib/vocab.js';

/** Top-level encounter fields that live in the collapsed "Encounter, coverage" card. */
const CLAIM_FIELDS = new Set(['coverage', 'providers', 'patient', 'place_of_service', 'date_of_service', 'signed_on',
  'authorizations', 'prior_procedures']);

const SEVERITY_ORDER = ['error', 'warning', 'info'];

function slotFor(root, f) {
  for (const a of f.path ? ancestors(f.path) : []) {
    const key = CLAIM_FIELDS.has(a) ? 'claim' : a;
    const el = root.querySelector(`[data-slot="${CSS.escape(key)}"]`);
    if (el) return el;
  }
  if (f.charge !== null && f.charge !== undefined) return root.querySelector(`[data-slot="charges[${f.charge}]"]`);
  return null;
}

function fieldsFor(root, path) {
  if (!path) return [];
  for (const a of ancestors(path)) {
    const els = [...root.querySelectorAll(`[data-path="${CSS.escape(a)}"]`)];
    if (els.length) return els;
  }
  return [];
}

const lineOf = (f) => (f.charge === null || f.charge === undefined ? null : `Line ${f.charge + 1}`);

function applyButton(f, key, onApply, compact) {
  const label = describeSuggestion(f.suggestion, f.charge);
  if (!label || f.overridden) return null;
  return h('button', {
    type: 'button', class: `btn btn-small btn-apply${compact ? ' btn-apply-compact' : ''}`, 'data-apply': key,
    onClick: () => onApply(key),
  }, label);
}

/**
 * Clears and re-places the inline findings. `items` are [{key, finding}] where key
 * identifies the finding for apply/focus; returns the element id of each placed item.
 */
export function placeInline(root, items, { onApply }) {
  for (const el of root.querySelectorAll('.row-findings')) el.replaceChildren();
  for (const el of root.querySelectorAll('.flagged, .flag-error, .flag-warning, .flag-info')) {
    el.classList.remove('flagged', 'flag-error', 'flag-warning', 'flag-info');
  }
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of root.querySelectorAll('[data-described]')) { el.removeAttribute('aria-describedby'); el.removeAttribute('data-described'); }

  const placed = new Map();
  for (const { key, finding: f } of items) {
    const sev = f.overridden ? 'overridden' : f.severity;
    const id = `inline-${key}`;
    const target = slotFor(root, f);
    if (target) {
      target.append(h('div', { class: `finding finding-${sev}`, id },
        h('span', { class: `sev-badge sev-${sev}` }, f.overridden ? 'Overridden' : SEVERITY_LABEL[f.severity] ?? f.severity),
        h('span', { class: 'finding-msg' }, f.message),
        f.overridden && f.override_reason ? h('span', { class: 'finding-meta' }, `Reason: ${f.override_reason}`) : null,
        applyButton(f, key, onApply)));
      placed.set(key, id);
    }
    if (f.overridden || f.severity === 'info') continue;
    for (const el of fieldsFor(root, f.path)) {
      el.classList.add('flagged', `flag-${f.severity}`);
      if (el.matches('input, select, textarea')) {
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('aria-describedby', id);
        el.setAttribute('data-described', '');
      }
    }
    if (f.charge !== null && f.charge !== undefined) {
      const row = root.querySelector(`[data-row="charges[${f.charge}]"]`);
      row?.classList.add(`flag-${f.severity}`);
      const chargeSlot = root.querySelector(`[data-slot="charges[${f.charge}]"]`);
      if (chargeSlot && chargeSlot !== target) {
        chargeSlot.append(h('div', { class: `finding finding-${sev} finding-ref` },
          h('span', { class: `sev-badge sev-${sev}` }, SEVERITY_LABEL[f.severity]),
          h('span', { class: 'finding-msg' }, `${f.message}`),
          applyButton(f, key, onApply, true)));
      }
    }
  }
  return placed;
}

/** The review panel: counts, then findings grouped by severity (overridden last). */
export function renderPanel(container, items, { onApply, onShow, rulesById, inputError }) {
  container.replaceChildren();
  if (inputError) {
    container.append(h('div', { class: 'group group-error' },
      h('h3', {}, 'The note cannot be checked yet'),
      h('ul', { class: 'finding-list' }, inputError.fields.map((fld) => h('li', { class: 'finding-card finding-error' },
        h('div', { class: 'finding-msg' }, fld.problem),
        h('div', { class: 'finding-meta' }, fld.path || '(whole note)'),
        fld.path ? h('button', { type: 'button', class: 'btn btn-small', onClick: () => onShow(fld.path, null) }, 'Show in note') : null)))));
    return;
  }
  if (!items.length) {
    container.append(h('div', { class: 'all-clear' },
      h('strong', {}, 'No findings.'),
      h('span', {}, ' The documentation supports every charge line as coded.')));
    return;
  }
  const groups = [...SEVERITY_ORDER.map((s) => [s, items.filter((i) => !i.finding.overridden && i.finding.severity === s)]),
    ['overridden', items.filter((i) => i.finding.overridden)]];
  const titles = { error: 'Errors · must be fixed before signing', warning: 'Warnings · review, fix or sign with a reason', info: 'For information', overridden: 'Overridden' };
  for (const [sev, group] of groups) {
    if (!group.length) continue;
    container.append(h('section', { class: `group group-${sev}`, 'aria-label': titles[sev] },
      h('h3', {}, h('span', { class: `sev-dot sev-${sev}`, 'aria-hidden': 'true' }), `${titles[sev]} (${group.length})`),
      h('ul', { class: 'finding-list' }, group.map(({ key, finding: f }) => {
        const rule = rulesById.get(f.rule);
        return h('li', { class: `finding-card finding-${f.overridden ? 'overridden' : f.severity}`, 'data-rule': f.rule },
          h('div', { class: 'finding-msg' }, f.message),
          h('div', { class: 'finding-meta' },
            [CATEGORY_LABEL[f.category] ?? f.category, lineOf(f), f.rule].filter(Boolean).join(' · ')),
          f.overridden ? h('div', { class: 'finding-meta' }, `Override reason: ${f.override_reason ?? ''}`) : null,
          h('div', { class: 'finding-actions' },
            applyButton(f, key, onApply),
            (f.path || f.charge !== null) ? h('button', { type: 'button', class: 'btn btn-small btn-quiet', onClick: () => onShow(f.path, f.charge) }, 'Show in note') : null),
          rule ? whyDetails(rule) : null);
      }))));
  }
}

function whyDetails(rule) {
  return h('details', { class: 'why' },
    h('summary', {}, 'Why this rule'),
    h('p', {}, rule.summary),
    rule.rationale ? h('p', { class: 'muted' }, rule.rationale) : null,
    h('ul', { class: 'citations' }, (rule.citations ?? []).map((c) => h('li', {},
      c.source, c.locator ? `, ${c.locator}` : '', c.follows === 'inspired' ? ' (inspired by)' : ''))));
}

/** Finds a contract suggestion and charge inside a card's extension, wherever the package put them. */
function cardLink(card) {
  let found = null;
  const walk = (v, depth) => {
    if (found || !v || typeof v !== 'object' || depth > 4) return;
    if (!Array.isArray(v) && ('rule' in v || 'suggestion' in v) && ('charge' in v)) { found = v; return; }
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(card.extension, 0);
  return found;
}

const plain = (md) => String(md ?? '').replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');

/** CDS Hooks cards (as `toCdsHooksCards` returns them), with their JSON. */
export function renderCards(container, cards, { items, onApply }) {
  container.replaceChildren();
  const intro = h('p', { class: 'muted cds-intro' },
    'What an EHR receives through CDS Hooks: the same findings as cards (summary, indicator, source, suggestions, override reasons).');
  if (!cards.length) {
    container.append(intro, h('div', { class: 'all-clear' }, h('strong', {}, 'No cards.'), h('span', {}, ' Nothing to show the clinician.')));
    return;
  }
  container.append(intro, h('ul', { class: 'cds-list' }, cards.map((card) => {
    const link = cardLink(card);
    const match = link ? items.find(({ finding: f }) => (link.rule === undefined || f.rule === link.rule) && f.charge === link.charge
      && (!link.suggestion || JSON.stringify(f.suggestion) === JSON.stringify(link.suggestion))) : null;
    const line = link && link.charge !== null && link.charge !== undefined ? `Line ${link.charge + 1}` : null;
    return h('li', { class: `cds-card cds-${card.indicator}` },
      h('div', { class: 'cds-top' },
        h('span', { class: `cds-indicator cds-ind-${card.indicator}` }, card.indicator),
        line ? h('span', { class: 'pill' }, line) : null,
        h('span', { class: 'cds-source' }, card.source?.label ?? '')),
      h('div', { class: 'cds-summary' }, card.summary),
      card.detail ? h('details', { class: 'cds-more' }, h('summary', {}, 'Detail'), h('div', { class: 'cds-detail' }, plain(card.detail))) : null,
      card.suggestions?.length ? h('div', { class: 'cds-suggestions' },
        card.selectionBehavior ? h('span', { class: 'muted' }, `selectionBehavior: ${card.selectionBehavior}`) : null,
        card.suggestions.map((s) => h('button', {
          type: 'button', class: `btn btn-small${s.isRecommended ? ' btn-accent' : ''}`,
          disabled: !(match && suggestionKind(match.finding.suggestion)),
          title: match ? 'Apply through the note screen' : 'The host EHR applies this action',
          onClick: () => match && onApply(match.key),
        }, s.label))) : null,
      card.overrideReasons?.length ? h('div', { class: 'cds-overrides' },
        h('span', { class: 'muted' }, 'Override reasons: '),
        card.overrideReasons.map((r) => h('span', { class: 'pill' }, r.display ?? r.code ?? String(r)))) : null,
      h('details', { class: 'cds-json' }, h('summary', {}, 'Card JSON'), h('pre', {}, JSON.stringify(card, null, 2))));
  })));
}
