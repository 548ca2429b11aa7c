import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app.js';
import { checkScreen, ensureConsoleBuilt, id, launchBrowser, logIn, openPerson } from './support/browser.js';
import { DirectoryFixture } from './support/directory.js';
import { PASSWORD, type Registered, registerUser } from './support/factories.js';
import { createCollaboration, send, view } from './support/lifecycle.js';

// Page-side code (page.evaluate) runs in the browser; these names exist there, not in this Node program.
declare const navigator: any;

// The English catalog, for the contact whose browser prefers English.
const en: Record<string, string> = JSON.parse(readFileSync(new URL('../web/src/i18n/en.json', import.meta.url), 'utf8'));

const profile = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  listed: true,
  story: 'Kain tenun ikat dari Sumba, dijahit di Yogyakarta.',
  priceTier: 'mid',
  audience: { ageBands: ['18-24', '25-34'], femalePercent: 70, cities: ['Bandung', 'Jakarta'], followers: { instagram: 12000 } },
  capacityPerMonth: 500,
  leadTimeDays: 21,
  channels: ['instagram', 'marketplace'],
  tags: ['tenun'],
  openToForms: ['co_branding', 'consignment'],
  ...overrides,
});

/** The partner search (screen 5) and the invitation a contact opens (screen 6), clicked through in Chromium. */
describe('web console: partner search and invitations', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let initiator: Registered;
  const wrong: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    browser = await launchBrowser();
    initiator = await registerUser(t);
    const directory = new DirectoryFixture(t, initiator, profile);
    await directory.partner('sumba', {
      name: 'Tenun Sumba Loka',
      brands: ['SUMBA LOKA'],
      city: 'Yogyakarta',
      categories: ['apparel', 'textiles'],
    });
    await directory.partner(
      'surabaya',
      { name: 'Kota Pahlawan Apparel', brands: ['KPA'], city: 'Surabaya', categories: ['apparel'] },
      { priceTier: 'budget', tags: ['streetwear'] },
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const screen = async (page: Page, name: string, problems: () => string[]): Promise<void> => {
    wrong.push(...(await checkScreen(page, name)), ...problems().map((p) => `${name}: ${p}`));
  };
  /** A proposal submitted by the initiator: in partner search. */
  const searching = async (title: string): Promise<string> => {
    const collaboration = await createCollaboration(t, initiator, { title });
    await send(t, initiator, collaboration, { type: 'proposal.submit' }).expect(200);
    return collaboration;
  };
  const row = (page: Page, name: string, exact = true) => page.locator('.list > li', { has: page.getByRole('heading', { name, exact }) });

  it('searches the directory, reads a fit breakdown, shortlists, rates and invites an organization', async () => {
    const collaboration = await searching('LOOKOUT × Tenun capsule');
    const person = await openPerson(browser, base);
    const { page } = person;

    // From the collaboration in partner search to its partner search.
    await logIn(page, initiator, `/collaborations/${collaboration}`);
    await page.getByRole('link', { name: id['collab.findPartners'] }).click();
    await page.getByRole('heading', { name: id['partners.titleOf'].replace('{title}', 'LOOKOUT × Tenun capsule') }).waitFor();
    const suggestion = row(page, 'Tenun Sumba Loka');
    await suggestion.getByText(id['fit.notEligible']).waitFor();
    // The breakdown per criterion, with its reason in the reader's language.
    await suggestion.getByText(id['fit.breakdown']).click();
    await suggestion.locator('.breakdown dt', { hasText: id['criterion.capability_fit'] }).waitFor();
    await suggestion.locator('.breakdown dd').first().waitFor();
    await screen(page, 'p01-suggestions', person.problems);

    // The directory with a filter: the city narrows the results, and the filter is in the address.
    await page.getByRole('link', { name: id['partners.tab.directory'] }).click();
    await row(page, 'Kota Pahlawan Apparel').waitFor();
    await page.getByLabel(id['org.city'], { exact: true }).fill('Yogyakarta');
    await page.getByRole('button', { name: id['partners.search'], exact: true }).click();
    await page.waitForURL(/city=Yogyakarta/);
    await row(page, 'Kota Pahlawan Apparel').waitFor({ state: 'detached' });
    await row(page, 'Tenun Sumba Loka').waitFor();
    await screen(page, 'p02-directory-filtered', person.problems);
    // Back goes to the unfiltered directory, forward to the filtered one.
    await page.goBack();
    await row(page, 'Kota Pahlawan Apparel').waitFor();
    await page.goForward();
    await row(page, 'Kota Pahlawan Apparel').waitFor({ state: 'detached' });

    await row(page, 'Tenun Sumba Loka').getByRole('button', { name: id['event.partner.shortlist'] }).click();
    await row(page, 'Tenun Sumba Loka').getByText(id['partners.onShortlist']).waitFor();
    await page.getByRole('link', { name: id['partners.toShortlist'] }).click();

    // On the shortlist: capability cannot be computed (the proposal names no volume) and has a minimum, so it is rated.
    const candidate = row(page, 'Tenun Sumba Loka');
    await candidate.getByText(id['fit.notEligible']).waitFor();
    await candidate.getByRole('button', { name: id['partners.rate'] }).click();
    await candidate.getByLabel(id['criterion.capability_fit'], { exact: true }).selectOption('4');
    await candidate.getByRole('button', { name: id['partners.saveRating'] }).click();
    await candidate.getByText(id['fit.eligible'], { exact: true }).waitFor();
    await candidate.getByText(id['fit.breakdown']).click();
    await candidate.locator('.breakdown dt', { hasText: id['fit.rated'] }).waitFor();
    await screen(page, 'p03-shortlist-rated', person.problems);
    const rated = await view(t, initiator, collaboration);
    expect(rated.context.candidates[0].scores).toEqual({ capability_fit: 4 });

    await candidate.getByRole('button', { name: id['event.partner.invite'] }).click();
    await candidate.getByLabel(id['partners.message'], { exact: true }).fill('Kapsul batik untuk Surabaya?');
    await candidate.getByRole('button', { name: id['partners.sendInvitation'] }).click();
    await page.getByRole('heading', { name: id['partners.sentTitle'] }).waitFor();
    await page.getByText(id['partners.waitingFor'].replace('{name}', 'Tenun Sumba Loka')).waitFor();
    await screen(page, 'p04-invited-organization', person.problems);
    const invited = await view(t, initiator, collaboration);
    expect([invited.state, invited.context.invitation.message, invited.parties.map((p: { role: string }) => p.role)]).toEqual([
      'invitation',
      'Kapsul batik untuk Surabaya?',
      ['initiator', 'invited'],
    ]);

    wrong.push(...person.problems());
    await person.context.close();
    expect(wrong).toEqual([]);
  }, 180_000);

  it('invites a contact by email, shares the link, and the contact signs up and accepts in one step', async () => {
    const collaboration = await searching('LOOKOUT × Sari tenun');
    const person = await openPerson(browser, base);
    const { page } = person;
    await person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await logIn(page, initiator, `/collaborations/${collaboration}/partners?tab=contact`);
    await page.getByRole('heading', { name: id['partners.contactTitle'] }).waitFor();
    await page.getByLabel(id['partners.contactName'], { exact: true }).fill('Sari Wulandari');
    await page.getByLabel(id['field.email'], { exact: true }).fill('sari@tenun-sari.id');
    await page.getByLabel(id['partners.contactBrand'], { exact: true }).fill('Tenun Sari');
    await page.getByLabel(id['partners.contactPhone'], { exact: true }).fill('+628123456789');
    await screen(page, 'p05-contact-form', person.problems);

    // A lost connection: the page says so in plain words, keeps what was typed, and sends it once back online.
    await person.context.setOffline(true);
    await page.getByRole('button', { name: id['partners.addContact'] }).click();
    await page.getByText(id['common.paused']).waitFor();
    expect(await page.getByLabel(id['partners.contactName'], { exact: true }).inputValue()).toBe('Sari Wulandari');
    await person.context.setOffline(false);

    // A contact has no data to compute from: invited with a reason for going ahead.
    const candidate = row(page, 'Sari Wulandari · Tenun Sari', false);
    await candidate.getByText(id['fit.notEligible']).waitFor();
    await candidate.getByRole('button', { name: id['event.partner.invite'] }).click();
    await candidate.getByLabel(id['partners.override'], { exact: true }).fill('Kami sudah bertemu di Inacraft');
    await candidate.getByRole('button', { name: id['partners.sendInvitation'] }).click();

    // The link, to send on WhatsApp in one tap or to copy.
    await page.getByRole('heading', { name: id['partners.sentTitle'] }).waitFor();
    const link = (await view(t, initiator, collaboration)).invitation as { link: string; whatsappUrl: string };
    expect(await page.getByLabel(id['partners.link'], { exact: true }).inputValue()).toBe(link.link);
    expect(await page.getByRole('link', { name: id['partners.whatsapp'] }).getAttribute('href')).toBe(link.whatsappUrl);
    expect(link.whatsappUrl).toMatch(/^https:\/\/wa\.me\/\?text=/);
    await page.getByRole('button', { name: id['partners.copy'] }).click();
    await page.getByText(id['partners.copied']).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link.link);
    await screen(page, 'p06-contact-link', person.problems);

    // The link's own page carries the invitation's words before any script (and without one).
    const path = new URL(link.link).pathname;
    const served = await t.http().get(path).expect(200);
    expect(served.text).toMatch(/<div id="root"><section class="id" lang="id">\s*<h1>Undangan kolaborasi<\/h1>/);

    // Sari, on her phone, opens the link: who invites and why, then signs up and accepts in one press.
    const sari = await openPerson(browser, base);
    await sari.page.goto(path);
    await sari.page.getByRole('heading', { name: id['invitation.title'] }).waitFor();
    await sari.page.getByText(id['invitation.newHere']).waitFor();
    await screen(sari.page, 'p07-invitation', sari.problems);
    await sari.page.getByLabel(id['field.name'], { exact: true }).fill('Sari Wulandari');
    await sari.page.getByLabel(id['field.email'], { exact: true }).fill('sari@tenun-sari.id');
    await sari.page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await sari.page.getByLabel(id['org.name'], { exact: true }).fill('Tenun Sari');
    await sari.page.getByLabel(id['org.city'], { exact: true }).fill('Yogyakarta');
    await sari.page.getByLabel(id['org.brands'], { exact: true }).fill('Tenun Sari');
    await sari.page.getByLabel(id['org.categories'], { exact: true }).fill('textiles');
    await sari.page.getByRole('button', { name: id['invitation.signupAccept'] }).click();
    await sari.page.getByRole('heading', { name: 'LOOKOUT × Sari tenun' }).waitFor();
    await sari.page.locator('.stepper [aria-current=step]', { hasText: id['state.negotiation'] }).waitFor();
    await screen(sari.page, 'p08-accepted', sari.problems);
    const accepted = await view(t, initiator, collaboration);
    expect([accepted.state, accepted.parties.map((p: { role: string; name: string }) => [p.role, p.name])]).toEqual([
      'negotiation',
      [
        ['initiator', expect.any(String)],
        ['partner', 'Tenun Sari'],
      ],
    ]);

    // Used once: opened again, the link says so in plain words and what to do.
    await sari.page.goto(path);
    await sari.page.getByText(id['error.INVITATION_USED']).waitFor();
    await sari.page.getByText(id['invitation.askAgain']).waitFor();
    // The only problems logged are the two 410 answers (the page and the API), each also as the browser's console line.
    const gone = 'console error: Failed to load resource: the server responded with a status of 410 (Gone)';
    expect(
      sari
        .problems()
        .map((p) => p.replace(base, ''))
        .sort(),
    ).toEqual([`HTTP 410: GET ${path}`, `HTTP 410: GET /api/v1/invitations/${path.split('/').pop()}`, gone, gone].sort());

    wrong.push(...person.problems(), ...sari.problems());
    await person.context.close();
    await sari.context.close();
    expect(wrong).toEqual([]);
  }, 180_000);

  it('another contact, whose browser prefers English, declines with a reason, without an account', async () => {
    const collaboration = await searching('LOOKOUT × Rumah Batik');
    const contact = { name: 'Budi Santoso', email: 'budi@rumah-batik.id' };
    await send(t, initiator, collaboration, { type: 'partner.shortlist', contact, source: 'referral' }).expect(200);
    await send(t, initiator, collaboration, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } }).expect(
      200,
    );
    await send(t, initiator, collaboration, { type: 'partner.invite', candidateId: 'candidate-1', message: 'Kolaborasi?' }).expect(200);
    const path = new URL((await view(t, initiator, collaboration)).invitation.link).pathname;

    const budi = await openPerson(browser, base, 'en-US');
    await budi.page.goto(path);
    await budi.page.getByRole('heading', { name: en['invitation.title'] }).waitFor();
    await budi.page.getByText('Kolaborasi?', { exact: true }).waitFor();
    await screen(budi.page, 'p09-invitation-en', budi.problems);
    await budi.page.getByLabel(en['invitation.reason'], { exact: true }).fill('Kapasitas produksi kami penuh sampai Juni');
    await budi.page.getByRole('button', { name: en['invitation.decline'] }).click();
    await budi.page
      .getByRole('status')
      .filter({ hasText: en['invitation.declined'].split('{inviter}')[0] })
      .waitFor();
    await screen(budi.page, 'p10-declined-en', budi.problems);
    const after = await view(t, initiator, collaboration);
    expect([after.state, after.context.invitationOutcomes.map((o: { outcome: string; reason: string }) => [o.outcome, o.reason])]).toEqual([
      'partnerSearch',
      [['declined', 'Kapasitas produksi kami penuh sampai Juni']],
    ]);

    wrong.push(...budi.problems());
    await budi.context.close();
    expect(wrong).toEqual([]);
  }, 120_000);
});
