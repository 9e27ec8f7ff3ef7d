export { Validator } from './web/chargecheck.js';
import type { Validator } from './web/chargecheck.js';

/** Loads the wasm once (browsers); Node needs nothing. */
export function initChargecheck(wasm?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<unknown>;
/** Loads the wasm (once) and returns a Validator with the embedded rules. */
export function createValidator(options?: { wasm?: string | URL | Response | BufferSource | WebAssembly.Module }): Promise<Validator>;
