// Usage (after tools/build-pkg.sh): node tools/icd10cm/wasm-decode-time.cjs "$PWD"
// Node: fresh wasm instances (new memory, so the ICD table is decoded again) of an
// already compiled module: time `new Validator()` = ICD decode + rules/facts parse;
// a second Validator in the same instance reuses the decoded table (rules/facts only).
const path = process.argv[2] + '/pkg/node/chargecheck.cjs';
const out = [];
for (let i = 0; i < 8; i++) {
  delete require.cache[require.resolve(path)];
  const cc = require(path);
  const t0 = process.hrtime.bigint();
  const v = new cc.Validator();
  const t1 = process.hrtime.bigint();
  const w = new cc.Validator();
  const t2 = process.hrtime.bigint();
  out.push([Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6]);
  v.free(); w.free();
}
console.log(out.map(([a, b]) => `first ${a.toFixed(2)} ms, second ${b.toFixed(2)} ms`).join('\n'));
