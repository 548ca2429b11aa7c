import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app.js';
import { checkScreen, ensureConsoleBuilt, id, launchBrowser, openPerson, say } from './support/browser.js';
import { PASSWORD } from './support/factories.js';

const TITLE = 'LOOKOUT × Batik Sari: kapsul Surabaya';

/**
 * Walk 1 of issue 15 in Debian's Chromium against the real app on SQLite: two founders, each in a browser context of
 * their own, take a co-branding collaboration from sign-up to `completed` by clicking only. The API is read to check
 * what the screens did, never to act.
 */
describe('web console: a co-branding collaboration walked from sign-up to completed', () => {
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
  /** The session cookie of a signed-in page, to read through the API what the clicks did. */
  const read = async (page: Page, path: string): Promise<Record<string, any>> => {
    const response = await page.request.get(base + path);
    expect(response.status()).toBe(200);
    return response.json();
  };
  const at = (page: Page, state: string) => page.locator('.stepper [aria-current=step]', { hasText: id[`state.${state}`] }).waitFor();

  const signUp = async (
    page: Page,
    who: { name: string; email: string; org: string; city: string; brands: string; categories: string },
    shot: { name: string; problems: () => string[] },
  ): Promise<void> => {
    await page.goto('/');
    await page.getByRole('link', { name: id['login.toSignup'] }).click();
    await page.getByLabel(id['field.name'], { exact: true }).fill(who.name);
    await page.getByLabel(id['field.email'], { exact: true }).fill(who.email);
    await page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
    await page.getByLabel(id['org.name'], { exact: true }).fill(who.org);
    await page.getByLabel(id['org.city'], { exact: true }).fill(who.city);
    await page.getByLabel(id['org.brands'], { exact: true }).fill(who.brands);
    await page.getByLabel(id['org.categories'], { exact: true }).fill(who.categories);
    await screen(page, shot.name, shot.problems);
    await page.getByRole('button', { name: id['signup.submit'] }).click();
    await page.getByRole('heading', { name: id['home.title'] }).waitFor();
  };
  /** The legal details an agreement names a party by, on the Organization screen. */
  const legal = async (page: Page, details: { legalName: string; nib: string; address: string; signatory: string; title: string }) => {
    await page.getByRole('link', { name: id['nav.organization'] }).click();
    await page.getByRole('heading', { name: id['org.legal'] }).waitFor();
    await page.getByLabel(id['org.legalName'], { exact: true }).fill(details.legalName);
    await page.getByLabel(id['org.nib'], { exact: true }).fill(details.nib);
    await page.getByLabel(id['org.address'], { exact: true }).fill(details.address);
    await page.getByLabel(id['org.signatoryName'], { exact: true }).fill(details.signatory);
    await page.getByLabel(id['org.signatoryTitle'], { exact: true }).fill(details.title);
    // A CV is named by its deed of establishment and NPWP too (issue 14); the founder is the signatory's own account.
    await page.getByLabel(id['org.npwp'], { exact: true }).fill('012345678901234');
    await page.getByLabel(id['org.deedNumber'], { exact: true }).fill('12');
    await page.getByLabel(id['org.deedDate'], { exact: true }).fill('2020-03-15');
    await page.getByLabel(id['org.deedNotary'], { exact: true }).fill('Rina Kartika, S.H., M.Kn.');
    await page.getByLabel(id['org.signatoryAccount'], { exact: true }).selectOption({ index: 1 }); // the founder, its only member
    const form = page.locator('form', { has: page.getByRole('heading', { name: id['org.legal'] }) });
    await form.getByRole('button', { name: id['common.save'] }).click();
    await form.getByText(id['common.saved']).waitFor();
  };
  const sign = async (page: Page, version: number): Promise<void> => {
    const form = page.locator('form.sign');
    await form.getByRole('heading', { name: say('agreement.signTitle', { n: version }) }).waitFor();
    await form.getByLabel(id['agreement.meterai.paper'], { exact: true }).check();
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: id['event.agreement.sign'] }).click();
    await form.waitFor({ state: 'detached' });
  };
  const review = async (page: Page, unitsSold: string, lessons: string): Promise<void> => {
    await page.getByRole('heading', { name: id['review.form'] }).waitFor();
    await page.getByLabel(id['reviewField.unitsSold'], { exact: true }).fill(unitsSold);
    await page.getByLabel(id['review.rating.communication'], { exact: true }).selectOption('5');
    await page.getByLabel(id['review.lessons'], { exact: true }).fill(lessons);
    await page.getByRole('button', { name: id['event.review.submit'] }).click();
  };

  it('founder A proposes, finds and invites founder B; they negotiate, sign, launch, run, end and review it', async () => {
    const a = await openPerson(browser, base);
    const b = await openPerson(browser, base);
    const me = a.page;
    const them = b.page;
    const stamp = Date.now();

    // Founder B signs up first, fills the legal details, and lists the organization in the partner directory.
    await signUp(
      them,
      {
        name: 'Sari Wulandari',
        email: `sari-${stamp}@batiksari.id`,
        org: 'Batik Sari',
        city: 'Surabaya',
        brands: 'BATIK SARI',
        categories: 'apparel, textiles',
      },
      { name: 'w00-b-signup', problems: b.problems },
    );
    await legal(them, {
      legalName: 'CV Batik Sari Surabaya',
      nib: '9120009876543',
      address: 'Jl. Tunjungan 5, Surabaya',
      signatory: 'Sari Wulandari',
      title: 'Pemilik',
    });
    const directory = them.getByRole('region', { name: id['directory.title'] });
    await directory.getByLabel(id['directory.listed'], { exact: true }).check();
    await directory.getByLabel(id['directory.story'], { exact: true }).fill('Batik tulis Surabaya, dijahit sendiri.');
    await directory.getByLabel(id['directory.priceTier'], { exact: true }).selectOption('mid');
    await directory.getByLabel('25-34', { exact: true }).check();
    await directory.getByLabel(id['directory.cities'], { exact: true }).fill('Surabaya');
    await directory.getByLabel(id['directory.instagram'], { exact: true }).fill('8000');
    await directory.getByLabel(id['directory.capacity'], { exact: true }).fill('400');
    await directory.getByLabel(id['directory.leadTime'], { exact: true }).fill('14');
    await directory.getByLabel(id['channel.marketplace'], { exact: true }).check();
    await directory.getByLabel(id['directory.tags'], { exact: true }).fill('batik tulis');
    await directory.getByLabel(id['form.co_branding'], { exact: true }).check();
    await directory.getByRole('button', { name: id['directory.save'] }).click();
    await directory.getByText(id['common.saved']).waitFor();
    await screen(them, 'w01-b-organization', b.problems);

    // Founder A signs up, fills the legal details, and drafts a co-branding proposal through the wizard.
    await signUp(
      me,
      {
        name: 'Dewi Lestari',
        email: `dewi-${stamp}@lookout.id`,
        org: 'Lookout',
        city: 'Bandung',
        brands: 'LOOKOUT',
        categories: 'apparel, headwear',
      },
      { name: 'w00-a-signup', problems: a.problems },
    );
    await legal(me, {
      legalName: 'CV Lookout Kreasi',
      nib: '9120001234567',
      address: 'Jl. Braga 10, Bandung',
      signatory: 'Dewi Lestari',
      title: 'Direktur',
    });
    await me.getByRole('link', { name: id['nav.new'] }).click();
    await me.getByLabel(id['wizard.name'], { exact: true }).fill(TITLE);
    await me.getByLabel(id['form.co_branding'], { exact: true }).check();
    await me.getByRole('button', { name: id['wizard.next'] }).click();
    await me.getByLabel(id['wizard.statement'], { exact: true }).fill('Bring our streetwear to Surabaya through a batik capsule');
    await me.getByLabel(id['goal.new_market'], { exact: true }).check();
    await me.getByLabel(id['wizard.objectives'], { exact: true }).fill('Sell 300 units in 3 months');
    await me.getByRole('button', { name: id['wizard.next'] }).click();
    await me.getByLabel(id['criterion.brand_image_fit'], { exact: true }).fill('50');
    await me.getByLabel(id['criterion.audience_overlap'], { exact: true }).fill('50');
    await me.getByRole('button', { name: id['wizard.next'] }).click();
    await me.getByLabel(id['wizard.role.initiator'], { exact: true }).fill('Design the capsule');
    await me.getByLabel(id['wizard.role.partner'], { exact: true }).fill('Supply batik fabric');
    await me.getByLabel(say('wizard.milestoneTitle', { n: 1 }), { exact: true }).fill('Samples approved');
    await me.getByLabel(say('wizard.milestoneDue', { n: 1 }), { exact: true }).fill('2027-02-01');
    await me.getByRole('button', { name: id['wizard.next'] }).click();
    await me.getByLabel(id['wizard.kpiKey'], { exact: true }).selectOption('units_sold');
    await me.getByLabel(id['wizard.baseline'], { exact: true }).fill('0');
    await me.getByLabel(id['wizard.target'], { exact: true }).fill('300');
    await screen(me, 'w01-a-wizard-review', a.problems);
    await me.getByRole('button', { name: id['wizard.submit'] }).click();
    await me.getByRole('heading', { name: TITLE }).waitFor();
    await at(me, 'partnerSearch');
    const collaboration = new URL(me.url()).pathname.split('/').pop()!;
    const path = `/collaborations/${collaboration}`;

    // Partner search: B's organization in the directory, shortlisted and invited.
    await me.getByRole('link', { name: id['collab.findPartners'] }).click();
    await me.getByRole('link', { name: id['partners.tab.directory'] }).click();
    await me.getByLabel(id['org.city'], { exact: true }).fill('Surabaya');
    await me.getByRole('button', { name: id['partners.search'], exact: true }).click();
    const found = me.locator('.list > li', { has: me.getByRole('heading', { name: 'Batik Sari', exact: true }) });
    await found.getByRole('button', { name: id['event.partner.shortlist'] }).click();
    await found.getByText(id['partners.onShortlist']).waitFor();
    await screen(me, 'w02-a-directory', a.problems);
    await me.getByRole('link', { name: id['partners.toShortlist'] }).click();
    const candidate = me.locator('.list > li', { has: me.getByRole('heading', { name: 'Batik Sari', exact: true }) });
    await candidate.getByText(id['fit.eligible'], { exact: true }).waitFor();
    await candidate.getByRole('button', { name: id['event.partner.invite'] }).click();
    await candidate.getByLabel(id['partners.message'], { exact: true }).fill('Kapsul batik untuk Surabaya?');
    expect(await candidate.getByLabel(id['partners.override'], { exact: true }).count()).toBe(0); // no minimum set: eligible
    await candidate.getByRole('button', { name: id['partners.sendInvitation'] }).click();
    await me.getByText(say('partners.waitingFor', { name: 'Batik Sari' })).waitFor();
    await screen(me, 'w03-a-invited', a.problems);

    // B finds the invitation waiting on Home and accepts it on the collaboration page.
    await them.getByRole('link', { name: id['nav.home'] }).click();
    const waiting = them.getByRole('region', { name: id['home.waiting'] });
    await waiting.getByRole('link', { name: TITLE }).waitFor();
    await screen(them, 'w04-b-home-waiting', b.problems);
    await waiting.getByRole('link', { name: TITLE }).click();
    await them.getByRole('button', { name: id['event.invitation.accept'] }).waitFor();
    await screen(them, 'w04-b-collaboration-invited', b.problems);
    await them.getByRole('button', { name: id['event.invitation.accept'] }).click();
    await at(them, 'negotiation');

    // A proposes co-branding terms; B accepts them.
    await me.goto(path);
    await me.getByRole('link', { name: id['event.terms.propose'] }).click();
    await me.getByRole('heading', { name: id['terms.first'] }).waitFor();
    const field = (name: string) => me.locator(`[id="terms-${name}"]`);
    await field('startDate').fill('2027-01-01');
    await field('endDate').fill('2027-03-31');
    await field('territory').fill('Indonesia');
    await field('exclusivity').selectOption({ label: id['common.no'] });
    // Surabaya and Bandung are two court districts, so small claims cannot apply: the district court of Bandung.
    await field('disputeResolution').selectOption({ label: id['termValue.district_court'] });
    await field('districtCourt').fill('Bandung');
    await field('confidentialityYears').fill('2');
    await me.getByRole('button', { name: say('terms.addItem', { field: id['terms.products'] }) }).click();
    await field('products-0-name').fill('Batik overshirt');
    await field('products-0-sku').fill('LK-BK-01');
    await field('products-0-units').fill('300');
    await field('revenueSplit-initiator').fill('60');
    await field('revenueSplit-partner').fill('40');
    await field('costSplit-initiator').fill('50');
    await field('costSplit-partner').fill('50');
    await field('designOwnership').selectOption({ label: id['termValue.joint'] });
    await field('sellOffDays').fill('90');
    await screen(me, 'w05-a-terms', a.problems);
    await me.getByRole('button', { name: id['event.terms.propose'] }).click();
    await me.getByText(say('terms.sent', { n: 1 })).waitFor();

    await them.goto(path);
    await them.getByRole('link', { name: id['event.terms.accept'] }).click();
    await them.getByRole('button', { name: say('terms.acceptN', { n: 1 }) }).waitFor();
    await screen(them, 'w05-b-terms-accept', b.problems);
    await them.getByRole('button', { name: say('terms.acceptN', { n: 1 }) }).click();

    // The agreement is generated; B, then A, signs it.
    await them.getByRole('heading', { name: say('agreement.versionN', { n: 1 }), exact: true }).waitFor();
    await them.locator('.pdf-pages[data-pages]').waitFor({ timeout: 30_000 });
    await screen(them, 'w06-b-agreement', b.problems);
    await sign(them, 1);
    await me.goto(path);
    await me.getByRole('link', { name: id['event.agreement.sign'] }).click();
    await me.locator('.pdf-pages[data-pages]').waitFor({ timeout: 30_000 });
    await sign(me, 1);
    await me.getByRole('link', { name: id['agreement.executedDownload'] }).waitFor();
    await screen(me, 'w07-a-executed', a.problems);

    // The IP checklist: the first blocking item waived with a reason, the rest completed with evidence; A launches.
    await me.getByRole('link', { name: id['collab.toChecklist'] }).click();
    await me.getByRole('heading', { name: id['checklist.launch'] }).waitFor();
    const checklist = await read(me, `/api/v1/collaborations/${collaboration}/checklist`);
    const blocking = checklist.openBlocking as string[];
    expect(blocking.length).toBeGreaterThan(0);
    for (const [i, itemId] of blocking.entries()) {
      const row = me.locator(`[id="item-${itemId}"]`);
      const mode = i === 0 ? 'waive' : 'complete';
      await row.getByRole('button', { name: id[`event.checklist.${mode}`] }).click();
      await row
        .getByLabel(id[mode === 'waive' ? 'checklist.reason' : 'checklist.evidence'], { exact: true })
        .fill(mode === 'waive' ? 'Desain kapsul tidak memakai merek bersama' : 'Permohonan DID2027000123');
      await row
        .locator('form')
        .getByRole('button', { name: id[`event.checklist.${mode}`] })
        .click();
      await row.locator(mode === 'waive' ? '.status-waived' : '.status-done').waitFor();
    }
    await me.getByText(id['checklist.ready']).waitFor();
    await screen(me, 'w08-a-checklist-ready', a.problems);
    await me.getByRole('button', { name: id['event.collaboration.launch'] }).click();
    await me.getByRole('link', { name: id['checklist.back'] }).click();
    await at(me, 'execution');

    // Execution: A records a milestone reached; B ends the execution.
    await me.getByRole('button', { name: id['event.milestone.record'] }).click();
    await me.getByLabel(id['collab.milestoneTitle'], { exact: true }).fill('Samples approved');
    await me.getByLabel(id['collab.milestoneDate'], { exact: true }).fill('2027-02-01');
    await me.getByLabel(id['collab.milestoneNotes'], { exact: true }).fill('Dua sampel kain disetujui');
    await screen(me, 'w09-a-milestone-form', a.problems);
    await me.locator('form').getByRole('button', { name: id['event.milestone.record'] }).click();
    await me.locator('.timeline').getByText(id['event.milestone.record']).waitFor();
    await me.getByRole('region', { name: id['collab.milestones'] }).getByText('Dua sampel kain disetujui').waitFor();
    const ran = await read(me, `/api/v1/collaborations/${collaboration}`);
    expect(ran.context.milestones).toEqual([expect.objectContaining({ title: 'Samples approved', date: '2027-02-01' })]);
    await screen(me, 'w10-a-execution', a.problems);

    await them.goto(path);
    await them.getByRole('button', { name: id['event.collaboration.end'] }).click();
    await at(them, 'postReview');

    // The review: each founder submits on the review screen; the second submission completes the collaboration.
    await them.getByRole('link', { name: id['event.review.submit'] }).click();
    await review(them, '280', 'Kirim sampel kain lebih awal');
    await them.getByText(id['review.party.submitted']).first().waitFor();
    await screen(them, 'w11-b-review-sent', b.problems);

    await me.goto(path);
    await at(me, 'postReview');
    await me.getByRole('link', { name: id['event.review.submit'] }).click();
    await screen(me, 'w12-a-review-form', a.problems);
    await review(me, '310', 'Sepakati kalender unggahan sebelum peluncuran');
    await me.getByRole('heading', { name: id['review.recommendations'] }).waitFor();
    await screen(me, 'w13-a-review-outcomes', a.problems);

    // Completed: through the API, and on the collaboration page of both founders.
    expect((await read(me, `/api/v1/collaborations/${collaboration}`)).state).toBe('completed');
    expect((await read(them, `/api/v1/collaborations/${collaboration}`)).state).toBe('completed');
    await me.goto(path);
    await at(me, 'completed');
    await me.getByText(say('collab.finished', { state: id['state.completed'] })).waitFor();
    await screen(me, 'w14-a-completed', a.problems);
    await them.goto(path);
    await at(them, 'completed');

    const history = (await read(me, `/api/v1/collaborations/${collaboration}/history`)) as unknown as Array<{ type: string }>;
    expect(history.filter((e) => !['agreement.generated', 'checklist.generated'].includes(e.type)).map((e) => e.type)).toEqual([
      ...Array(4).fill('proposal.update'), // the wizard saves each of its steps
      'proposal.submit',
      'partner.shortlist',
      'partner.invite',
      'invitation.accept',
      'terms.propose',
      'terms.accept',
      'agreement.sign',
      'agreement.sign',
      ...blocking.map((_, i) => (i === 0 ? 'checklist.waive' : 'checklist.complete')),
      'collaboration.launch',
      'milestone.record',
      'collaboration.end',
      'review.submit',
      'review.submit',
    ]);

    wrong.push(...a.problems(), ...b.problems());
    await a.context.close();
    await b.context.close();
    expect(wrong).toEqual([]);
  }, 600_000);
});
