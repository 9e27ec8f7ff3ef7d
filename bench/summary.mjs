// Prints the benchmark figures against the budgets (issue 8) as Markdown, with the
// machine. Reads target/bench/{native,node,chromium}.json written by tools/bench.sh.
// Exits 1 when BENCH_STRICT=1 and a budget is missed.
import { readFileSync, existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2] ?? 'target/bench';
const load = (f) => (existsSync(path.join(dir, f)) ? JSON.parse(readFileSync(path.join(dir, f), 'utf8')) : null);
const native = load('native.json') ?? {};
const node = load('node.json');
const chromium = load('chromium.json');
const sh = (c) => { try { return execSync(c, { encoding: 'utf8' }).trim(); } catch { return '?'; } };

const rows = [];
let missed = 0;
function row(what, figure, budget, ok) {
  if (ok === false) missed++;
  rows.push(`| ${what} | ${figure} | ${budget} | ${ok === undefined ? '' : ok ? 'met' : '**missed**'} |`);
}
const us = (x) => `${x} µs`;
const perS = (ns) => (ns ? Math.round(1e9 / ns).toLocaleString('en-US') : '?');

for (const [name, r] of [['Node', node], ['Chromium', chromium]]) {
  if (!r) continue;
  row(`typical, ${name}: p50 / p99 (${r.typical.calls.toLocaleString('en-US')} calls)`, `${us(r.typical.p50_us)} / ${us(r.typical.p99_us)}`, 'p50 ≤ 30 µs, p99 ≤ 100 µs', r.typical.p50_us <= 30 && r.typical.p99_us <= 100);
  row(`typical as JSON text, ${name}: p50 / p99`, `${us(r.typical_json_text.p50_us)} / ${us(r.typical_json_text.p99_us)}`, '(no budget)');
  row(`large, ${name}: p50 / p99`, `${us(r.large.p50_us)} / ${us(r.large.p99_us)}`, 'p99 ≤ 1 ms', r.large.p99_us <= 1000);
  const c = r.cold_start_ms;
  row(`cold start, ${name}: compile + instantiate + init`, `${c.compile} + ${c.instantiate} + ${c.init} = ${c.total} ms`, name === 'Chromium' ? '≤ 20 ms' : '(budget is Chromium)', name === 'Chromium' ? c.total <= 20 : undefined);
  const m = r.memory;
  row(`wasm memory, ${name}: after warm-up → after ${m.calls.toLocaleString('en-US')} calls`, `${m.after_warmup_bytes.toLocaleString('en-US')} → ${m.after_calls_bytes.toLocaleString('en-US')} bytes`, 'flat', m.flat);
  const x = r.mixed_good_and_bad;
  row(`mixed good/bad calls, ${name}`, `${x.calls.toLocaleString('en-US')} calls, ${x.wrong} wrong`, 'Validator usable after every error', x.wrong === 0);
}
const full = native['validate_json/typical/text_in_text_out'];
const rules = native['rules/typical/validate_decoded'];
if (full) row('native typical, JSON text in → Result JSON out, per core', `${perS(full.median_ns)} /s (${(full.median_ns / 1000).toFixed(2)} µs)`, '≥ 200,000 /s', 1e9 / full.median_ns >= 200_000);
if (rules) row('native typical, `Validator::validate` on a decoded encounter', `${perS(rules.median_ns)} /s (${(rules.median_ns / 1000).toFixed(2)} µs)`, '(engine only)');
const large = native['validate_json/large/text_in_text_out'];
if (large) row('native large, JSON text in → Result JSON out', `${perS(large.median_ns)} /s (${(large.median_ns / 1000).toFixed(1)} µs)`, '');

const cpu = (os.cpus()[0] ?? {}).model ?? '?';
console.log(`## Figures (${new Date().toISOString().slice(0, 10)})\n`);
console.log(`Machine: ${os.cpus().length} cores (nproc ${sh('nproc')}), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${sh('rustc --version')}; node ${process.version}; ${chromium?.browser ?? 'chromium ?'}.\n`);
console.log('| what | figure | budget | |\n|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`\n${missed === 0 ? 'Every budget met.' : `${missed} budget(s) missed.`}`);
if (missed && process.env.BENCH_STRICT === '1') process.exit(1);
