import { Validator, type CheckResult } from 'chargecheck';

const result: CheckResult = new Validator().validate({ date_of_service: '2026-04-07', charges: [] });
export const status: 'clean' | 'review' | 'blocked' = result.status;
