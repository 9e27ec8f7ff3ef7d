// A tiny DOM builder. Never sets inline styles (the page runs under a strict CSP
// without 'unsafe-inline'); classes carry every look.

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'indeterminate', 'readOnly', 'required', 'multiple', 'open']);

/** h('input', {class: 'x', 'data-path': 'a', value: '1', onInput: fn}, ...children) */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:') ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) {
      if (PROPS.has(k) && v === false) el[k] = false;
      continue;
    }
    if (k === 'style') throw new Error('inline styles are not allowed under the page CSP');
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'text') el.textContent = v;
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

let uid = 0;
export const newId = (prefix = 'id') => `${prefix}-${++uid}`;

/** A <select> from [value, label] pairs (or optgroups: [groupLabel, pairs]). */
export function select(attrs, options, current) {
  const cur = current ?? '';
  const opt = ([v, label]) => h('option', { value: v, selected: String(v) === String(cur) }, label);
  const items = options.map((o) => (Array.isArray(o[1]) ? h('optgroup', { label: o[0] }, o[1].map(opt)) : opt(o)));
  if (cur !== '' && !options.flatMap((o) => (Array.isArray(o[1]) ? o[1] : [o])).some(([v]) => String(v) === String(cur))) {
    items.push(h('option', { value: cur, selected: true }, `${cur} (unknown)`));
  }
  return h('select', attrs, items);
}

/** A labelled field: visible label above the control. */
export function field(label, control, { className = '', hint } = {}) {
  const id = control.id || (control.id = newId('f'));
  return h('div', { class: `field ${className}` }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint' }, hint) : null);
}
