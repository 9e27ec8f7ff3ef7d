// Each line below must be a type error: the types are real, not `any`.
import { Validator, type Encounter, type PayerProfile } from 'chargecheck';

export const badSite: Encounter = { date_of_service: '2026-04-07', charges: [], lesions: [{ id: 'L1', site: 'elbow' }] };
export const noCharges: Encounter = { date_of_service: '2026-04-07' };
export const badUnits: Encounter = { date_of_service: '2026-04-07', charges: [{ code: '11402', units: '1' }] };
export const typo: Encounter = { date_of_service: '2026-04-07', charges: [], diagnosis: [] };
export const badProfile: PayerProfile = { id: 'x', filing_limit_days: 90, eligibility_max_age_days: 30 };
export const badStatus: 'ok' = new Validator().validate({ date_of_service: '2026-04-07', charges: [] }).status;
