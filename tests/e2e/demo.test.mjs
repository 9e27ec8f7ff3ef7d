// End-to-end: the demo page in Debian's headless Chromium (driven by playwright-core,
// no browser download), served with the strict CSP an EHR would set. Fails on any
// console error, page error, failed request or CSP violation. Screenshots go to
// artifacts/ (1280x800 and tablet 820x1180).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';
import { demoDir, artifactsDir } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];


let server;
let context;
let page;
let url;
let userDataDir;
const problems = [];

before(async () => {
  assert.ok(existsSync(path.join(demoDir, 'pkg/index.js')), 'js-demo/pkg is missing: run tools/build-pkg.sh and tools/build-demo.sh');
  mkdirSync(artifactsDir, { recursive: true });
  server = await serve(demoDir, { port: 0 });
  url = `http://127.0.0.1:${server.address().port}/`;
  userDataDir = mkdtempSync(path.join(tmpdir(), 'chargecheck-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 },
  });
  page = context.pages()[0] ?? await context.newPage();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
});

after(async () => {
  await context?.close();
  server?.close();
  server?.closeAllConnections();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function assertNoProblems() {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  assert.deepEqual([...problems, ...csp.map((v) => `CSP violation: ${v}`)], []);
}

const pill = () => page.locator('#status-pill');
const shot = (name) => page.screenshot({ path: path.join(artifactsDir, name) });

test('loads under the strict CSP and checks the first note', async () => {
  const response = await page.goto(url);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await page.waitForFunction(() => /µs/.test(document.querySelector('#timing').textContent));
  assert.match(await page.textContent('#timing'), /checked in [\d.]+ µs/);
  assert.match(await page.textContent('#rules-version'), /rules \d{4}\.\d+/);
  assert.equal(await page.getAttribute('button[data-preset="em-destruction"]', 'aria-pressed'), 'true');
  assert.equal(await page.locator('.lesion-row').count(), 3);
  await shot('demo-1280x800.png');
  await assertNoProblems();
});

test('every control has an accessible name and the status is announced', async () => {
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button, [role="button"]')]
    .filter((el) => !el.closest('[hidden], dialog:not([open])'))
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
      || el.textContent.trim() || el.getAttribute('title')))
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unnamed, []);
  assert.equal(await pill().getAttribute('aria-live'), 'polite');
  // Keyboard: Tab reaches the scenario buttons and focus is visible.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
});

test('a claim-data finding appears next to its field while typing and clears when fixed', async () => {
  await page.click('button[data-preset="excision-repair"]');
  await page.waitForSelector('button[data-preset="excision-repair"][aria-pressed="true"]');
  await page.click('#sec-claim > summary');
  const npi = page.locator('[data-path="providers.billing_npi"]');
  await npi.fill('1452038691'); // wrong check digit
  await page.waitForSelector('[data-slot="claim"] .finding-error');
  assert.equal(await npi.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#sec-claim').getAttribute('open'), '', 'the coverage card opens to show the finding');
  assert.match(await pill().textContent(), /Blocked/);
  assert.equal(await page.locator('#sign').isDisabled(), true, 'signing is blocked while errors remain');
  await npi.fill('1452038692');
  await page.waitForFunction(() => !document.querySelector('[data-slot="claim"] .finding'));
  assert.equal(await npi.getAttribute('aria-invalid'), null);
  // Input the engine cannot read is named by path, not reported as a finding.
  const size = page.locator('[data-path="lesions[0].diameter_cm"]');
  await size.fill('1.4.');
  await page.waitForSelector('body[data-status="invalid"]');
  assert.equal(await size.getAttribute('aria-invalid'), 'true');
  await size.fill('1.4');
  await page.waitForSelector('body:not([data-status="invalid"])');
  await assertNoProblems();
});

test('changing the lesion size draws the excision size-band error; apply clears it', async () => {
    // 0.9 cm + 2 x 0.4 cm = 1.7 cm: malignant trunk excision 11602, not the billed 11603
    // (contract section 2's example finding: documentation error, replace_code).
    await page.locator('[data-path="lesions[0].diameter_cm"]').fill('0.9');
    const apply = page.locator('#sections .finding-error button', { hasText: 'Change code to 11602' }).first();
    await apply.waitFor();
    assert.match(await pill().textContent(), /Blocked/);
    assert.ok(await page.locator('#sections .flagged.flag-error').count() > 0, 'the field the finding names is highlighted');
    assert.ok(await page.locator('[data-row="charges[0]"].flag-error').count() === 1, 'the line to change is marked');
    assert.ok(await page.locator('#findings-view .group-error .finding-card').count() > 0, 'the review panel lists it under errors');
    await shot('demo-finding-1280x800.png');
    await apply.click();
    assert.equal(await page.inputValue('[data-path="charges[0].code"]'), '11602');
    await page.waitForFunction(() => ![...document.querySelectorAll('#sections button')].some((b) => b.textContent.includes('Change code to 11602')));
    assert.doesNotMatch(await pill().textContent(), /Blocked/);
    await assertNoProblems();
  });

test('generates charges from the documentation', async () => {
    await page.locator('[data-path="charges[0].code"]').fill('11400'); // a wrong line the generator replaces
    await page.click('#generate-charges');
    await page.waitForSelector('#toast:not([hidden])');
    assert.match(await page.textContent('#toast-text'), /Generated \d+ charge line/);
    const codes = await page.$$eval('[data-path$="].code"][data-path^="charges"]', (els) => els.map((e) => e.value));
    assert.ok(codes.includes('11602') && codes.includes('12032'), `generated ${codes}`);
    // The generator's invariant: charges suggested from valid documentation draw no error.
    assert.equal(await page.locator('[data-slot^="charges"] .finding-error').count(), 0);
    assert.doesNotMatch(await pill().textContent(), /Blocked/);
    await assertNoProblems();
  });

test('CDS Hooks cards view', async () => {
  await page.locator('[data-path="providers.billing_npi"]').fill('1452038691');
  await page.check('#cds-toggle');
  await page.waitForSelector('#cds-view .cds-card');
  const card = page.locator('#cds-view .cds-card').first();
  assert.match(await card.locator('.cds-indicator').textContent(), /critical|warning|info/);
  assert.ok((await card.locator('.cds-summary').textContent()).length <= 140);
  await shot('demo-cds-1280x800.png');
  await page.uncheck('#cds-toggle');
  await page.locator('[data-path="providers.billing_npi"]').fill('1452038692');
  await assertNoProblems();
});

test('signs the note; warnings need an override reason', async () => {
  // Pending pathology on a malignant excision code: a warning, signed through.
  await page.selectOption('[data-path="lesions[0].pathology"]', 'pending');
  await page.waitForSelector('body[data-status="review"]');
  await page.waitForFunction(() => ['clean', 'review'].includes(document.body.dataset.status));
  const needsReason = (await page.evaluate(() => document.body.dataset.status)) === 'review';
  await page.click('#sign');
  if (needsReason) {
    await page.waitForSelector('#sign-dialog[open]');
    for (const sel of await page.locator('#sign-warnings select').all()) await sel.selectOption({ index: 2 });
    await page.click('#sign-confirm');
  }
  await page.waitForSelector('#signed-banner:not([hidden])');
  assert.match(await pill().textContent(), /Signed/);
  assert.equal(await page.locator('[data-path="lesions[0].diameter_cm"]').isDisabled(), true, 'a signed note is locked');
  if (needsReason) assert.ok(await page.locator('.group-overridden .finding-card').count() > 0, 'the warning shows as overridden');
  await shot('demo-signed-1280x800.png');
  await page.click('#amend');
  assert.equal(await page.locator('[data-path="lesions[0].diameter_cm"]').isDisabled(), false);
  await assertNoProblems();
});

test('body-site picker and ICD-10-CM search work from the keyboard', async () => {
  await page.click('button[data-preset="biopsies"]');
  await page.click('[data-action="pick-site"][data-index="2"]');
  await page.waitForSelector('#site-dialog[open]');
  await page.locator('#bodymap .region[data-site="nose"]').first().focus();
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#site-choice'), /Nose/);
  await page.click('#site-confirm');
  assert.equal(await page.inputValue('[data-path="lesions[2].site"]'), 'nose');
  const search = page.locator('#icd-search');
  await search.focus();
  await search.pressSequentially('actinic ker');
  await page.waitForSelector('#icd-results li[role="option"]');
  assert.match(await page.textContent('#icd-results li[aria-selected="true"]'), /L57\.0/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-path="diagnoses[1].code"]');
  assert.equal(await page.inputValue('[data-path="diagnoses[1].code"]'), 'L57.0');
  assert.match(await page.textContent('[data-row="diagnoses[1]"] .dx-title'), /Actinic keratosis/);
  await assertNoProblems();
});

test('tablet width: no horizontal scrolling, screenshot', async () => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.click('button[data-preset="mohs"]');
  await page.waitForSelector('button[data-preset="mohs"][aria-pressed="true"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await shot('demo-tablet-820.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  await assertNoProblems();
});
