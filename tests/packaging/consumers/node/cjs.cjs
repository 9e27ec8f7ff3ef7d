// A Node 20 CommonJS consumer.
'use strict';
const { createValidator, Validator, toCdsHooksCards, isChargecheckInputError } = require('chargecheck');

(async () => {
  const encounter = JSON.parse(process.argv[2]);
  const validator = await createValidator();
  const result = new Validator().validate(encounter, { today: '2026-11-26' });
  let error = null;
  try {
    validator.validate('{"date_of_service": 1, "charges": []}');
  } catch (e) {
    error = isChargecheckInputError(e) ? e.details.fields[0].path : 'not an input error';
  }
  process.stdout.write(JSON.stringify({
    result,
    cards: toCdsHooksCards(result).length,
    rulesVersion: validator.rulesVersion,
    isClass: validator instanceof Validator,
    error,
  }));
})();
