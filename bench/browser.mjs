// The Node harness's measurements in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core), plus cold start (compile + instantiate + init) in fresh browsers.
//
// The page and the package are served from 127.0.0.1 with COOP/COEP headers (a
// cross-origin-isolated page gets 5 us performance.now() steps instead of 100 us).
// Every browser gets a fresh --user-data-dir, so nothing is cached between cold starts.
//
// Run: node bench/browser.mjs [--quick] [--out FILE]      (tools/bench.sh runs it)
import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : null;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

// Only these folders are served: the page, the built package and the fixtures.
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const rel = url.pathname === '/' ? 'bench/browser.html' : url.pathname.slice(1);
  const file = path.resolve(root, rel);
  const allowed = ['bench/', 'pkg/', 'tests/fixtures/'].some((d) => file.startsWith(path.join(root, d)));
  try {
    if (!allowed) throw new Error('not served');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

async function inFreshBrowser(query, timeoutMs) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'chargecheck-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, args: ARGS, headless: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/?${query}`);
    await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: timeoutMs, polling: 250 });
    const result = await page.evaluate(() => window.benchResult);
    if (result.error) throw new Error(result.error);
    return { result, version: context.browser()?.version() };
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

try {
  const samples = [];
  let version;
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const r = await inFreshBrowser('mode=cold', 60_000);
    samples.push(r.result.cold_start_ms);
    version = r.version;
  }
  const median = (k) => samples.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  const cold = Object.fromEntries(Object.keys(samples[0]).map((k) => [k, Math.round(median(k) * 100) / 100]));
  const { result } = await inFreshBrowser(`scale=${quick ? 0.1 : 1}`, 20 * 60_000);
  const results = { browser: `chromium ${version}`, cold_start_ms: cold, cold_start_samples: samples.length, ...result };
  console.log(JSON.stringify(results, null, 2));
  if (out) await writeFile(out, JSON.stringify(results, null, 2) + '\n');
} finally {
  server.close();
  server.closeAllConnections();
}
