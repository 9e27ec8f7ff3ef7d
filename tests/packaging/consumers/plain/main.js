// No bundler: the package's ES module served as is (e.g. self-hosted), under the strict CSP.
import { spy } from '../app/src/spy.js';
import { createValidator, toCdsHooksCards } from '../../node_modules/chargecheck/index.js';
import { cases, TODAY } from '../app/src/generated-cases.js';

async function main() {
  const out = { main: null, error: null };
  try {
    const validator = await createValidator();
    spy.arm();
    const results = cases.map((c) => {
      if (c.payer_profile) validator.addPayerProfile(c.payer_profile);
      return validator.validate(c.encounter, { today: TODAY });
    });
    out.main = { results, cards: toCdsHooksCards(results[1]), privacy: spy.disarm() };
  } catch (e) {
    out.error = String(e?.stack ?? e);
  }
  window.__chargecheck = out;
  document.body.dataset.done = 'yes';
}

main();
