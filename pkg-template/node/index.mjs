// Node ES module entry: one wasm instance shared with CommonJS callers (no dual-package
// hazard), loaded synchronously from disk by the CommonJS glue.
import { createRequire } from 'node:module';

const cjs = createRequire(import.meta.url)('./index.cjs');

export const Validator = cjs.Validator;
export const createValidator = cjs.createValidator;
export const initChargecheck = cjs.initChargecheck;
export const toCdsHooksCards = cjs.toCdsHooksCards;
export const isChargecheckInputError = cjs.isChargecheckInputError;
