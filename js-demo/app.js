// Minimal demo: validate the encounter JSON on every keystroke with the npm package.
import { createValidator } from './pkg/index.js';

const PRESETS = ['clean-shave-neck', 'excision-band-too-high', 'em-with-destruction', 'bad-npi-and-pointer'];
const $ = (id) => document.getElementById(id);

const validator = await createValidator();

function render(text) {
  const list = $('findings');
  list.replaceChildren();
  const t0 = performance.now();
  let result;
  try {
    result = validator.validate(text);
  } catch (e) {
    $('status').textContent = `Cannot check: ${e.message}`;
    $('status').className = 'status-blocked';
    for (const f of e.details?.fields ?? []) {
      const li = document.createElement('li');
      li.className = 'error';
      li.textContent = `${f.path || '(document)'}: ${f.problem}`;
      list.append(li);
    }
    return;
  } finally {
    $('timing').textContent = `${((performance.now() - t0) * 1000).toFixed(0)} µs`;
  }
  $('status').textContent = `${result.status} (rules ${result.rules_version})`;
  $('status').className = `status-${result.status}`;
  for (const f of result.findings) {
    const li = document.createElement('li');
    li.className = f.severity;
    const msg = document.createElement('div');
    msg.textContent = f.message;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = [f.severity, f.category, f.rule, f.charge === null ? null : `line ${f.charge + 1}`, f.path,
      f.suggestion ? `suggest ${JSON.stringify(f.suggestion)}` : null].filter(Boolean).join(' · ');
    li.append(msg, meta);
    list.append(li);
  }
}

async function load(name) {
  const res = await fetch(`examples/${name}.json`);
  $('encounter').value = await res.text();
  render($('encounter').value);
}

for (const name of PRESETS) $('preset').append(new Option(name.replaceAll('-', ' '), name));
$('preset').addEventListener('change', (e) => load(e.target.value));
$('encounter').addEventListener('input', (e) => render(e.target.value));
await load(PRESETS[0]);
