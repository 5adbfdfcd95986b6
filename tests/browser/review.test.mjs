// End to end, in a real browser: a reviewer clears a needs_review application with the keyboard
// alone, and staff see intake. Debian's chromium, driven by playwright-core; the server is the
// real `certintake serve` over a database the real `certintake ingest` made from two samples.
//
//   node review.test.mjs --binary PATH/TO/certintake --source REPO --artifacts DIR
//
// Screenshots of every screen go to DIR (look at them). Exits non-zero on the first failure.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0 || index + 1 >= process.argv.length) throw new Error(`missing --${name}`);
  return process.argv[index + 1];
}

const binary = argument('binary');
const source = argument('source');
const artifacts = argument('artifacts');
mkdirSync(artifacts, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'certintake-browser-'));
const db = join(work, 'c.db');

function certintake(args, input) {
  return execFileSync(binary, [...args, '--db', db], { input, stdio: ['pipe', 'pipe', 'pipe'], encoding: 'utf8' });
}

/// Starts `certintake serve` on a free port; resolves with its base URL.
function serve() {
  const server = spawn(binary, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    server.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/serve: (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) resolve({ server, url: match[1] });
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
}

let keys = 0;
async function press(page, key) {
  keys += 1;
  await page.keyboard.press(key);
}
async function type(page, text) {
  keys += 1;  // one field entry
  await page.keyboard.type(text);
}

/// Opens a field's editor with its key, and waits until the editor has the keyboard: it takes the
/// focus a moment after it appears, and keys pressed before that go to the page.
async function openEditor(page, key, selector) {
  await press(page, key);
  await page.waitForSelector(selector);
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
  console.log(`screenshot: ${join(artifacts, `${name}.png`)}`);
}

let server;
let browser;
try {
  // The member register and two scans of member 154068 (its application form and the back pages).
  try {
    certintake(['ingest', '--members', join(source, 'samples/members.csv'), '--received', '2025-01-15',
      join(source, 'samples/154068.pdf'), join(source, 'samples/154068_back.pdf')]);
  } catch (failure) {
    if (failure.status !== 1) throw failure;  // 1: some page had a problem; the rest is stored
  }
  certintake(['users', 'add', 'tanaka', '--role', 'reviewer'], 'review-pass-1\n');
  certintake(['users', 'add', 'suzuki', '--role', 'staff'], 'intake-pass-1\n');
  certintake(['users', 'add', 'kato', '--role', 'auditor'], 'audit-pass-1\n');
  const started = await serve();
  server = started.server;
  const url = started.url;

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });

  // Sign in: name, Tab, password, Enter.
  await page.goto(url);
  await page.waitForSelector('form.login');
  await shot(page, '1-login');
  await type(page, 'tanaka');
  await press(page, 'Tab');
  await type(page, 'review-pass-1');
  await press(page, 'Enter');
  problems.length = 0;  // before signing in, the page's probe of /api/session is answered 401

  // The queue: the sample's one application, pre-filled deficient (its label) or sent to review,
  // with flagged certificates either way.
  await page.waitForSelector('#queue tbody tr');
  await shot(page, '2-queue');
  const firstDecision = await page.textContent('#queue tbody tr.selected .decision');
  assert.ok(['要確認', '不備'].includes(firstDecision), `the queue starts with the sample's application (${firstDecision})`);

  // Open it and walk its certificates.
  await press(page, 'Enter');
  await page.waitForSelector('#fields');
  await page.waitForFunction(() => document.querySelector('#crop')?.naturalWidth > 0);
  await shot(page, '3-application');
  const count = await page.$$eval('.pieces li', (items) => items.length);
  assert.ok(count >= 2, `the application shows its certificates (${count})`);
  await press(page, 'n');
  await page.waitForFunction(() => document.querySelector('.details h2')?.textContent.startsWith('証明書 #2'));
  await press(page, 'p');
  await page.waitForFunction(() => document.querySelector('.details h2')?.textContent.startsWith('証明書 #1'));
  await press(page, '+');

  // Correct the first certificate: key 2 opens the event (ArrowDown picks the catalog event after
  // the one read), key 3 the date, key 5 the name; Enter saves. Each is corrected to a value other
  // than what was read, so each correction leaves a line in the trail.
  await openEditor(page, '2', 'select#editor');
  await press(page, 'ArrowDown');
  const event = JSON.parse(await page.inputValue('select#editor'));
  await press(page, 'Enter');
  await page.waitForFunction((id) => document.querySelector('#trail li')?.textContent.includes(id), event);
  await openEditor(page, '3', 'input#editor');
  const read = (await page.inputValue('#editor')).replaceAll('"', '');
  const date = read === '2022-11-05' ? '2022-11-06' : '2022-11-05';
  await page.fill('#editor', '');
  await type(page, date);
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#trail li').length === 2);
  const trail = await page.$$eval('#trail li', (items) => items.map((item) => item.textContent));
  assert.match(trail[1], new RegExp(`tanaka #1 date: .* → "${date}"`), 'the trail says who changed the date to what');
  // The name: ink, or pencil where the check already found ink (a correction either way).
  await openEditor(page, '5', 'select#editor');
  const options = await page.$$eval('#editor option', (items) => items.map((item) => item.value));
  const found = await page.inputValue('#editor');
  const target = found === '"ink"' ? '"pencil"' : '"ink"';
  const steps = options.indexOf(target) - options.indexOf(found);
  for (let step = 0; step < Math.abs(steps); step += 1) await press(page, steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#trail li').length === 3);
  assert.match(await page.textContent('#trail li:nth-child(3)'), new RegExp(`name[a-z_]*: .* → ${target}`), 'the trail says what the name was corrected to');
  await shot(page, '4-corrected');

  // Confirm what the reading was still unsure of, then decide with the key the screen shows.
  await press(page, 'c');
  await page.waitForTimeout(300);
  const verdict = await page.textContent('#verdict');
  const decisionKey = verdict === '承認' ? 'a' : 'd';
  await press(page, decisionKey);
  await page.waitForFunction(() => document.querySelector('#review-state')?.textContent.startsWith('決定済'));
  await shot(page, '5-decided');
  const finalDecision = decisionKey === 'a' ? 'approve' : 'deficient';

  // The deficiency notice's print view, when the verdict is deficient.
  if (finalDecision === 'deficient' && (await page.textContent('#verdict')) === '不備') {
    const [notice] = await Promise.all([context.waitForEvent('page'), press(page, 'v')]);
    await notice.waitForLoadState();
    assert.match(await notice.textContent('body'), /山崎/, 'the notice is addressed to the member');
    await shot(notice, '6-notice');
    await notice.close();
  }

  // Back to the queue: the application shows as decided.
  await press(page, 'q');
  await page.waitForSelector('#queue tbody tr');
  await shot(page, '7-queue-after');

  // Staff see intake.
  const staff = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await staff.goto(url);
  await staff.fill('input[name=name]', 'suzuki');
  await staff.fill('input[name=password]', 'intake-pass-1');
  await staff.press('input[name=password]', 'Enter');
  await staff.waitForSelector('#runs tbody tr');
  assert.match(await staff.textContent('#files'), /154068_back\.pdf/, 'intake lists the ingested files');
  await shot(staff, '8-intake');

  // An audit re-reads the archive (while the server runs); auditors see it in the UI.
  try {
    certintake(['audit', '--report-dir', join(work, 'reports')]);
  } catch (failure) {
    if (failure.status !== 1) throw failure;
  }
  const auditor = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await auditor.goto(url);
  await auditor.fill('input[name=name]', 'kato');
  await auditor.fill('input[name=password]', 'audit-pass-1');
  await auditor.press('input[name=password]', 'Enter');
  await auditor.waitForSelector('#queue');
  await auditor.keyboard.press('m');
  await auditor.waitForSelector('#audits tbody tr');
  assert.match(await auditor.textContent('#audits tbody tr'), /finished/, 'the audit is listed as finished');
  await shot(auditor, '9-audits');

  assert.deepEqual(problems, [], 'no script errors in the page');

  // The export carries the reviewer's decision.
  const results = JSON.parse(certintake(['export', '--format', 'json']));
  const application = results.applications.find((a) => a.member_id === '154068');
  assert.deepEqual(application.review, { state: 'decided', reviewer: 'tanaka', final_decision: finalDecision });
  console.log(`review of one application: ${keys} keystrokes, 0 clicks`);
  console.log('browser test: passed');
} catch (failure) {
  console.error(`browser test: FAILED: ${failure.stack || failure}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
