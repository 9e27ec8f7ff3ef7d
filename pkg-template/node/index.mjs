// Node ES module entry: the CommonJS build loads its wasm synchronously from disk.
import { createRequire } from 'node:module';

const cjs = createRequire(import.meta.url)('./index.cjs');

export const Validator = cjs.Validator;
export const createValidator = cjs.createValidator;
export const initChargecheck = cjs.initChargecheck;
