import chargecheck = require('chargecheck');

const result: chargecheck.CheckResult = new chargecheck.Validator().validate({ date_of_service: '2026-04-07', charges: [] });
export const status: 'clean' | 'review' | 'blocked' = result.status;
