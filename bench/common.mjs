// Measurement code shared by the Node harness (node.mjs) and the Chromium page
// (browser.html): the same loops, so the two sets of figures compare.
//
// Every timed call is the package's public call, `validator.validate(encounter, {today})`
// with the encounter as a JS object: JSON.stringify, the copy into wasm memory, parse,
// decode, every rule, and JSON.parse of the Result are all inside the timing.

export const TODAY = '2026-06-10';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Per-call latency in microseconds over `calls` calls after `warmup` calls.
 * `nowUs` is the clock (Node: hrtime; Chromium: performance.now, 5 us steps when the page
 * is cross-origin isolated).
 */
export function latency(validator, encounter, { calls, warmup, nowUs }) {
  const options = { today: TODAY };
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += validator.validate(encounter, options).findings.length;
  const samples = new Float64Array(calls);
  const start = nowUs();
  for (let i = 0; i < calls; i++) {
    const t0 = nowUs();
    sink += validator.validate(encounter, options).findings.length;
    samples[i] = nowUs() - t0;
  }
  const total = nowUs() - start;
  samples.sort();
  return {
    calls,
    warmup,
    p50_us: round(percentile(samples, 50)),
    p90_us: round(percentile(samples, 90)),
    p99_us: round(percentile(samples, 99)),
    p999_us: round(percentile(samples, 99.9)),
    max_us: round(samples[samples.length - 1]),
    mean_us: round(total / calls),
    calls_per_s: Math.round((calls / total) * 1e6),
    findings: sink / (calls + warmup),
  };
}

/**
 * WebAssembly memory over `calls` calls: the size after a warm-up of `warmup` calls and
 * every `step` calls after it. Flat means the last equals the first.
 */
export function memory(validator, encounter, { calls, warmup, step }) {
  const options = { today: TODAY };
  for (let i = 0; i < warmup; i++) validator.validate(encounter, options);
  const afterWarmup = validator.memoryBytes();
  const trace = [];
  for (let done = 0; done < calls; done += step) {
    for (let i = 0; i < step; i++) validator.validate(encounter, options);
    trace.push(validator.memoryBytes());
  }
  const last = trace[trace.length - 1];
  return { calls, warmup, after_warmup_bytes: afterWarmup, after_calls_bytes: last, max_bytes: Math.max(...trace), flat: last === afterWarmup };
}

/**
 * Mixed good and bad calls: every bad input must throw ChargecheckInputError and every
 * good one must keep returning the same Result afterwards (the Validator stays usable).
 */
export function mixed(validator, good, bad, { calls }) {
  const options = { today: TODAY };
  const expected = JSON.stringify(validator.validate(good, options));
  let goodCalls = 0, badCalls = 0, wrong = 0;
  for (let i = 0; i < calls; i++) {
    if (i % 2 === 0) {
      goodCalls++;
      if (JSON.stringify(validator.validate(good, options)) !== expected) wrong++;
    } else {
      badCalls++;
      try {
        validator.validate(bad[i % bad.length], options);
        wrong++;
      } catch (e) {
        if (e.name !== 'ChargecheckInputError') throw e;
      }
    }
  }
  return { calls, good: goodCalls, bad: badCalls, wrong };
}

function round(x) {
  return Math.round(x * 100) / 100;
}
