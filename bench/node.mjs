// Node harness on the built package (pkg/): cold start (compile, instantiate, init) in
// fresh processes, per-call latency (median, p99) over >= 100k calls after warm-up with
// marshalling included, and WebAssembly memory over a million calls.
//
// Run: node bench/node.mjs [--quick] [--out FILE]      (tools/bench.sh runs it)
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { latency, memory, mixed } from './common.mjs';
import { loadFixtures, badInputs } from './inputs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : null;
const scale = quick ? 0.1 : 1;

const nowUs = () => Number(process.hrtime.bigint()) / 1000;

// Cold start: each sample in a fresh process (no compiled-code cache).
function coldStart(samples) {
  const runs = [];
  for (let i = 0; i < samples; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [path.join(here, 'node-cold.mjs')], { encoding: 'utf8' })));
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, Math.round(median(k) * 100) / 100]));
}

const { createValidator } = await import('chargecheck');
const fixtures = await loadFixtures((p) => readFile(path.join(root, p), 'utf8'));
const validator = await createValidator();

const results = {
  runtime: `node ${process.version}`,
  cold_start_ms: coldStart(quick ? 3 : 7),
  typical: latency(validator, fixtures.typical, { calls: Math.round(100_000 * scale), warmup: Math.round(20_000 * scale), nowUs }),
  typical_json_text: latency(validator, JSON.stringify(fixtures.typical), { calls: Math.round(100_000 * scale), warmup: Math.round(20_000 * scale), nowUs }),
  large: latency(validator, fixtures.large, { calls: Math.round(100_000 * scale), warmup: Math.round(5_000 * scale), nowUs }),
  memory: memory(validator, fixtures.typical, { calls: Math.round(1_000_000 * scale), warmup: 10_000, step: Math.round(100_000 * scale) }),
  mixed_good_and_bad: mixed(validator, fixtures.typical, badInputs(fixtures.typical), { calls: Math.round(1_000_000 * scale) }),
};
// Memory after the million mixed calls too (errors must not leak either).
results.memory.after_mixed_bytes = validator.memoryBytes();

console.log(JSON.stringify(results, null, 2));
if (out) await writeFile(out, JSON.stringify(results, null, 2) + '\n');
