// A vendor's TypeScript, compiled with tsc --strict against the package's types.
import {
  createValidator,
  toCdsHooksCards,
  isChargecheckInputError,
  type Card,
  type Charge,
  type CheckResult,
  type Encounter,
  type Finding,
  type PayerProfile,
  type Suggestion,
  type ValidationResult,
} from 'chargecheck';

const encounter: Encounter = {
  date_of_service: '2026-04-07',
  place_of_service: '11',
  lesions: [{ id: 'L1', site: 'back', diameter_cm: 1.4, laterality: null, pathology: 'benign' }],
  procedures: [{ id: 'P1', type: 'excision', lesions: ['L1'], margin_cm: 0.2, closure: 'simple' }],
  charges: [{ code: '11402', units: 1, diagnosis_pointers: [1], procedures: ['P1'] }],
};

const profile: PayerProfile = {
  id: 'acme',
  filing_limit_days: 90,
  eligibility_max_age_days: 30,
  wants_modifier_51: false,
  rules: { disable: [], severity: { 'claim.place-of-service': 'warning' } },
};

function describe(s: Suggestion): string {
  if ('replace_code' in s) return `use ${s.replace_code}`;
  if ('set_units' in s) return `units ${s.set_units.toFixed(0)}`;
  if ('add_charge' in s) return `add ${s.add_charge.code}`;
  return Object.keys(s)[0] ?? '';
}

export async function onKeystroke(): Promise<string[]> {
  const validator = await createValidator();
  validator.addPayerProfile(profile);
  const result: CheckResult = validator.validate(encounter, { today: '2026-11-26' });
  const same: ValidationResult = result;
  const lines: string[] = same.findings.map((f: Finding) => {
    const where: number | null = f.charge;
    const severity: 'info' | 'warning' | 'error' = f.severity;
    return `${severity} ${where ?? '-'} ${f.suggestion ? describe(f.suggestion) : ''}`;
  });
  const cards: Card[] = toCdsHooksCards(result, { includeInfo: false });
  for (const card of cards) {
    const indicator: 'info' | 'warning' | 'critical' = card.indicator;
    const line: number | null = card.extension.chargecheck.charge;
    lines.push(`${indicator} ${line} ${card.suggestions?.[0]?.actions[0]?.type ?? ''}`);
  }
  const suggested: Charge[] = validator.suggestCharges(encounter);
  lines.push(suggested.map((c) => c.code).join(','));
  try {
    validator.validate('{}');
  } catch (e) {
    if (isChargecheckInputError(e)) lines.push(...e.details.fields.map((f) => f.path));
  }
  lines.push(validator.rulesVersion, String(validator.rules().length));
  return lines;
}
