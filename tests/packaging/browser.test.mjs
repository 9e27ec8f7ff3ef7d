// The packed package in real browser builds: Vite 8 and webpack 5 production builds and a
// no-bundler page, each served with the strict CSP and run in headless Chromium on the main
// thread and in a module Web Worker. Fails on any console error or warning, page error or
// CSP violation, on any request off the page's origin, on any use of network, storage or
// console while validating (privacy), and on any Result that differs from Node's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { createRequire } from 'node:module';
import { here, prepareCases, serve, launchBrowser, runPage, tmpDir, STRICT_CSP, SECRET } from './helpers.mjs';

let context;
let expected;
const app = path.join(here, 'consumers/app');

before(async () => {
  ({ expected } = prepareCases());
  context = await launchBrowser();
});
after(async () => context?.close());

function assertScenario(name, run, origin) {
  assert.deepEqual(run.problems, [], `${name}: console errors, page errors or CSP violations`);
  assert.equal(run.out?.error, null, `${name}: ${run.out?.error}`);
  assert.deepEqual(run.out.violations ?? [], [], `${name}: CSP violations`);
  for (const url of run.requests) assert.ok(url.startsWith(`${origin}/`), `${name}: request off the page's origin: ${url}`);
  for (const [where, r] of Object.entries({ main: run.out.main, worker: run.out.worker })) {
    if (r === undefined) continue;
    assert.ok(r, `${name}: no ${where} result`);
    assert.deepEqual(r.results, expected, `${name} (${where}): Results differ from Node's`);
    assert.deepEqual(r.privacy, [], `${name} (${where}): network, storage or console used while validating`);
    assert.ok(r.cards.length > 0 && r.cards.every((c) => c.uuid && c.summary.length <= 140 && c.source.label));
    if (r.inputError !== undefined) {
      assert.equal(r.inputError.isInputError, true);
      assert.ok(!r.inputError.text.includes(SECRET), `${name} (${where}): an error message echoes input`);
      assert.equal(r.sameUuids, true, 'card uuids change between identical validations');
      assert.deepEqual(r.control, ['indexedDB'], 'the privacy spy must see a storage access');
      console.log(`# ${name} (${where}): ${(r.meanMs * 1000).toFixed(0)} µs per validate (mean of 500 keystrokes)`);
    }
  }
}

test('Vite 8 production build: main thread + Web Worker under the strict CSP', async () => {
  const { build } = await import('vite');
  const out = tmpDir('vite');
  process.env.OUT_DIR = out;
  await build({ root: app, configFile: path.join(app, 'vite.config.js'), logLevel: 'warn' });
  const server = await serve(out);
  try {
    const run = await runPage(context, `${server.origin}/index.html`);
    assertScenario('vite', run, server.origin);
    assert.ok(run.out.worker, 'the worker ran');
    assert.ok(run.requests.some((u) => u.endsWith('.wasm')), 'the wasm was fetched as an asset');
  } finally {
    await server.close();
  }
});

test('webpack 5 production build: main thread + Web Worker under the strict CSP', async () => {
  const webpack = createRequire(import.meta.url)('webpack');
  const out = tmpDir('webpack');
  process.env.OUT_DIR = out;
  const config = createRequire(import.meta.url)(path.join(app, 'webpack.config.cjs'));
  const stats = await promisify(webpack)({ ...config, output: { ...config.output, path: out } });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(path.join(out, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>webpack consumer</title></head><body><script src="./main.js"></script></body></html>');
  const server = await serve(out);
  try {
    const run = await runPage(context, `${server.origin}/index.html`);
    assertScenario('webpack', run, server.origin);
    assert.ok(run.out.worker, 'the worker ran');
  } finally {
    await server.close();
  }
});

test('no bundler: the ES module served as is under the strict CSP', async () => {
  const server = await serve(here);
  try {
    const run = await runPage(context, `${server.origin}/consumers/plain/index.html`);
    assertScenario('plain', run, server.origin);
  } finally {
    await server.close();
  }
});

test('the CSP test can fail: without wasm-unsafe-eval the wasm is refused', async () => {
  const server = await serve(here, STRICT_CSP.replace(" 'wasm-unsafe-eval'", ''));
  try {
    const run = await runPage(context, `${server.origin}/consumers/plain/index.html`);
    assert.ok(run.out?.error || run.problems.length > 0, 'the page should have failed to compile the wasm');
  } finally {
    await server.close();
  }
});
