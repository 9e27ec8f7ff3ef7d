// One cold start, in a fresh process: import of the package's Node entry (which compiles
// and instantiates synchronously), and the three phases separately through the
// package's web build (compile, instantiate, init = new Validator()).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgWeb = require.resolve('chargecheck/package.json').replace(/package\.json$/, 'web/');
const t = () => performance.now();

const a = t();
const { initSync, Validator } = await import(pkgWeb + 'chargecheck.js');
const bytes = readFileSync(pkgWeb + 'chargecheck_bg.wasm');
const b = t();
const module = await WebAssembly.compile(bytes);
const c = t();
initSync({ module });
const d = t();
new Validator();
const e = t();
const f = t();
const { createValidator } = await import('chargecheck');
await createValidator();
const g = t();
console.log(JSON.stringify({ compile: c - b, instantiate: d - c, init: e - d, total: e - b, node_entry_import_and_create: g - f, glue_import_and_read: b - a }));
