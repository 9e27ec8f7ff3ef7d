// Node CommonJS entry. The wasm is compiled synchronously when this file is required.
'use strict';
const glue = require('./chargecheck.cjs');

module.exports = {
  Validator: glue.Validator,
  /** Node needs no asynchronous set-up; kept for the same API as browsers. */
  initChargecheck: async () => undefined,
  createValidator: async () => new glue.Validator(),
};
