// Browser and bundler entry (ES module). The wasm is fetched next to the glue
// (`new URL('chargecheck_bg.wasm', import.meta.url)`, which Vite and webpack 5 turn into an
// asset URL) unless you pass your own URL, Response, bytes or WebAssembly.Module.
import init, { Validator } from './web/chargecheck.js';

export { Validator };

let ready;
let loaded = false;
let shared;

/** Loads the wasm once; later calls return the same promise. */
export function initChargecheck(wasm) {
  ready ??= init(wasm === undefined ? undefined : { module_or_path: wasm }).then(() => {
    loaded = true;
  });
  return ready;
}

/** Loads the wasm (once) and returns a Validator with the embedded rules. */
export async function createValidator(options = {}) {
  await initChargecheck(options.wasm);
  return new Validator();
}

/** CDS Hooks 2.0 cards for a Result (after `createValidator()` or `initChargecheck()`). */
export function toCdsHooksCards(result, options) {
  if (!loaded) {
    throw new Error('chargecheck: await createValidator() or initChargecheck() before toCdsHooksCards()');
  }
  shared ??= new Validator();
  return shared.toCdsHooksCards(result, options);
}

/** Whether an error is chargecheck's "could not check this input" error. */
export function isChargecheckInputError(error) {
  return error instanceof Error && error.name === 'ChargecheckInputError';
}
