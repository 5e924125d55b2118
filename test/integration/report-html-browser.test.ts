import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runScenario } from '../../src/engine/run.js';
import type { RunResult } from '../../src/engine/result.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { PAYLOAD, withHostileText } from '../unit/report/html-fixture.js';

// Debian's chromium (`gauntlet setup tests`, run by `npm test`, installs it), driven by playwright-core; no browser download.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Two phases (so there are boundaries to mark) and a rate-driven one (so CO-corrected twins exist). */
const SCENARIO = `
name: report-browser
description: Users ramp up and message themselves, then an open model sends at a fixed rate.
target: { lab: prosody }
accounts:
  lab: { username: 'html{n}', password: 'pw-{n}', count: 12 }
load:
  phases:
    - { name: ramp, executor: ramping-users, users: 0, ramp_to: 4, duration: 3s }
    - { name: open, executor: constant-arrival-rate, rate: 10, duration: 3s, max_users: 12 }
flow:
  - login
  - presence
  - iq: ping
  - loop:
      duration: 1s
      steps:
        - message: { to: self, size: 100 }
        - expect: "<message><body>*</body></message>"
        - think: 100ms
  - disconnect
thresholds:
  message_e2e: ['p(99) < 2s']
`;

// Everything the test writes (result.json, report.html, screenshots) stays in tap's fixture dir.
t.saveFixture = true;
const dir = t.testdir();

/** What a page did besides drawing: anything here fails the test. */
interface PageTrouble {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  dialogs: string[];
}

async function openReport(context: BrowserContext, file: string): Promise<{ page: Page; trouble: PageTrouble }> {
  const page = await context.newPage();
  const trouble: PageTrouble = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') trouble.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => trouble.pageErrors.push(error.message));
  page.on('request', (request) => trouble.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, trouble };
}

/** Number of chart boxes the page promises, and how many of them hold a drawn uPlot canvas. */
async function chartCounts(page: Page): Promise<{ boxes: number; drawn: number; canvases: number }> {
  return page.evaluate(() => ({
    boxes: document.querySelectorAll('.chart-area').length,
    drawn: document.querySelectorAll('.chart-area > .uplot canvas').length,
    canvases: document.querySelectorAll('canvas').length,
  }));
}

let result: RunResult;
let context: BrowserContext;

t.before(async () => {
  const scenario = loadScenarioText(SCENARIO, join(dir, 'report-browser.yaml'), { env: {} });
  ({ result } = await runScenario(scenario, { version: 'test', out: dir }));
  context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 900 },
    colorScheme: 'light',
  });
});

t.teardown(() => context?.close());

t.test('the report of a real run opens from disk and draws every chart, offline and without errors', async (t) => {
  const started = performance.now();
  const html = renderHtmlReport(result);
  const renderMs = performance.now() - started;
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  t.comment(`report.html: ${(html.length / 1024).toFixed(1)} KB, rendered in ${renderMs.toFixed(0)} ms`);
  t.ok(result.metrics.histograms['message_e2e.corrected'], 'the run recorded CO-corrected latencies');
  t.equal(result.timings.phases.length, 2, 'both phases ran');

  const { page, trouble } = await openReport(context, file);
  await page.waitForSelector('.chart-area > .uplot canvas');
  const counts = await chartCounts(page);
  t.ok(counts.boxes >= 8, `${counts.boxes} chart boxes (distributions and series)`);
  t.equal(counts.drawn, counts.boxes, 'every box holds a drawn chart');
  t.ok(counts.canvases > 0);
  t.match(await page.locator('#distribution .chart h3').first().innerText(), /\(ms\)/);
  const expected = result.thresholds.every((threshold) => threshold.ok) ? 'PASSED' : 'FAILED';
  t.equal((await page.locator('#verdict').innerText()).split('\n')[0], expected, 'the verdict heads the page');
  const shots = join(dir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'report-full.png'), fullPage: true });
  await page.screenshot({ path: join(shots, 'report-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 1366, height: 1240 } });

  // Switching the system to dark redraws the charts with the dark palette.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)');
  t.equal((await chartCounts(page)).drawn, counts.boxes, 'still drawn after the switch to dark');
  await page.screenshot({ path: join(shots, 'report-dark.png') });

  t.same(trouble.consoleErrors, [], 'no console errors or warnings');
  t.same(trouble.pageErrors, [], 'no uncaught exceptions');
  t.same(trouble.requests.filter((url) => !url.startsWith('file:')), [], 'no request left the file');
  t.same(trouble.dialogs, []);
  t.comment(`screenshots in ${shots}`);
  await page.close();
});

t.test('a script sent by the server is shown as text and never runs', async (t) => {
  const file = join(dir, 'report-hostile.html');
  writeFileSync(file, renderHtmlReport(withHostileText(result)));
  const { page, trouble } = await openReport(context, file);
  await page.waitForSelector('.chart-area > .uplot canvas');
  t.equal(await page.locator('h1').innerText(), PAYLOAD, 'the scenario name reads as the text it was');
  t.match(await page.locator('#checks pre.wire').textContent(), `<text>${PAYLOAD}</text>`, 'the wire log shows the XML');
  const elements = await page.evaluate(() => ({ scripts: document.scripts.length, images: document.images.length }));
  t.same(elements, { scripts: 3, images: 0 }, 'no element was injected');
  t.same(trouble.dialogs, [], 'no alert ran');
  t.same(trouble.pageErrors, []);
  t.same(trouble.consoleErrors, [], 'nothing was blocked by the security policy either');
  await page.close();
});
