// What every browser consumer runs (main thread and worker): validate the cases, type on
// every "keystroke", make CDS Hooks cards, and check input errors do not echo values,
// all while the privacy spy is armed.
import { spy } from './spy.js';
import { createValidator, toCdsHooksCards, isChargecheckInputError } from 'chargecheck';
import { cases, TODAY, SECRET } from './generated-cases.js';

export async function runScenario() {
  const validator = await createValidator(); // loads the wasm: the only request it makes
  spy.arm();
  const results = [];
  for (const c of cases) {
    if (c.payer_profile) validator.addPayerProfile(c.payer_profile);
    results.push(validator.validate(c.encounter, { today: TODAY }));
  }
  // Keystrokes: the diameter field typed one character at a time, re-validated each time.
  const typing = structuredClone(cases[0].encounter);
  const keystrokes = 500;
  const t0 = performance.now();
  for (let i = 0; i < keystrokes; i++) {
    typing.lesions[0].diameter_cm = Math.round((0.1 + (i % 40) / 10) * 100) / 100;
    validator.validate(typing, { today: TODAY });
  }
  const meanMs = (performance.now() - t0) / keystrokes;
  const cards = toCdsHooksCards(results[1]);
  const cardsAgain = toCdsHooksCards(validator.validate(cases[1].encounter, { today: TODAY }));
  let inputError = null;
  try {
    validator.validate({ date_of_service: SECRET, charges: [], coverage: { member_id: 42 } });
  } catch (e) {
    inputError = { isInputError: isChargecheckInputError(e), text: `${e.message} ${JSON.stringify(e.details)}` };
  }
  const privacy = spy.disarm();
  // Control: the spy does see a storage access when one happens.
  spy.arm();
  void globalThis.indexedDB;
  const control = spy.disarm();
  return {
    results,
    cards,
    sameUuids: JSON.stringify(cards.map((c) => c.uuid)) === JSON.stringify(cardsAgain.map((c) => c.uuid)),
    inputError,
    privacy,
    control,
    meanMs,
  };
}
