// Browser and bundler entry (ES module). The wasm is fetched next to this file
// (`new URL('./web/chargecheck_bg.wasm', import.meta.url)`, which Vite and webpack 5
// understand) unless you pass your own URL, Response, bytes or WebAssembly.Module.
import init, { Validator } from './web/chargecheck.js';

export { Validator };

let ready;

/** Loads the wasm once; later calls return the same promise. */
export function initChargecheck(wasm) {
  ready ??= init(wasm === undefined ? undefined : { module_or_path: wasm });
  return ready;
}

/** Loads the wasm (once) and returns a Validator with the embedded rules. */
export async function createValidator(options = {}) {
  await initChargecheck(options.wasm);
  return new Validator();
}
