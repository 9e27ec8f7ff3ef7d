// The "Add a diagnosis" combobox (WAI-ARIA combobox with a listbox popup). The
// ICD-10-CM titles (2.8 MB) are fetched on the first focus of the box, not on page load.
import { h } from './dom.js';
import { loadDescriptions, searchCodes } from '../lib/icd.js';

export function bindIcdSearch(root, { getDb, onLoaded, onPick }) {
  const box = root.querySelector('#icd-search');
  const list = root.querySelector('#icd-results');
  const status = root.querySelector('#icd-status');
  if (!box) return;
  let results = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    for (const [j, li] of [...list.children].entries()) li.setAttribute('aria-selected', j === i ? 'true' : 'false');
    if (i >= 0 && list.children[i]) {
      box.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    }
  };
  const pick = (i) => {
    const r = results[i];
    if (!r) return;
    close();
    box.value = '';
    onPick(r.code);
  };
  const update = () => {
    const db = getDb();
    if (!db) return;
    results = searchCodes(db, box.value);
    list.replaceChildren(...results.map((r, i) => h('li', {
      id: `icd-opt-${i}`, role: 'option', 'aria-selected': 'false', class: r.billable ? '' : 'header-code',
      onMousedown: (e) => { e.preventDefault(); pick(i); },
    }, h('span', { class: 'opt-code' }, r.code), h('span', { class: 'opt-title' }, r.title),
    r.billable ? null : h('span', { class: 'opt-flag' }, 'category: pick a more specific code'))));
    const open = results.length > 0;
    list.hidden = !open;
    box.setAttribute('aria-expanded', String(open));
    status.textContent = box.value.trim() ? `${results.length}${results.length === 25 ? '+' : ''} matches` : '';
    highlight(open ? 0 : -1);
  };

  box.addEventListener('focus', () => {
    if (getDb()) return;
    status.textContent = 'Loading ICD-10-CM titles…';
    loadDescriptions().then((db) => {
      status.textContent = `${db.codes.length.toLocaleString('en-US')} ICD-10-CM codes and categories loaded`;
      onLoaded(db);
      if (box.value) update();
    }).catch((e) => { status.textContent = e.message; });
  });
  box.addEventListener('input', update);
  box.addEventListener('blur', close);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) update(); else highlight(Math.min(active + 1, results.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && active >= 0) pick(active);
      else if (/^[A-Z]\d/i.test(box.value.trim())) { onPick(box.value.trim().toUpperCase()); box.value = ''; }
    } else if (e.key === 'Escape') close();
  });
}
