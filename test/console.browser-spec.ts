import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app.js';
import { checkScreen, ensureConsoleBuilt, id, launchBrowser, logIn, openPerson } from './support/browser.js';
import { MembershipsService } from '../src/memberships/index.js';
import { PASSWORD, registerUser } from './support/factories.js';
import { driveTo, pair, view } from './support/lifecycle.js';

// Page-side code (page.evaluate) runs in the browser; these names exist there, not in this Node program.
declare const document: any, localStorage: any, sessionStorage: any;

/** The web console in Debian's Chromium, against the real app on SQLite: a founder's first walk, screen by screen. */
describe('web console in a browser', () => {
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

  it('signs up, fills the organization, drafts and submits a co-branding proposal, sees it, logs out and comes back', async () => {
    const { context, page, problems } = await openPerson(browser, base);
    const email = `dewi-${Date.now()}@example.id`;

    // A deep link while signed out goes to login, which links to sign-up.
    await page.goto('/');
    await page.getByRole('heading', { name: id['login.title'] }).waitFor();
    await screen(page, '01-login', problems);
    await page.getByRole('link', { name: id['login.toSignup'] }).click();
    await page.getByRole('heading', { name: id['signup.title'] }).waitFor();
    await screen(page, '02-signup', problems);

    await page.getByLabel(id['field.name'], { exact: true }).fill('Dewi Lestari');
    await page.getByLabel(id['field.email'], { exact: true }).fill(email);
    await page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await page.getByLabel(id['org.name'], { exact: true }).fill('Lookout');
    await page.getByLabel(id['org.city'], { exact: true }).fill('Bandung');
    await page.getByLabel(id['org.brands'], { exact: true }).fill('LOOKOUT');
    await page.getByLabel(id['org.categories'], { exact: true }).fill('apparel, headwear');
    await page.getByRole('button', { name: id['signup.submit'] }).click();

    await page.getByRole('heading', { name: id['home.title'] }).waitFor();
    await page.getByText(id['home.noCollaborations']).waitFor();
    await screen(page, '03-home-empty', problems);
    // The token stays in the HttpOnly cookie: nothing in storage, nothing the page can read.
    expect(await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage), document.cookie])).toEqual([
      [],
      [],
      'kolabora_signed_in=1',
    ]);

    await page.getByRole('link', { name: id['nav.organization'] }).click();
    await page.getByRole('heading', { name: id['org.legal'] }).waitFor();
    await page.getByLabel(id['org.legalName'], { exact: true }).fill('CV Lookout Kreasi');
    await page.getByLabel(id['org.nib'], { exact: true }).fill('9120001234567');
    await page.getByLabel(id['org.address'], { exact: true }).fill('Jl. Braga 10, Bandung');
    // A CV is named by its deed and NPWP too (issue 14 §2); a PT's SK AHU and a UD's owner are not asked of it.
    await page.getByLabel(id['org.npwp'], { exact: true }).fill('012345678901234');
    await page.getByLabel(id['org.deedNumber'], { exact: true }).fill('12');
    await page.getByLabel(id['org.deedDate'], { exact: true }).fill('2020-03-15');
    await page.getByLabel(id['org.deedNotary'], { exact: true }).fill('Rina Kartika, S.H., M.Kn.');
    expect(await page.getByLabel(id['org.skAhu'], { exact: true }).count()).toBe(0);
    expect(await page.getByLabel(id['org.ownerName'], { exact: true }).count()).toBe(0);
    await page.getByLabel(id['org.signatoryName'], { exact: true }).fill('Dewi Lestari');
    await page.getByLabel(id['org.signatoryTitle'], { exact: true }).fill('Direktur');
    await page
      .locator('form', { has: page.getByRole('heading', { name: id['org.legal'] }) })
      .getByRole('button', { name: id['common.save'] })
      .click();
    await page.getByText(id['common.saved']).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Dewi Lestari' }).first().waitFor();
    await screen(page, '04-organization', problems);
    await page.reload();
    await page.getByRole('heading', { name: id['org.legal'] }).waitFor();
    expect(await page.getByLabel(id['org.deedNotary'], { exact: true }).inputValue()).toBe('Rina Kartika, S.H., M.Kn.');
    expect(await page.getByLabel(id['org.deedDate'], { exact: true }).inputValue()).toBe('2020-03-15');
    const me = await t.http().get('/api/v1/auth/login'); // a GET on a POST-only route: still the API's 405, not the console
    expect(me.status).toBe(405);

    // The wizard over the five elements.
    await page.getByRole('link', { name: id['nav.new'] }).click();
    await page.getByLabel(id['wizard.name'], { exact: true }).fill('LOOKOUT × Batik Sari capsule');
    await page.getByLabel(id['form.co_branding'], { exact: true }).check();
    await screen(page, '05-wizard-form', problems);
    await page.getByRole('button', { name: id['wizard.next'] }).click();

    await page.getByLabel(id['wizard.statement'], { exact: true }).fill('Bring our streetwear to Surabaya through a batik capsule');
    await page.getByLabel(id['goal.brand_awareness'], { exact: true }).check();
    await page.getByLabel(id['goal.new_market'], { exact: true }).check();
    await page.getByLabel(id['wizard.objectives'], { exact: true }).fill('Sell 300 units in 3 months');
    await screen(page, '06-wizard-vision', problems);
    await page.getByRole('button', { name: id['wizard.next'] }).click();

    await page.getByLabel(id['criterion.brand_image_fit'], { exact: true }).fill('40');
    await page.getByLabel(id['criterion.audience_overlap'], { exact: true }).fill('30');
    await expect(page.getByRole('button', { name: id['wizard.next'] }).isDisabled()).resolves.toBe(true); // 70 of 100
    await page.getByLabel(id['criterion.capability_fit'], { exact: true }).fill('30');
    await page.getByText(id['wizard.weightSum'].replace('{sum}', '100')).waitFor();
    await screen(page, '07-wizard-partners', problems);
    await page.getByRole('button', { name: id['wizard.next'] }).click();

    await page.getByLabel(id['wizard.role.initiator'], { exact: true }).fill('Design the capsule\nRun the launch campaign');
    await page.getByLabel(id['wizard.role.partner'], { exact: true }).fill('Supply batik fabric');
    await page.getByLabel(id['wizard.milestoneTitle'].replace('{n}', '1'), { exact: true }).fill('Samples approved');
    await page.getByLabel(id['wizard.milestoneDue'].replace('{n}', '1'), { exact: true }).fill('2027-02-01');
    await screen(page, '08-wizard-structure', problems);
    await page.getByRole('button', { name: id['wizard.next'] }).click();

    await page.getByLabel(id['wizard.baseline'], { exact: true }).fill('1000');
    await page.getByLabel(id['wizard.target'], { exact: true }).fill('1500');
    await screen(page, '09-wizard-review', problems);
    await page.getByRole('button', { name: id['wizard.submit'] }).click();

    // The collaboration: stepper from the workflow definition, the history, the actions allowed now.
    await page.getByRole('heading', { name: 'LOOKOUT × Batik Sari capsule' }).waitFor();
    await page.locator('.stepper [aria-current=step]', { hasText: id['state.partnerSearch'] }).waitFor();
    await page.locator('.timeline').getByText(id['event.proposal.submit']).waitFor();
    await screen(page, '10-collaboration', problems);
    const collaborationUrl = new URL(page.url()).pathname;

    await page.getByRole('link', { name: id['collab.toChecklist'] }).click();
    await page.getByText(id['checklist.empty']).waitFor();
    await screen(page, '11-checklist-empty', problems);

    await page.getByRole('link', { name: id['nav.home'] }).click();
    await page.getByRole('link', { name: 'LOOKOUT × Batik Sari capsule' }).first().waitFor();
    await screen(page, '12-home', problems);

    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: id['notFound.title'] }).waitFor();
    await screen(page, '13-not-found', problems);

    // Log out; a deep link asks to log in and returns to the same page.
    await page.getByRole('button', { name: id['nav.logout'] }).click();
    await page.getByRole('heading', { name: id['login.title'] }).waitFor();
    await page.goto(collaborationUrl);
    await page.getByText(id['login.comeBack']).waitFor();
    await page.getByLabel(id['field.email'], { exact: true }).fill(email);
    await page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: id['login.submit'] }).click();
    await page.getByRole('heading', { name: 'LOOKOUT × Batik Sari capsule' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(collaborationUrl);
    wrong.push(...problems());

    await context.close();
    expect(wrong).toEqual([]);
  }, 180_000);

  it('two founders at the launch guard: blocked, items completed by the partner, launched by the initiator', async () => {
    const founders = await pair(t);
    const collaboration = await driveTo(t, founders, 'ipChecklist');
    const checklistPath = `/collaborations/${collaboration}/checklist`;
    const partner = await openPerson(browser, base);
    const initiator = await openPerson(browser, base);

    // The initiator sees the launch blocked, and by what.
    await logIn(initiator.page, founders.initiator, checklistPath);
    await initiator.page.getByRole('heading', { name: id['checklist.launch'] }).waitFor();
    const launch = initiator.page.getByRole('button', { name: id['event.collaboration.launch'] });
    expect(await launch.isDisabled()).toBe(true);
    const checklist = await t.http().get(`/api/v1/collaborations/${collaboration}/checklist`).set(founders.initiator.auth).expect(200);
    const blocking = (checklist.body.openBlocking as string[]).map((itemId) => ({ id: itemId }));
    expect(blocking.length).toBeGreaterThan(0);
    await initiator.page.getByText(id['checklist.blocked'].replace('{n}', String(blocking.length))).waitFor();
    await screen(initiator.page, '14-checklist-blocked', initiator.problems);

    // The partner completes each blocking item with its evidence, by clicking.
    await logIn(partner.page, founders.partner, checklistPath);
    await partner.page.getByRole('heading', { name: id['checklist.launch'] }).waitFor();
    for (const item of blocking) {
      const row = partner.page.locator(`[id="item-${item.id}"]`);
      await row.getByRole('button', { name: id['event.checklist.complete'] }).click();
      await row.getByLabel(id['checklist.evidence'], { exact: true }).fill('Permohonan DID2027000123');
      await row.locator('form').getByRole('button', { name: id['event.checklist.complete'] }).click();
      await row.locator('.status-done').waitFor();
    }
    await partner.page.getByText(id['checklist.ready']).waitFor();
    await screen(partner.page, '15-checklist-ready', partner.problems);

    // The initiator, on reload, may launch; the collaboration moves to execution.
    await initiator.page.reload();
    await initiator.page.getByText(id['checklist.ready']).waitFor();
    await launch.click();
    await initiator.page.getByRole('link', { name: id['checklist.back'] }).click();
    await initiator.page.locator('.stepper [aria-current=step]', { hasText: id['state.execution'] }).waitFor();
    await screen(initiator.page, '16-collaboration-execution', initiator.problems);
    await initiator.page.getByRole('link', { name: id['nav.home'] }).click();
    await initiator.page.getByRole('heading', { name: id['home.waiting'] }).waitFor();
    await screen(initiator.page, '17-home-with-work', initiator.problems);
    expect((await view(t, founders.initiator, collaboration)).state).toBe('execution');

    wrong.push(...partner.problems(), ...initiator.problems());
    await partner.context.close();
    await initiator.context.close();
    expect(wrong).toEqual([]);
  }, 180_000);

  it('someone invited to an organization opens the mailed link, logs in as that address and joins', async () => {
    const owner = await registerUser(t);
    const invitee = await registerUser(t);
    const invited = await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/members`)
      .set(owner.auth)
      .send({ email: invitee.email, role: 'member' })
      .expect(201);
    const link = `/memberships/${t.app.get(MembershipsService).tokenOf(invited.body.id)}`;
    const person = await openPerson(browser, base);

    await person.page.goto(link);
    await person.page.getByRole('heading', { name: id['membership.title'] }).waitFor();
    await screen(person.page, '18-membership-invitation', person.problems);
    await person.page.getByRole('link', { name: id['membership.login'] }).click();
    await person.page.getByLabel(id['field.email'], { exact: true }).fill(invitee.email);
    await person.page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await person.page.getByRole('button', { name: id['login.submit'] }).click();
    await person.page.getByRole('button', { name: id['membership.accept'] }).click();
    await person.page.getByRole('heading', { name: id['org.members'], exact: true }).waitFor();
    const members = await t.http().get(`/api/v1/organizations/${owner.organizationId}/members`).set(owner.auth).expect(200);
    expect(members.body.map((m: { userId: string }) => m.userId)).toContain(invitee.userId);

    wrong.push(...person.problems());
    await person.context.close();
    expect(wrong).toEqual([]);
  }, 120_000);
});
