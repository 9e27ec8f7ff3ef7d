// A vendor's note screen in miniature: the scenario on the main thread, then in a module
// Web Worker. The test reads window.__chargecheck when data-done is set.
import { runScenario } from './scenario.js';

function inWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => (e.data.ok ? resolve(e.data.value) : reject(new Error(e.data.error)));
    worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
    worker.postMessage('go');
  });
}

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

async function main() {
  const out = { main: null, worker: null, error: null, violations };
  try {
    out.main = await runScenario();
    out.worker = await inWorker();
  } catch (e) {
    out.error = String(e?.stack ?? e);
  }
  window.__chargecheck = out;
  document.body.dataset.done = 'yes';
}

main();
