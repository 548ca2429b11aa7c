import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app.js';
import { checkScreen, ensureConsoleBuilt, launchBrowser, openPerson, id, say } from './support/browser.js';
import { PASSWORD, type Registered, registerUser } from './support/factories.js';
import { driveTo, pair, send } from './support/lifecycle.js';

// Page-side code (page.evaluate) runs in the browser; these names exist there, not in this Node program.
declare const sessionStorage: any;

// Follower growth (baseline 5 %, target 10 %) and profit (target Rp 2,000,000): the form requires their inputs only.
const PLAN = {
  kpis: [
    { key: 'follower_growth_pct', baseline: 5, target: 10 },
    { key: 'profit', target: 2_000_000 },
  ],
  reviewWindowDays: 14,
};
const PARTNER_REVIEW = {
  kpis: {
    awareness: { followersBefore: 4_000, followersAfter: 5_000 },
    commercial: {
      grossRevenue: 6_000_000,
      discounts: 0,
      returns: 0,
      costOfGoods: 2_000_000,
      marketingCost: 1_000_000,
      revenueSharePaid: 0,
      revenueShareReceived: 0,
    },
  },
  ratings: { communication: 5 },
  lessons: 'Send fabric samples earlier',
};
// Growth (12,600 − 12,000) / 12,000 = 5 %: missed; profit 9,000,000 − 500,000 − 4,000,000 − 1,500,000 = 3,000,000: met.
const INITIATOR_FIGURES: Array<[string, string]> = [
  ['reviewField.followersBefore', '12000'],
  ['reviewField.followersAfter', '12600'],
  ['reviewField.grossRevenue', '9000000'],
  ['reviewField.discounts', '500000'],
  ['reviewField.returns', '0'],
  ['reviewField.costOfGoods', '4000000'],
  ['reviewField.marketingCost', '1500000'],
  ['reviewField.revenueSharePaid', '0'],
  ['reviewField.revenueShareReceived', '0'],
];

/** Screen 10 (review and insights), screen 1's directory profile and IP records, and a session that expires mid-form. */
describe('web console: review, insights, directory profile, IP records, expired session', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const wrong: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const screen = async (page: Page, name: string, problems: () => string[]): Promise<void> => {
    wrong.push(...(await checkScreen(page, name)), ...problems().map((p) => `${name}: ${p}`));
  };
  const logIn = async (page: Page, who: Registered, path: string): Promise<void> => {
    await page.goto(path);
    await page.getByLabel(id['field.email'], { exact: true }).fill(who.email);
    await page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: id['login.submit'] }).click();
  };

  it('fills the KPI form the plan asks for, sees outcomes, charts and advice, downloads the PDF, then the insights CSV', async () => {
    const founders = await pair(t);
    const collaboration = await driveTo(t, founders, 'postReview', { reviewPlan: PLAN });
    await send(t, founders.partner, collaboration, { type: 'review.submit', ...PARTNER_REVIEW }).expect(200);
    const { page, context, problems } = await openPerson(browser, base);

    // From the collaboration, the review action opens screen 10.
    await logIn(page, founders.initiator, `/collaborations/${collaboration}`);
    await page.getByRole('link', { name: id['event.review.submit'] }).click();
    await page.getByRole('heading', { name: id['review.form'] }).waitFor();

    // What the plan needs is required: the browser refuses an empty form, and nothing reaches the API.
    const required = page.locator('form', { has: page.getByRole('heading', { name: id['review.form'] }) }).locator('input[required]');
    expect(await required.count()).toBe(INITIATOR_FIGURES.length);
    expect(await page.getByLabel(id['reviewField.reach'], { exact: true }).getAttribute('required')).toBeNull(); // not planned
    await screen(page, '20-review-form', problems);
    await page.getByRole('button', { name: id['event.review.submit'] }).click();
    expect(await page.getByLabel(id['reviewField.followersBefore'], { exact: true }).evaluate((el: any) => el.validity.valueMissing)).toBe(
      true,
    );
    const before = await t.http().get(`/api/v1/collaborations/${collaboration}/review`).set(founders.initiator.auth).expect(200);
    const mine = before.body.parties.find((p: { role: string }) => p.role === 'initiator');
    const partnerName = before.body.parties.find((p: { role: string }) => p.role === 'partner').name as string;
    expect(mine.status).toBe('pending');

    for (const [label, value] of INITIATOR_FIGURES) await page.getByLabel(id[label], { exact: true }).fill(value);
    await page.getByLabel(id['review.rating.communication'], { exact: true }).selectOption('4');
    await page.getByLabel(id['review.lessons'], { exact: true }).fill('Agree the posting calendar before launch');
    await page.getByRole('button', { name: id['event.review.submit'] }).click();

    // Both reviews are in: the collaboration completes and each party's outcomes show, with the plan's KPIs as bars.
    const outcomesHeading = page.getByRole('heading', { name: say('review.outcomesOf', { name: mine.name }) });
    await outcomesHeading.or(page.locator('.error-note')).first().waitFor();
    expect(await page.locator('.error-note').allTextContents()).toEqual([]);
    const initiatorOutcomes = page.locator('section.card', {
      has: page.getByRole('heading', { name: say('review.outcomesOf', { name: mine.name }) }),
    });
    await initiatorOutcomes.locator('.bars li', { hasText: id['kpi.follower_growth_pct'] }).getByText(id['review.missed']).waitFor();
    await initiatorOutcomes.locator('.bars li', { hasText: id['kpi.profit'] }).getByText(id['review.met']).waitFor();
    await initiatorOutcomes.getByText('Rp 3.000.000').first().waitFor();
    expect(await page.getByRole('heading', { name: id['review.form'] }).count()).toBe(0); // submitted: no second form
    await page.getByRole('heading', { name: id['review.recommendations'] }).waitFor();
    const review = await t.http().get(`/api/v1/collaborations/${collaboration}/review`).set(founders.initiator.auth).expect(200);
    expect(review.body.state).toBe('completed');
    for (const advice of review.body.recommendations.items as Array<{ advice: { id: string } }>) {
      await page.getByText(advice.advice.id).waitFor();
    }
    await screen(page, '21-review-outcomes', problems);

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: id['review.pdf'] }).click()]);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.suggestedFilename()).toBe(`Tinjauan-Kolaborasi-${collaboration}.pdf`);

    // Insights across collaborations, from the navigation.
    await page.getByRole('link', { name: id['nav.insights'] }).click();
    await page.getByRole('heading', { name: id['insights.overall'] }).waitFor();
    await page
      .getByText(say('insights.reviewedOf', { reviewed: '1', total: '1' }))
      .first()
      .waitFor();
    await page.getByRole('region', { name: id['insights.byPartner'] }).getByText(partnerName).waitFor();
    await screen(page, '22-insights', problems);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: id['insights.csv'] }).click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFgroup_kind,group,name,collaborations,reviewed,')).toBe(true);
    expect(text).toMatch(/\r\noverall,all,,1,1,/);

    wrong.push(...problems());
    await context.close();
    expect(wrong).toEqual([]);
  }, 180_000);

  it('edits the public directory profile and adds a mark whose statutory deadlines show', async () => {
    const owner = await registerUser(t);
    const { page, context, problems } = await openPerson(browser, base);
    await logIn(page, owner, '/organization');
    await page.getByRole('heading', { name: id['directory.title'] }).waitFor();

    await page.getByLabel(id['directory.listed'], { exact: true }).check();
    await page.getByLabel(id['directory.story'], { exact: true }).fill('Tenun ikat dari Sumba, dijahit di Bandung.');
    await page.getByLabel(id['directory.priceTier'], { exact: true }).selectOption('premium');
    await page.getByLabel('25-34', { exact: true }).check();
    await page.getByLabel(id['directory.cities'], { exact: true }).fill('Bandung, Jakarta');
    await page.getByLabel(id['directory.instagram'], { exact: true }).fill('12000');
    await page.getByLabel(id['directory.capacity'], { exact: true }).fill('500');
    await page.getByLabel(id['directory.leadTime'], { exact: true }).fill('21');
    await page.getByLabel(id['channel.marketplace'], { exact: true }).check();
    await page.getByLabel(id['directory.tags'], { exact: true }).fill('tenun, sustainable');
    await page.getByLabel(id['form.co_branding'], { exact: true }).check();
    const directory = page.getByRole('region', { name: id['directory.title'] });
    await directory.getByRole('button', { name: id['directory.save'] }).click();
    await directory.getByText(id['common.saved']).waitFor();
    const org = await t.http().get(`/api/v1/organizations/${owner.organizationId}`).set(owner.auth).expect(200);
    expect(org.body.profile).toMatchObject({
      listed: true,
      priceTier: 'premium',
      audience: { ageBands: ['25-34'], cities: ['Bandung', 'Jakarta'], followers: { instagram: 12000 } },
      capacityPerMonth: 500,
      leadTimeDays: 21,
      channels: ['marketplace'],
      tags: ['tenun', 'sustainable'],
      openToForms: ['co_branding'],
    });

    // A mark with its filing and registration dates: the deadlines come back from the API and show under it.
    const ip = page.getByRole('region', { name: id['ip.title'] });
    await ip.getByLabel(id['ip.name'], { exact: true }).fill('LOOKOUT');
    await ip.getByLabel(id['ip.status'], { exact: true }).selectOption('registered');
    await ip.getByLabel(id['ip.classes'], { exact: true }).fill('25, 18');
    await ip.getByLabel(id['ip.filingDate'], { exact: true }).fill('2024-03-01');
    await ip.getByLabel(id['ip.registrationDate'], { exact: true }).fill('2025-02-01');
    await ip.getByRole('button', { name: id['ip.addSubmit'] }).click();
    await ip.getByText(id['ip.added']).waitFor();
    const deadlines = ip.getByRole('list', { name: say('ip.deadlinesOf', { name: 'LOOKOUT' }) });
    await deadlines.waitFor();
    const marks = await t.http().get(`/api/v1/organizations/${owner.organizationId}/marks`).set(owner.auth).expect(200);
    expect(marks.body).toHaveLength(1);
    expect(marks.body[0].deadlines.length).toBeGreaterThan(0);
    expect(await deadlines.locator('li').count()).toBe(marks.body[0].deadlines.length);
    for (const deadline of marks.body[0].deadlines as Array<{ due: string; title: { id: string } }>) {
      await deadlines.locator(`time[datetime="${deadline.due}"]`).waitFor();
      await deadlines.getByText(deadline.title.id).first().waitFor();
    }
    expect(await ip.getByLabel(id['ip.name'], { exact: true }).inputValue()).toBe(''); // ready for the next record
    await screen(page, '23-organization-directory-ip', problems);

    wrong.push(...problems());
    await context.close();
    expect(wrong).toEqual([]);
  }, 120_000);

  it('keeps what was typed through a lost connection and an expired session, and comes back to the same page', async () => {
    const owner = await registerUser(t);
    const { page, context, problems } = await openPerson(browser, base);
    await logIn(page, owner, '/organization');
    const ip = page.getByRole('region', { name: id['ip.title'] });
    await ip.getByLabel(id['ip.name'], { exact: true }).waitFor();

    // A lost connection: the save fails in plain words and the form keeps its contents.
    await ip.getByLabel(id['ip.name'], { exact: true }).fill('BATIK SARI');
    await ip.getByLabel(id['ip.filingDate'], { exact: true }).fill('2025-06-10');
    await context.setOffline(true);
    await ip.getByRole('button', { name: id['ip.addSubmit'] }).click();
    await ip.getByText(id['error.NETWORK']).waitFor();
    expect(await ip.getByLabel(id['ip.name'], { exact: true }).inputValue()).toBe('BATIK SARI');
    // Back online the lists refetch; wait for them, so the 401 below comes from the save and not from a late refetch.
    const refetched = page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith('/marks'));
    await context.setOffline(false);
    expect((await refetched).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    const offline = problems();
    expect(offline.length).toBeGreaterThan(0);
    expect(offline.filter((p) => !p.startsWith('request failed: POST') && !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);

    // The session ends on the server (logged out everywhere); the next save is refused with 401.
    await t.http().post('/api/v1/auth/logout').set(owner.auth).expect(204);
    await ip.getByLabel(id['ip.applicationNumber'], { exact: true }).fill('DID2025012345');
    await ip.getByRole('button', { name: id['ip.addSubmit'] }).click();
    await page.getByRole('heading', { name: id['login.title'] }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/organization');
    await page.getByText(id['session.draftKept']).waitFor();
    // Only typed contents are kept in the tab, never a token.
    const kept = await page.evaluate(() => Object.entries(sessionStorage) as Array<[string, string]>);
    expect(kept.map(([key]) => key)).toEqual(['kolabora.draft:/organization#ip-record']);
    expect(kept[0][1]).not.toMatch(/token|eyJ/i);
    // The one refused save is expected (the browser logs it as a failed resource too); nothing else went wrong.
    const refused = problems();
    expect(refused.filter((p) => !/^HTTP 401: POST .*\/marks$/.test(p) && !p.includes('status of 401'))).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    await screen(page, '24-login-after-expiry', problems);

    await page.getByLabel(id['field.email'], { exact: true }).fill(owner.email);
    await page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: id['login.submit'] }).click();
    await page.getByRole('heading', { name: id['ip.title'] }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organization');
    expect(await ip.getByLabel(id['ip.name'], { exact: true }).inputValue()).toBe('BATIK SARI');
    expect(await ip.getByLabel(id['ip.filingDate'], { exact: true }).inputValue()).toBe('2025-06-10');
    expect(await ip.getByLabel(id['ip.applicationNumber'], { exact: true }).inputValue()).toBe('DID2025012345');

    // Saved now; the draft is gone.
    await ip.getByRole('button', { name: id['ip.addSubmit'] }).click();
    await ip.getByText(id['ip.added']).waitFor();
    await ip.getByText('BATIK SARI').waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    const marks = await t
      .http()
      .get(`/api/v1/organizations/${owner.organizationId}/marks`)
      .set(await loginAuth(owner));
    expect(marks.body.map((m: { name: string; applicationNumber: string }) => [m.name, m.applicationNumber])).toEqual([
      ['BATIK SARI', 'DID2025012345'],
    ]);

    wrong.push(...problems());
    await context.close();
    expect(wrong).toEqual([]);
  }, 120_000);

  it("starts Home's reads with the page for a signed-in visit, and the console takes those very answers", async () => {
    const owner = await registerUser(t);
    const { page, context, problems } = await openPerson(browser, base);
    await logIn(page, owner, '/');
    await page.getByRole('heading', { name: id['home.deadlines'] }).waitFor();

    const requested: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) requested.push(new URL(request.url()).pathname + new URL(request.url()).search);
    });
    const html = await (await page.reload({ waitUntil: 'networkidle' }))!.text();
    const preloaded = [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)"/g)].map((m) => m[1]);
    expect(preloaded).toEqual([
      '/api/v1/me',
      '/api/v1/collaborations?limit=100',
      '/api/v1/reminders?within=60d',
      '/api/v1/notifications?limit=10',
    ]);
    // Each read went out once: the preload, taken by the console's own query (a URL that drifted would be asked twice).
    for (const url of preloaded) expect([url, requested.filter((r) => r === url).length]).toEqual([url, 1]);
    await page.getByText(id['home.noDeadlines']).waitFor();

    // Signed out (no marker cookie), and on any other page, nothing is preloaded: no 401 to log.
    // (plain fetch: the console's pages are not API operations the contract checker knows)
    const signedOut = await fetch(`${base}/`);
    expect([signedOut.status, (await signedOut.text()).includes('rel="preload"')]).toEqual([200, false]);
    const elsewhere = await fetch(`${base}/organization`, { headers: { cookie: 'kolabora_signed_in=1' } });
    expect([elsewhere.status, (await elsewhere.text()).includes('rel="preload"')]).toEqual([200, false]);
    const home = await fetch(`${base}/`, { headers: { cookie: 'kolabora_signed_in=1' } });
    expect([home.headers.get('vary'), (await home.text()).includes('rel="preload"')]).toEqual(['cookie', true]);

    wrong.push(...problems());
    await context.close();
    expect(wrong).toEqual([]);
  }, 120_000);

  /** A fresh bearer token (the registered one was revoked by the logout above). */
  const loginAuth = async (who: Registered): Promise<Record<string, string>> => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: who.email, password: PASSWORD }).expect(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  };
});
