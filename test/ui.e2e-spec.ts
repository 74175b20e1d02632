/**
 * The reviewer web interface in a real browser: Debian's chromium driven by playwright-core, against the real
 * Nest app on a real SQLite file, listening on a free loopback port. One browser for the whole file.
 * Screenshots go to a temp folder (never into git); the path is printed once.
 */
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { IMPORT_ROLES, SHARED_LIST_SET } from '../src/lists/list-files.testing';
import { SHARED_LISTS, startTestApp, TestApp } from './helpers';

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = mkdtempSync(join(tmpdir(), 'chipguard-ui-shots-'));

/** the held order of the journey: the buyer is on the Unverified List (a review-severity list) */
const heldOrder = {
  reference: 'PO-UI-HELD',
  date: '2026-11-02',
  buyer: { name: 'Atlas Sanatgaran', country: 'AM', address: 'Komitas 26/114, Yerevan' },
  endUser: { name: 'Atlas Sanatgaran', country: 'AM', address: 'Komitas 26/114, Yerevan' },
  shipTo: { name: 'Atlas Sanatgaran', country: 'AM' },
  items: [{ model: 'H100 SXM5 80GB', quantity: 2 }],
};

describe('web interface in headless Chromium (real app, real SQLite, real list files)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let heldId = '';
  const pageErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const noHorizontalOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (.ci/run does), or set CHROMIUM_PATH`,
      );
    }
    // LIST_MAX_AGE_DAYS 365: the 2022 CSL's lists are stale, the 2026 Entity List, MEU and SDN files are not
    // FOUR_EYES 0: the journey runs in local mode (one local admin); two reviewers' approvals are tested through
    // the API in accountability.e2e-spec.ts
    t = await startTestApp({ CHIPGUARD_LOAD_SAMPLE: '0', LIST_MAX_AGE_DAYS: '365', FOUR_EYES: '0' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // nothing may be loaded from anywhere but this service
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    process.stdout.write(`UI screenshots: ${SHOTS}\n`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  // the whole shared list set, uploaded file by file as a list admin would (minutes on a busy 2-core machine)
  it('1. imports the real list files through the Lists page, with a freshness strip marking stale lists', async () => {
    await page.goto(`${base}/lists`);
    await page.getByText('No list is loaded').waitFor();
    const timings: string[] = [];
    const forced: string[] = [];
    for (const { format, files } of SHARED_LIST_SET) {
      const started = Date.now();
      await page.getByLabel('Format').selectOption(format);
      for (const [i, name] of files.entries()) {
        const role = IMPORT_ROLES[i];
        await page.locator(`input[type=file][name=${role}]`).setInputFiles(join(SHARED_LISTS, name));
      }
      await page.evaluate(() => document.querySelector('.form-msg')!.replaceChildren());
      await page.getByRole('button', { name: 'Import' }).click();
      const msg = page.locator('.form-msg .ok-text, .form-msg .state.error');
      await msg.waitFor({ timeout: 180_000 });
      // the shared set layers smaller files over fuller, older ones: list safety refuses those (409) until a
      // reviewer replaces the version anyway, with a reason
      if (/refused \((LIST_SHRINK|LIST_OLDER)\)/.test((await msg.textContent()) ?? '')) {
        forced.push(files[0]);
        await page.getByLabel('Reason for replacing the active version').fill('test: the shared set layers excerpts over fuller files');
        await page.getByRole('button', { name: 'Replace anyway' }).click();
        await page.locator('.form-msg .ok-text').waitFor({ timeout: 180_000 });
      }
      expect({ files, text: await msg.textContent() }).toEqual({ files, text: expect.stringMatching(/^imported \d+ records/) });
      timings.push(`${files[0]} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    process.stdout.write(`list imports through the Lists page: ${timings.join(', ')}\n`);
    // the OFAC consolidated file holds CAP, FSE and MBS with fewer entries than the 2022 CSL
    expect(forced).toContain('ofac-consolidated.xml');
    const el = page.locator('.tile[data-code="EL"]');
    await expect(el.textContent()).resolves.toMatch(/Entries\s*[\d,]+/);
    expect(await el.getAttribute('class')).not.toContain('stale');
    // the OFAC consolidated (non-SDN) file of 2024-05-06 is older than 365 days
    expect(await page.locator('.tile.stale[data-code="CMIC"]').count()).toBe(1);
    await expect(page.locator('.strip').textContent()).resolves.toContain('stale');
    await shot('lists');
    const lists = await request(t.http).get('/v1/lists');
    expect(lists.body.lists.find((l: { code: string }) => l.code === 'CMIC')).toMatchObject({ stale: true, publishDate: '2024-05-06' });
    expect(lists.body.lists.find((l: { code: string }) => l.code === 'EL')).toMatchObject({ stale: false });
  }, 900_000);

  it('shows a clear message for a refused list file (422) and keeps the active version', async () => {
    const before = (await request(t.http).get('/v1/lists')).body.lists.find((l: { code: string }) => l.code === 'UN');
    await page.getByLabel('Format').selectOption('un-xml');
    await page.locator('input[type=file][name=file]').setInputFiles({ name: 'broken.xml', mimeType: 'text/xml', buffer: Buffer.from('<not-a-list>') });
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/refused: it does not parse\. The active version stays\..*HTTP 422/);
    await shot('lists-refused');
    const after = (await request(t.http).get('/v1/lists')).body.lists.find((l: { code: string }) => l.code === 'UN');
    expect(after.versionId).toBe(before.versionId);
  });

  it('2-4. a held order appears in the queue with its reason summary and opens with its reasons, parties and chart', async () => {
    const res = await request(t.http).post('/v1/transactions/screen').send(heldOrder);
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('review');
    heldId = res.body.id;
    const stored = (await request(t.http).get(`/v1/decisions/${heldId}`)).body;

    await page.goto(`${base}/queue`);
    const row = page.locator(`tr[data-id="${heldId}"]`);
    await row.waitFor();
    await expect(row.locator('td.reasons').textContent()).resolves.toContain('PARTY_LIST_MATCH');
    await expect(page.locator('a.tab[data-status="open"] .count').textContent()).resolves.toMatch(/^[1-9]\d*$/);
    await shot('queue');

    // filters narrow the queue: by list and by reason code, and a party that is not there empties it
    await page.getByLabel('List').selectOption('UVL');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/source=UVL/);
    await row.waitFor();
    await page.getByLabel('Party').fill('nobody by this name');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Nothing is waiting for review').waitFor();

    await page.goto(`${base}/queue?status=open&reasonCode=PARTY_LIST_MATCH`);
    await row.locator('a.ref').click();
    await page.waitForURL(`${base}/decisions/${heldId}`);
    await page.getByRole('heading', { level: 1, name: /PO-UI-HELD/ }).waitFor();
    const reasons = page.locator('#sec-reasons').locator('..');
    await expect(reasons.textContent()).resolves.toContain('PARTY_LIST_MATCH');
    await expect(reasons.locator('.citation').first().textContent()).resolves.toMatch(/CFR|Supp\./);
    const party = page.locator('article.party-match, article.party-potential').first();
    await expect(party.textContent()).resolves.toMatch(/Screened as.*Atlas Sanatgaran.*UVL.*Why/s);
    // the item on the 3A090 chart, with the thresholds drawn from the rule data
    const chart = page.locator('svg.chart');
    await chart.waitFor();
    const thresholds = (await request(t.http).get(`/v1/rules/thresholds?version=${stored.rulesVersion}`)).body;
    expect(await chart.locator('rect').count()).toBe(thresholds.branches.length);
    expect(await chart.locator('circle').count()).toBe(1);
    await expect(page.locator('#sec-versions').locator('..').textContent()).resolves.toContain(stored.rulesVersion);
    await shot('decision');

    // viewing never alters the decision
    const again = (await request(t.http).get(`/v1/decisions/${heldId}`)).body;
    expect({ status: again.status, hash: again.hash, dispositions: again.dispositions }).toEqual({ status: 'open', hash: stored.hash, dispositions: [] });
  });

  it('5-7. releases it with a note, it leaves the queue, and the export lists it', async () => {
    for (let round = 0; round < 2; round++) {
      const form = page.locator('form.dispose');
      if (!(await form.count())) break;
      await page.getByLabel('Note (why)').fill(round ? 'Second approval: checked the file' : 'UVL entry is a different company: registry and address checked');
      if (!round) await page.getByLabel(/^Buyer: UVL Atlas Sanatgaran/).check();
      await form.getByRole('button', { name: /Release|Approve release/ }).click();
      await page.locator('form.dispose, p.state.done').first().waitFor();
      // four eyes (when access control is on): the first release waits for a second reviewer
      if (!(await page.getByRole('button', { name: 'Approve release' }).count())) break;
    }
    await page.getByText('This decision was released').waitFor();
    await expect(page.locator('.timeline').textContent()).resolves.toMatch(/Released by .*registry and address checked/);
    // the ticked false positive is recorded with the release (the allow-list entry for the buyer only)
    const released = (await request(t.http).get(`/v1/decisions/${heldId}`)).body;
    const suppressions = released.dispositions.flatMap((x: { suppressions?: { subject: string; source: string }[] }) => x.suppressions ?? []);
    expect(suppressions).toEqual([expect.objectContaining({ subject: 'buyer', source: 'UVL', party: 'Atlas Sanatgaran' })]);
    await shot('decision-released');

    await page.goto(`${base}/queue`);
    await page.locator('.results[aria-busy="false"]').waitFor();
    expect(await page.locator(`tr[data-id="${heldId}"]`).count()).toBe(0);

    await page.goto(`${base}/queue?status=all&reference=PO-UI-HELD`);
    await page.locator(`tr[data-id="${heldId}"]`).waitFor();
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await request(t.http).get(href!);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(heldId);
    expect(csv.text).toContain('PO-UI-HELD');
    expect(csv.text).toMatch(/released/);
  });

  it('is usable with the keyboard: skip link, navigation, filters, and a row opened with Enter', async () => {
    const held = await request(t.http)
      .post('/v1/transactions/screen')
      .send({ ...heldOrder, reference: 'PO-UI-KEYS' });
    await page.goto(`${base}/queue`);
    await page.locator(`tr[data-id="${held.body.id}"]`).waitFor();
    const focused = async () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return `${el.tagName.toLowerCase()}:${(label ?? el.textContent ?? '').trim().slice(0, 40)}`;
      });
    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.some((s) => s.startsWith('a:PO-UI-KEYS')); i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(seen[0]).toBe('a:Skip to content');
    expect(seen).toEqual(expect.arrayContaining(['a:Queue', 'a:Lists', 'select:Outcome', 'input:Reason code', 'input:Party', 'button:Apply filters']));
    // every focused control shows a focus ring
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/decisions/${held.body.id}`);
    await page.getByRole('heading', { level: 1, name: /PO-UI-KEYS/ }).waitFor();
    // every form field on every page has a label
    for (const path of ['/queue', `/decisions/${held.body.id}`, '/lists', '/batch', '/cloud', '/overview', '/networks', '/login']) {
      await page.goto(base + path);
      await page.locator('main form, main .card').first().waitFor();
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('main input:not([type=hidden]):not([type=radio]), main select, main textarea')]
          .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
          .map((el) => el.outerHTML),
      );
      expect({ path, unlabelled }).toEqual({ path, unlabelled: [] });
    }
  });

  it('works at phone width (390 px) without horizontal overflow', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [name, path] of [
        ['queue', '/queue?status=all'],
        ['decision', `/decisions/${heldId}`],
        ['lists', '/lists'],
        ['overview', '/overview'],
        ['batch', '/batch'],
        ['cloud', '/cloud'],
      ]) {
        await page.goto(base + path);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        expect({ name, overflow: await noHorizontalOverflow() }).toEqual({ name, overflow: 0 });
        await shot(`phone-${name}`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('shows clear error states: an unknown decision, a bad filter, a missing network', async () => {
    await page.goto(`${base}/decisions/dec_NOPE`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/HTTP 404.*no decision dec_NOPE/);
    await page.goto(`${base}/queue?status=open&from=2026-02-30`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/HTTP 400.*from must be a date/);
    await page.goto(`${base}/networks/net_missing`);
    await expect(page.getByRole('status').filter({ hasText: 'No network found' }).textContent()).resolves.toContain('net_missing');
    expect((await page.goto(`${base}/no-such-page`))!.status()).toBe(404);
    await shot('error-404');
  });

  it('batch audit: uploads a CSV, downloads the spreadsheet-safe report and opens the held orders in the queue', async () => {
    const csv = [
      'reference,buyer,buyer_country,end_user,end_user_country,model,quantity',
      'B-1,Nordic Compute AB,SE,Nordic Compute AB,SE,L4,8',
      '"=HYPERLINK(""x"")",Atlas Sanatgaran,AM,Atlas Sanatgaran,AM,H100,1',
      'B-3,Bad Country Ltd,XX,,,L4,1',
    ].join('\n');
    await page.goto(`${base}/batch`);
    await page.getByLabel('Shipments CSV').setInputFiles({ name: 'shipments.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Run the audit' }).click();
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    await expect(page.locator('.totals').textContent()).resolves.toMatch(/1 errors/);
    await shot('batch');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (CSV)' }).click()]);
    const report = readFileSync((await download.path())!, 'utf8');
    expect(report.startsWith('\ufeffrow,reference,decision_id,decision')).toBe(true);
    expect(report).toContain(`'=HYPERLINK(""x"")`);
    expect(report).toMatch(/B-3.*XX|country/);
    await page.getByRole('link', { name: /held orders in the queue/ }).click();
    await page.waitForURL(/\/queue\?.*ids=/);
    await page.locator('table.queue tbody tr').first().waitFor();
    const refs = await page.locator('table.queue a.ref').allTextContents();
    expect(refs).toContain('=HYPERLINK("x")');
    expect(refs).not.toContain('B-3');
  });

  it('cloud customer: vets a customer and shows the owners and the compute in H100-equivalents', async () => {
    await page.goto(`${base}/cloud`);
    await page.getByLabel('Customer name').fill('Anyone GmbH');
    await page.getByLabel('Country', { exact: true }).fill('DE');
    await page.getByLabel('Data centre country').fill('IE');
    await page.getByLabel('Accelerators').fill('H100, 64');
    await page.getByLabel('Beneficial owners').fill('Jana Beispiel; DE; 60');
    await page.getByLabel('Intended use').selectOption('inference');
    await page.getByRole('button', { name: 'Vet the customer' }).click();
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    await expect(page.locator('[data-test="h100e"]').textContent()).resolves.toBe('64');
    await expect(page.locator('main').textContent()).resolves.toMatch(/Beneficial owner 1: Jana Beispiel/);
    await shot('cloud');
  });

  it('access contract, client side: 401 goes to the login page, which posts the key; roles hide release/block; CSRF header sent', async () => {
    // GET/POST/DELETE /v1/session land with the access engineer; here the browser answers them as the contract says
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await ctx.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
      let signedIn: { name: string; role: string } | null = null;
      const posted: { key?: string; csrf?: string; type?: string }[] = [];
      await ctx.route(`${base}/v1/session`, async (route) => {
        const req = route.request();
        if (req.method() === 'POST') {
          const key = (req.postDataJSON() as { key: string }).key;
          posted.push({ key, csrf: req.headers()['x-csrf-token'], type: req.headers()['content-type'] });
          if (key !== 'good-key') return route.fulfill({ status: 401, json: { statusCode: 401, message: 'unknown key' } });
          signedIn = { name: 'Avery Auditor', role: 'auditor' };
          return route.fulfill({ status: 200, headers: { 'Set-Cookie': 'cg_csrf=tok123; Path=/' }, json: { ...signedIn, local: false } });
        }
        if (!signedIn) return route.fulfill({ status: 401, json: { statusCode: 401, message: 'sign in' } });
        return route.fulfill({ status: 200, json: { ...signedIn, local: false } });
      });
      const p = await ctx.newPage();
      p.setDefaultTimeout(60_000);
      await p.goto(`${base}/decisions/${heldId}`);
      await p.waitForURL(`${base}/login?next=${encodeURIComponent(`/decisions/${heldId}`)}`);
      await p.getByLabel('API key').fill('wrong');
      await p.getByRole('button', { name: 'Sign in' }).click();
      await expect(p.getByRole('alert').textContent()).resolves.toContain('The key was not accepted');
      await p.getByLabel('API key').fill('good-key');
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.waitForURL(`${base}/decisions/${heldId}`);
      expect(posted.map((x) => [x.key, x.type])).toEqual([
        ['wrong', 'application/json'],
        ['good-key', 'application/json'],
      ]);
      await p.getByRole('heading', { level: 1 }).waitFor();
      await p.locator('#who').getByText('Avery Auditor').waitFor();
      await expect(p.locator('#who').textContent()).resolves.toMatch(/Avery Auditor\s*auditor\s*Sign out/);

      // an auditor cannot dispose: no release/block on a held decision
      const held = await request(t.http)
        .post('/v1/transactions/screen')
        .send({ ...heldOrder, reference: 'PO-UI-ROLES' });
      await p.goto(`${base}/decisions/${held.body.id}`);
      await p.getByText('Your role (auditor) cannot release or block').waitFor();
      expect(await p.getByRole('button', { name: 'Release' }).count()).toBe(0);

      // a reviewer can; the disposition carries the CSRF cookie's value as X-CSRF-Token, as JSON
      signedIn = { name: 'Dana Reviewer', role: 'reviewer' };
      let dispositionHeaders: Record<string, string> = {};
      await ctx.route(`${base}/v1/decisions/*/disposition`, (route) => {
        dispositionHeaders = route.request().headers();
        return route.continue();
      });
      await p.reload();
      await p.getByLabel('Note (why)').fill('Checked');
      await p.getByRole('button', { name: 'Block' }).click();
      await p.getByText('This decision was blocked').waitFor();
      expect(dispositionHeaders['x-csrf-token']).toBe('tok123');
      expect(dispositionHeaders['content-type']).toBe('application/json');
      const stored = (await request(t.http).get(`/v1/decisions/${held.body.id}`)).body;
      expect(stored.dispositions).toEqual([expect.objectContaining({ action: 'block', by: 'Dana Reviewer', note: 'Checked' })]);
    } finally {
      await ctx.close();
    }
  });

  it('network view: draws a network shaped as API.md "Networks" with cytoscape served by the service', async () => {
    // GET /v1/networks/:id lands with the networks engineer; the browser answers it with a contract-shaped body
    const net = {
      id: 'net_1',
      score: 80,
      reasons: [{ code: 'LINKED_TO_RESTRICTED', severity: 'review', message: 'Shares a phone number with a listed party', subject: 'order' }],
      members: [
        { kind: 'party', name: 'Atlas Sanatgaran', decisionIds: [heldId], listed: true },
        { kind: 'party', name: 'Yerevan Trading LLC', decisionIds: [], listed: false },
        { kind: 'account', name: 'acct-77', decisionIds: [], listed: false },
      ],
      links: [
        { a: 'Atlas Sanatgaran', b: 'Yerevan Trading LLC', via: { type: 'phone', value: '+374 10 000000' } },
        { a: 'Yerevan Trading LLC', b: 'acct-77', via: { type: 'email_domain', value: 'example.am' } },
      ],
    };
    await page.route(`${base}/v1/networks/net_1`, (route) => route.fulfill({ status: 200, json: net }));
    try {
      await page.goto(`${base}/networks/net_1`);
      await page.getByRole('heading', { name: /Network net_1/ }).waitFor();
      await page.locator('.network-canvas canvas').first().waitFor();
      const members = await page.locator('table tbody tr').allTextContents();
      expect(members).toEqual([
        expect.stringMatching(/Atlas Sanatgaran.*listed/),
        expect.stringMatching(/Yerevan Trading LLC/),
        expect.stringMatching(/acct-77.*account/),
      ]);
      await expect(page.locator('main').textContent()).resolves.toContain('LINKED_TO_RESTRICTED');
      await shot('network');
    } finally {
      await page.unroute(`${base}/v1/networks/net_1`);
    }
  });

  it('overview: decisions per day by outcome and the top reason codes', async () => {
    await page.goto(`${base}/overview`);
    await page.getByRole('heading', { name: 'Top reason codes' }).waitFor();
    const stats = (await request(t.http).get('/v1/decisions/stats')).body;
    const total = stats.totals.allow + stats.totals.review + stats.totals.deny;
    await expect(page.locator('.totals').textContent()).resolves.toContain(`${total} decisions`);
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(0);
    await expect(page.locator('.hbars').textContent()).resolves.toContain('PARTY_LIST_MATCH');
    await shot('overview');
  });
});
