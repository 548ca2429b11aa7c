import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import { RemindersService } from '../src/ip-checklist/reminders.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { TestClock } from './support/clock.js';
import { type Registered, registerUser } from './support/factories.js';
import { driveTo, eventually, legalDetails, type Pair, send, TERMS } from './support/lifecycle.js';
import { pdfText } from './support/pdf-text.js';

// A fixed day, so the due dates below do not drift with the real calendar: 10:00 in Jakarta on 28 November 2026.
const START = '2026-11-28T03:00:00.000Z';

const LICENSING_TERMS = {
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  exclusivity: false,
  disputeResolution: 'small_claims',
  districtCourt: 'Bandung',
  confidentialityYears: 2,
  licensor: 'initiator',
  marks: [{ name: 'LOOKOUT', registrationNumber: 'IDM000777001', classes: [25] }],
  exclusive: false,
  subLicensing: false,
  royaltyPercent: 8,
  minimumGuarantee: 5_000_000,
  reportingPeriod: 'quarterly',
  qualityControl: 'Samples approved before production',
};

async function brands(t: TestApp): Promise<Pair> {
  const organization = (name: string, brand: string, scale: string) => ({
    organization: { name, legalForm: 'cv', scale, city: 'Bandung', brands: [brand], categories: ['apparel'] },
  });
  const initiator = await registerUser(t, organization('Lookout Kreasi', 'LOOKOUT', 'small'));
  const partner = await registerUser(t, organization('Batik Kita', 'BATIK KITA', 'medium'));
  for (const [who, name] of [
    [initiator, 'Lookout Kreasi'],
    [partner, 'Batik Kita'],
  ] as const) {
    await t.http().patch(`/api/v1/organizations/${who.organizationId}`).set(who.auth).send(legalDetails(name, who.userId)).expect(200);
  }
  return { initiator, partner };
}

async function addMark(t: TestApp, who: Registered, body: Record<string, unknown>): Promise<string> {
  const res = await t.http().post(`/api/v1/organizations/${who.organizationId}/marks`).set(who.auth).send(body).expect(201);
  return res.body.id as string;
}

const checklist = async (t: TestApp, who: Registered, id: string) =>
  (await t.http().get(`/api/v1/collaborations/${id}/checklist`).set(who.auth).expect(200)).body;
const item = (list: { items: Array<Record<string, any>> }, id: string) => {
  const found = list.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in ${list.items.map((i) => i.id).join(', ')}`);
  return found;
};

async function readyChecklist(t: TestApp, who: Registered, id: string) {
  await eventually(t, who, id, (v) => Boolean(v.context.checklist));
  return checklist(t, who, id);
}

describe('IP checklist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' }, { clock: new TestClock(START) });
  });
  afterAll(async () => t?.close());

  it('licensing: holds the launch on the licensor mark until it is registered, shown with the record as it is now', async () => {
    const pair = await brands(t);
    const { initiator, partner } = pair;
    const markId = await addMark(t, initiator, { name: 'LOOKOUT', classes: [25], status: 'examination', filingDate: '2026-06-01' });
    const id = await driveTo(t, pair, 'ipChecklist', { form: 'licensing', title: 'LOOKOUT licence' }, LICENSING_TERMS);
    const list = await readyChecklist(t, partner, id);

    expect(list.items.map((i: { key: string }) => i.key)).toEqual([
      'pdki-search',
      'licensed-mark-registered',
      'licence-recordal',
      'meterai',
      'meterai',
    ]);
    const licensed = item(list, 'licensed-mark-registered:idm000777001');
    expect(licensed).toMatchObject({
      status: 'inProgress',
      launchBlocking: true,
      responsible: { organizationId: initiator.organizationId },
      record: { id: markId, status: 'examination' },
    });
    expect(list.openBlocking).toEqual(['pdki-search:idm000777001', 'licensed-mark-registered:idm000777001']);
    expect(item(list, 'licence-recordal:idm000777001').fee).toMatchObject({
      amount: 1_000_000,
      currency: 'IDR',
      rate: 'flat',
      toBeConfirmed: true,
    });

    await send(t, initiator, id, {
      type: 'checklist.complete',
      itemId: 'pdki-search:idm000777001',
      evidence: { date: '2026-11-28', reference: 'PDKI-1' },
    }).expect(200);
    const held = await send(t, initiator, id, { type: 'collaboration.launch' }).expect(409);
    expect(held.body.message).toContain('licensed-mark-registered:idm000777001');

    // DJKI registers the mark: the record changes, and the checklist shows it at once.
    await t
      .http()
      .patch(`/api/v1/organizations/${initiator.organizationId}/marks/${markId}`)
      .set(initiator.auth)
      .send({ status: 'registered', registrationNumber: 'IDM000777001', registrationDate: '2026-11-20' })
      .expect(200);
    const now = await checklist(t, partner, id);
    expect(item(now, 'licensed-mark-registered:idm000777001').record).toMatchObject({
      status: 'registered',
      deadlines: expect.arrayContaining([expect.objectContaining({ kind: 'expiry', due: '2036-06-01', overdue: false })]),
    });

    await send(t, initiator, id, {
      type: 'checklist.complete',
      itemId: 'licensed-mark-registered:idm000777001',
      evidence: { registrationNumber: 'IDM000777001' },
    }).expect(200);
    const launched = await send(t, initiator, id, { type: 'collaboration.launch' }).expect(200);
    expect(launched.body.state).toBe('execution');
  });

  it('co-branding: asks about the joint mark, counts the design-ownership clause and asks for the designs to be filed before launch', async () => {
    const pair = await brands(t);
    const { initiator, partner } = pair;
    await addMark(t, initiator, { name: 'LOOKOUT', classes: [25, 18], status: 'registered', registrationNumber: 'IDM0001' });
    const id = await driveTo(t, pair, 'ipChecklist', {}, TERMS);
    const list = await readyChecklist(t, initiator, id);

    expect(item(list, 'joint-mark-decision')).toMatchObject({ status: 'todo', launchBlocking: false });
    expect(item(list, 'design-ownership')).toMatchObject({ status: 'done', evidence: { term: 'designOwnership', value: 'joint' } });
    expect(item(list, 'design-filing')).toMatchObject({ due: '2027-01-01', overdue: false, status: 'todo' });
    expect(item(list, 'mark-filed:initiator:lookout')).toMatchObject({
      status: 'done',
      fee: { amount: 1_000_000, quantity: 2, rate: 'umk' },
    });
    expect(item(list, 'mark-filed:partner:batik-kita')).toMatchObject({ status: 'todo', fee: { amount: 1_800_000, rate: 'general' } });
    expect(item(list, 'copyright-recordal').launchBlocking).toBe(false);
    // The registered mark needs no fresh search; the partner's unregistered one does.
    expect(list.openBlocking).toEqual(['pdki-search:partner:batik-kita']);
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain('umk-documents:initiator');
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain('umk-documents:partner'); // medium: general rate

    // With a named joint mark, its filing holds the launch; waiving it with a reason releases it, reopening holds it again.
    const joint = await driveTo(
      t,
      pair,
      'ipChecklist',
      { title: 'LOOKOUT × BATIK' },
      { ...TERMS, jointMark: { name: 'Lookout x Batik', registrant: 'joint' } },
    );
    const jointList = await readyChecklist(t, partner, joint);
    expect(item(jointList, 'joint-mark-filed:lookout-x-batik')).toMatchObject({ launchBlocking: true, status: 'todo' });
    expect(jointList.items.map((i: { id: string }) => i.id)).not.toContain('joint-mark-decision');
    for (const open of jointList.openBlocking.filter((i: string) => i !== 'joint-mark-filed:lookout-x-batik')) {
      await send(t, partner, joint, { type: 'checklist.complete', itemId: open, evidence: { reference: 'PDKI-2' } }).expect(200);
    }
    await send(t, initiator, joint, { type: 'collaboration.launch' }).expect(409);
    await send(t, partner, joint, {
      type: 'checklist.waive',
      itemId: 'joint-mark-filed:lookout-x-batik',
      reason: 'Using A × B instead',
    }).expect(200);
    expect((await checklist(t, initiator, joint)).openBlocking).toEqual([]);
    await send(t, initiator, joint, { type: 'checklist.reopen', itemId: 'joint-mark-filed:lookout-x-batik' }).expect(200);
    await send(t, initiator, joint, { type: 'collaboration.launch' }).expect(409);
  });

  it('lists upcoming and overdue deadlines and checklist items in /reminders', async () => {
    const pair = await brands(t);
    const { initiator, partner } = pair;
    await addMark(t, initiator, { name: 'LOOKOUT', classes: [25], status: 'refused', refusalNoticeDate: '2026-11-20' });
    await addMark(t, initiator, { name: 'LOOKOUT KIDS', classes: [25], status: 'refused', refusalNoticeDate: '2026-10-01' });
    const id = await driveTo(t, pair, 'ipChecklist');
    await readyChecklist(t, initiator, id);

    const res = await t.http().get('/api/v1/reminders?within=90d').set(initiator.auth).expect(200);
    expect(res.body).toMatchObject({ within: '90d', today: '2026-11-28' });
    const shown = res.body.items.map((i: Record<string, any>) => [i.record?.name ?? i.itemId, i.kind, i.due, i.overdue]);
    expect(shown).toEqual([
      ['LOOKOUT KIDS', 'refusal_response_due', '2026-10-31', true],
      ['LOOKOUT', 'refusal_response_due', '2026-12-20', false],
      ['LOOKOUT KIDS', 'appeal_due', '2026-12-30', false],
      ['design-filing', 'design-filing', '2027-01-01', false],
      ['LOOKOUT', 'appeal_due', '2027-02-18', false],
    ]);
    const response = res.body.items[1];
    expect(response).toMatchObject({
      source: 'ipRecord',
      daysLeft: 22,
      mark: 'S',
      toBeConfirmed: true,
      legalBasis: expect.stringContaining('UU 20/2016'),
    });
    expect(res.body.items[3]).toMatchObject({ source: 'checklist', collaboration: { id }, organizationId: initiator.organizationId });

    const soon = await t.http().get('/api/v1/reminders?within=30d').set(initiator.auth).expect(200);
    expect(soon.body.items.map((i: Record<string, any>) => i.due)).toEqual(['2026-10-31', '2026-12-20']);
    // The partner sees the shared checklist item, not the initiator's marks.
    const theirs = await t.http().get('/api/v1/reminders').set(partner.auth).expect(200);
    expect(theirs.body.items.map((i: Record<string, any>) => i.source)).toEqual(['checklist']);

    for (const within of ['90', '0d', '90w', '99999d']) {
      const bad = await t.http().get(`/api/v1/reminders?within=${within}`).set(initiator.auth).expect(400);
      expect(bad.body.details.fields[0].field).toBe('within');
    }
  });

  it('writes calendars a real parser reads: one event per due date, stable UIDs, language, legal basis and alarms', async () => {
    const pair = await brands(t);
    const { initiator } = pair;
    const markId = await addMark(t, initiator, { name: 'LOOKOUT', classes: [25], status: 'refused', refusalNoticeDate: '2026-11-20' });
    const id = await driveTo(t, pair, 'ipChecklist');
    await readyChecklist(t, initiator, id);

    const download = async (path: string) => {
      const res = await t.http().get(path).set(initiator.auth).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(res.text));
      return calendar.getAllSubcomponents('vevent').map((e) => ({
        uid: e.getFirstPropertyValue('uid'),
        start: String(e.getFirstPropertyValue('dtstart')),
        summary: e.getFirstPropertyValue('summary') as string,
        description: e.getFirstPropertyValue('description') as string,
        alarms: e.getAllSubcomponents('valarm').map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / -86_400),
      }));
    };

    const org = await download(`/api/v1/organizations/${initiator.organizationId}/deadlines.ics?lang=en`);
    const response = org.find((e) => e.uid === `${markId}.refusal_response_due@kolabora`)!;
    expect(response).toMatchObject({ start: '2026-12-20', summary: 'LOOKOUT: Response to the provisional refusal due', alarms: [30, 7] });
    expect(response.description).toMatch(/UU 20\/2016 Art\. 24.*\[S\] \(to be confirmed\)/);
    expect(org.find((e) => e.uid === `${markId}.appeal_due@kolabora`)!.start).toBe('2027-02-18');

    const again = await download(`/api/v1/organizations/${initiator.organizationId}/deadlines.ics?lang=id`);
    expect(again.map((e) => e.uid)).toEqual(org.map((e) => e.uid));
    expect(again.find((e) => e.uid === response.uid)!.summary).toBe('LOOKOUT: Batas tanggapan atas penolakan sementara');

    const collaboration = await download(`/api/v1/collaborations/${id}/checklist.ics?lang=en`);
    expect(collaboration.find((e) => e.uid === `${id}.design-filing@kolabora`)).toMatchObject({
      start: '2027-01-01',
      summary: "File an industrial design for the collaboration's designs",
      alarms: [30, 7],
    });
    // The record linked to the checklist brings its deadlines along.
    expect(collaboration.map((e) => e.uid)).toContain(`${markId}.appeal_due@kolabora`);
  });

  it('renders the checklist as a bilingual PDF with status, due dates, fees, legal basis and what is to be confirmed', async () => {
    const pair = await brands(t);
    const { initiator } = pair;
    await addMark(t, initiator, { name: 'LOOKOUT', classes: [25], status: 'refused', refusalNoticeDate: '2026-11-20' });
    const id = await driveTo(t, pair, 'ipChecklist');
    await readyChecklist(t, initiator, id);

    const res = await t
      .http()
      .get(`/api/v1/collaborations/${id}/checklist.pdf`)
      .set(initiator.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.body as Buffer)).join(' ');
    for (const expected of [
      'Daftar Periksa Kekayaan Intelektual',
      'Intellectual Property Checklist',
      'Penelusuran PDKI untuk merek "BATIK KITA" / PDKI search for the mark "BATIK KITA"',
      'Ajukan desain industri',
      '1 Januari 2027 / 1 January 2027',
      'Rp500.000 (1 × kelas / class); perlu dikonfirmasi / to be confirmed',
      'Rp1.800.000',
      'perlu dikonfirmasi',
      'to be confirmed',
      'UU 31/2000 Art. 2–3',
      'PP 45/2024',
      'Bea Meterai / Stamp duty: UU 10/2020 on Bea Meterai (single rate Rp10,000, in force 1 January 2021); legal facts §4.3, berlaku / effective 2021-01-01.',
      'Batas tanggapan atas penolakan sementara',
      '20 Desember 2026',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('keeps the checklist to the parties, and names a bad language', async () => {
    const pair = await brands(t);
    const id = await driveTo(t, pair, 'ipChecklist');
    const stranger = await registerUser(t);
    for (const path of ['checklist', 'checklist.ics', 'checklist.pdf']) {
      await t.http().get(`/api/v1/collaborations/${id}/${path}`).set(stranger.auth).expect(404);
    }
    await t.http().get(`/api/v1/organizations/${pair.initiator.organizationId}/deadlines.ics`).set(stranger.auth).expect(404);
    const bad = await t.http().get(`/api/v1/collaborations/${id}/checklist.pdf?lang=fr`).set(pair.initiator.auth).expect(400);
    expect(bad.body.details.fields[0].field).toBe('lang');
    // Before the checklist stage there is nothing to list, which is not an error.
    const early = await driveTo(t, pair, 'negotiation');
    expect(await checklist(t, pair.initiator, early)).toEqual({ generatedAt: null, openBlocking: [], items: [] });
  });
});

describe('IP reminders across instances', () => {
  let a: TestApp;
  let b: TestApp;
  const clock = new TestClock(START);
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((l) => l.includes('reminder sent')),
      );
      done();
    },
  });
  beforeAll(async () => {
    a = await startTestApp({ WORKER_POLL_MS: '0', LOG_LEVEL: 'info' }, { clock, logDestination: capture });
    b = await startTestApp({ WORKER_POLL_MS: '0', LOG_LEVEL: 'info' }, { clock, logDestination: capture, shareWith: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  const until = (iso: string): void => clock.advance(Date.parse(iso) - clock.now().getTime());
  const deliverOnBoth = async (): Promise<number> => {
    const [x, y] = await Promise.all([a.app.get(RemindersService).deliverDue(), b.app.get(RemindersService).deliverDue()]);
    return x + y;
  };

  it('delivers each reminder once, drops those whose date moved, and skips an item done in the meantime', async () => {
    const pair = await brands(a);
    const { initiator } = pair;
    const markId = await addMark(a, initiator, { name: 'LOOKOUT', classes: [25], status: 'refused', refusalNoticeDate: '2026-11-20' });
    const id = await driveTo(a, pair, 'ipChecklist'); // design-filing due 2027-01-01, the initiator responsible
    await readyChecklist(a, initiator, id);
    expect(await deliverOnBoth()).toBe(0);

    // 2 December, 09:00 in Jakarta: 30 days before the design filing. Both instances try; one sends.
    until('2026-12-02T02:00:00.000Z');
    expect(await deliverOnBoth()).toBe(1);
    expect(await deliverOnBoth()).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('File an industrial design');
    const inbox = (await a.http().get('/api/v1/notifications').set(initiator.auth).expect(200)).body.items;
    expect(inbox.filter((n: { kind: string }) => n.kind === 'reminder').map((n: { subject: { en: string } }) => n.subject.en)).toEqual([
      "In 30 days: File an industrial design for the collaboration's designs",
    ]);

    // 13 December: 7 days before the refusal response (due 20 December).
    await send(a, initiator, id, {
      type: 'checklist.complete',
      itemId: 'design-filing',
      evidence: { applicationNumber: 'A00202604321' },
    }).expect(200);
    until('2026-12-13T02:00:00.000Z');
    expect(await deliverOnBoth()).toBe(1);
    expect(lines[1]).toMatch(/LOOKOUT: Response to the provisional refusal due \(in 7 days, on 2026-12-20\)/);

    // The notice date is corrected: the response is now due 31 December, and the overdue reminder of 21 December goes.
    await a
      .http()
      .patch(`/api/v1/organizations/${initiator.organizationId}/marks/${markId}`)
      .set(initiator.auth)
      .send({ refusalNoticeDate: '2026-12-01' })
      .expect(200);
    until('2026-12-21T03:00:00.000Z');
    expect(await deliverOnBoth()).toBe(0);

    // 25 December: 7 days before the design filing, which is done: skipped, not sent.
    until('2026-12-25T02:00:00.000Z');
    expect(await deliverOnBoth()).toBe(1); // the moved response: 7 days before 31 December is 24 December
    expect(lines[2]).toContain('(in 7 days, on 2026-12-31)');
    const rows = await a.app
      .get(DataSource)
      .query(`SELECT subject, offset_days, outcome FROM reminders WHERE subject LIKE 'checklist:%' ORDER BY offset_days DESC`);
    expect(rows.map((r: Record<string, unknown>) => [r.subject, Number(r.offset_days), r.outcome])).toEqual([
      [`checklist:${id}:design-filing`, 30, 'sent'],
      [`checklist:${id}:design-filing`, 7, 'skipped'],
      [`checklist:${id}:design-filing`, -1, null],
    ]);
    expect(lines).toHaveLength(3);
  });
});
