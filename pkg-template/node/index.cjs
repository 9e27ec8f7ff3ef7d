// Node CommonJS entry. The wasm (the same file browsers load, ../web/chargecheck_bg.wasm)
// is compiled synchronously when this file is first required.
'use strict';
const glue = require('./chargecheck.cjs');

let shared;

module.exports = {
  Validator: glue.Validator,
  /** Node needs no asynchronous set-up; kept for the same API as browsers. */
  initChargecheck: async () => undefined,
  createValidator: async () => new glue.Validator(),
  toCdsHooksCards: (result, options) => (shared ??= new glue.Validator()).toCdsHooksCards(result, options),
  isChargecheckInputError: (error) => error instanceof Error && error.name === 'ChargecheckInputError',
};
