import { runScenario } from './scenario.js';

self.onmessage = async () => {
  try {
    self.postMessage({ ok: true, value: await runScenario() });
  } catch (e) {
    self.postMessage({ ok: false, error: String(e?.stack ?? e) });
  }
};
