import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgreementVersionEntity } from '../src/agreements/agreement-version.entity.js';
import type { AgreementDocument } from '../src/agreements/document.js';
import { renderAgreementPdf } from '../src/agreements/pdf-layout.js';
import { TemplateRegistry } from '../src/agreements/template-registry.js';
import { startTestApp, type TestApp } from './support/app.js';
import { joinOrganization, registerUser, type Registered } from './support/factories.js';
import { driveTo, E_METERAI, eventually, pair, PAPER_METERAI, send, TERMS, view, type Pair } from './support/lifecycle.js';
import { pdfText } from './support/pdf-text.js';

// The co-branding template as it loads (its version moves with its wording).
const CO_BRANDING = new TemplateRegistry().forForm('co_branding').ref;

describe('generated agreements', () => {
  let t: TestApp;
  let p: Pair;
  let outsider: Registered;
  beforeAll(async () => {
    t = await startTestApp();
    p = await pair(t);
    outsider = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const download = (who: Registered, path: string, headers: Record<string, string> = {}) =>
    t
      .http()
      .get(path)
      .set({ ...who.auth, ...headers })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('renders the real bilingual agreement on entering `agreement`; both parties download the same signed-for bytes', async () => {
    const id = await driveTo(t, p, 'agreement');
    const { agreement } = (await view(t, p.initiator, id)).context;
    const list = await t.http().get(`/api/v1/collaborations/${id}/agreements`).set(p.partner.auth).expect(200);
    expect(list.body.items).toEqual([
      {
        version: 1,
        sha256: agreement.sha256,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        template: CO_BRANDING,
        createdAt: expect.any(String),
      },
    ]);
    const one = await t.http().get(`/api/v1/collaborations/${id}/agreements/1`).set(p.initiator.auth).expect(200);
    expect(one.body).toEqual(list.body.items[0]);

    const file = await download(p.partner, `/api/v1/collaborations/${id}/agreements/1/pdf`)
      .expect(200)
      .expect('content-type', 'application/pdf');
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(agreement.sha256);
    expect(file.headers.etag).toBe(`"${agreement.sha256}"`);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="Perjanjian-Co-Branding-LOOKOUT-x-LOOKOUT-v1\.pdf"$/);
    const text = (await pdfText(file.body)).join(' ');
    expect(text).toContain('CV Lookout Kreasi');
    expect(text).toContain('CV Batik Kita');
    expect(text).toContain(TERMS.products[0].name);
    expect(text).toContain('Perjanjian Kerja Sama Co-Branding');
    expect(text).toContain(`KLB-${id.slice(0, 8).toUpperCase()} v1 · ${one.body.contentHash.slice(0, 16)}`);
    const again = await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf`).expect(200);
    expect(Buffer.compare(again.body, file.body)).toBe(0);

    await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf`, { 'If-None-Match': `"${agreement.sha256}"` }).expect(304);
    const english = await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf?lang=en`).expect(200);
    expect((await pdfText(english.body)).join(' ')).toContain('Page 1 of');
    expect(english.headers['content-disposition']).toContain('-v1-en.pdf');

    await t.http().get(`/api/v1/collaborations/${id}/agreements`).set(outsider.auth).expect(404);
    await t.http().get(`/api/v1/collaborations/${id}/agreements/1/pdf`).set(outsider.auth).expect(404);
    await t.http().get(`/api/v1/collaborations/${id}/agreements/7`).set(p.initiator.auth).expect(404);
    await t.http().get(`/api/v1/collaborations/${id}/agreements/99999999999/pdf`).set(p.initiator.auth).expect(404);
    await t.http().get(`/api/v1/collaborations/${id}/agreements/2147483648`).set(p.initiator.auth).expect(404);
  });

  it('produces the executed copy once both have signed; it downloads and verifies, and a one-byte change does not', async () => {
    const id = await driveTo(t, p, 'agreement');
    const { version, sha256 } = (await view(t, p.initiator, id)).context.agreement;
    await send(t, p.initiator, id, { type: 'agreement.sign', version, sha256, meterai: E_METERAI })
      .set('User-Agent', 'KolaboraTest/1.0')
      .expect(200);
    await t.http().get(`/api/v1/collaborations/${id}/agreements/1/executed.pdf`).set(p.initiator.auth).expect(404);
    // Signed by one party only: a party learns it is genuine but not executed; anyone else learns nothing about it.
    const draft = (await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf`).expect(200)).body as Buffer;
    const verifyDraft = (who?: Registered) => {
      const req = t.http().post('/api/v1/verify').set('Content-Type', 'application/pdf');
      return (who ? req.set(who.auth) : req).send(draft).expect(200);
    };
    expect((await verifyDraft(p.partner)).body).toMatchObject({
      genuine: true,
      kind: 'agreement',
      message: 'Genuine: version 1, not yet executed',
    });
    expect((await verifyDraft()).body).toMatchObject({ genuine: false, message: expect.stringContaining('Not a document issued here') });
    expect((await verifyDraft(outsider)).body.genuine).toBe(false);
    await send(t, p.partner, id, { type: 'agreement.sign', version, sha256, meterai: PAPER_METERAI }).expect(200);
    const signed = (await view(t, p.initiator, id)).context.signatures;
    // The event records the recorded signatory, the organization's city and the meterai, never what a client typed.
    expect(signed[0]).toMatchObject({
      signerName: 'Dewi Lestari',
      signerTitle: 'Direktur',
      place: 'Bandung',
      meterai: E_METERAI,
      ip: expect.any(String),
      userAgent: 'KolaboraTest/1.0',
    });
    expect(signed[1]).toMatchObject({ place: 'Bandung', meterai: { kind: 'paper' } });
    expect(signed[1].meterai.serial).toBeUndefined();

    let executed: Buffer | undefined;
    for (let i = 0; i < 100 && !executed; i++) {
      const res = await download(p.partner, `/api/v1/collaborations/${id}/agreements/1/executed.pdf`);
      if (res.status === 200) executed = res.body;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(executed).toBeDefined();
    const pages = await pdfText(executed!);
    const certificate = pages.at(-1)!;
    const signaturePage = pages.at(-2)!;
    const idDate =
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d{2}\.\d{2} WIB/;
    const enDate = /\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WIB/;
    // The signature blocks: place and date filled from the signature records, the meterai box names each party's stamp.
    expect(signaturePage.match(/Tempat \/ Place: Bandung/g)).toHaveLength(2);
    // The Indonesian date, then the English one on a line of its own.
    expect(signaturePage.match(new RegExp(`Tanggal / Date: ${idDate.source} ${enDate.source}`, 'g'))).toHaveLength(2);
    expect(signaturePage).toContain(E_METERAI.serial);
    expect(signaturePage).toContain('Meterai tempel pada salinan cetak');
    expect(signaturePage).toContain('Direktur / Director');
    expect(signaturePage).not.toContain('______');
    expect(certificate).toContain('Signature Certificate');
    expect(certificate).toContain(
      'Direktur, penanda tangan yang tercatat untuk CV Lookout Kreasi / Director, recorded signatory of CV Lookout Kreasi',
    );
    expect(certificate).toContain('Director, recorded signatory of CV Batik Kita');
    // The account that signed, by name and email (pdf.js may break a long cell across text items).
    expect(certificate.replace(/\s/g, '')).toContain(`<${p.initiator.email}>`);
    expect(certificate.replace(/\s/g, '')).toContain(`<${p.partner.email}>`);
    expect(certificate).toContain(`e-meterai, serial ${E_METERAI.serial}`);
    expect(certificate).toContain(`Meterai elektronik, nomor seri ${E_METERAI.serial}`);
    expect(certificate).toContain('Paper meterai on the printed copy');
    expect(certificate).toContain('Waktu (WIB) / Time (WIB)');
    expect(certificate).toContain('KolaboraTest/1.0');
    expect(certificate).toContain(sha256);
    expect(certificate).toContain('agreement.sign');
    // Times in Jakarta time, in both languages' own words; no UTC ISO stamp.
    expect(certificate).toMatch(idDate);
    expect(certificate).toMatch(enDate);
    expect(certificate).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(certificate).not.toContain('UTC');

    const verify = (body: Buffer, who?: Registered) => {
      const req = t.http().post('/api/v1/verify').set('Content-Type', 'application/pdf');
      if (who) req.set(who.auth);
      return req.send(body);
    };
    const anonymous = await verify(executed!).expect(200);
    expect(anonymous.body).toEqual({
      genuine: true,
      sha256: expect.any(String),
      kind: 'executed',
      message: expect.stringMatching(/^Genuine: executed on \d{4}-\d{2}-\d{2} by 2 parties$/),
    });
    const party = await verify(executed!, p.initiator).expect(200);
    expect(party.body).toMatchObject({ genuine: true, kind: 'executed', collaborationId: id, version: 1 });
    const stranger = await verify(executed!, outsider).expect(200);
    expect(stranger.body.collaborationId).toBeUndefined();
    const tampered = Buffer.from(executed!);
    tampered[tampered.length - 10] ^= 1;
    expect((await verify(tampered).expect(200)).body).toMatchObject({
      genuine: false,
      message: expect.stringContaining('Not a document issued here'),
    });
    // The version file every party signed: its bytes are still the signed sha256, and anyone learns it is genuine.
    const signedFile = await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf`).expect(200);
    expect(createHash('sha256').update(signedFile.body).digest('hex')).toBe(sha256);
    expect((await verify(signedFile.body, p.partner).expect(200)).body).toMatchObject({
      genuine: true,
      kind: 'agreement',
      collaborationId: id,
      version: 1,
    });
    expect((await verify(signedFile.body).expect(200)).body).toEqual({
      genuine: true,
      sha256,
      kind: 'agreement',
      message: expect.stringMatching(/^Genuine: version 1 as signed by 2 parties; its executed copy was issued on \d{4}-\d{2}-\d{2}$/),
    });
    // The executed copy and a re-render of the stored document match the stored bytes exactly.
    const stored = await t.app.get(DataSource).getRepository(AgreementVersionEntity).findOneByOrFail({ collaborationId: id, version: 1 });
    const rerendered = await renderAgreementPdf({ ...(stored.document as AgreementDocument), createdAt: stored.createdAt }, 'bilingual');
    expect(Buffer.compare(rerendered, stored.pdf)).toBe(0);
    const empty = await t.http().post('/api/v1/verify').set('Content-Type', 'application/pdf').send(Buffer.alloc(0));
    expect(empty.status).toBe(400);
  });

  it('takes a meterai with each signature and lets only the recorded signatory the version names sign', async () => {
    const fresh = await pair(t);
    const id = await driveTo(t, fresh, 'agreement');
    const { version, sha256 } = (await view(t, fresh.initiator, id)).context.agreement;
    const sign = (who: Registered, body: Record<string, unknown>) => send(t, who, id, { type: 'agreement.sign', version, sha256, ...body });
    const field = async (body: Record<string, unknown>): Promise<string[]> => {
      const res = await sign(fresh.initiator, body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      return res.body.details.fields.map((f: { field: string }) => f.field);
    };
    expect(await field({})).toEqual(['meterai.kind']);
    expect(await field({ meterai: null })).toEqual(['meterai.kind']);
    expect(await field({ meterai: { kind: 'stamp' } })).toEqual(['meterai.kind']);
    expect(await field({ meterai: { kind: 'electronic' } })).toEqual(['meterai.serial']);
    expect(await field({ meterai: { kind: 'paper', serial: 'not a serial!' } })).toEqual(['meterai.serial']);
    expect(await field({ meterai: 'paper' })).toEqual(['meterai']);
    // A signer's name is the recorded signatory's, never typed by the client.
    expect(await field({ meterai: PAPER_METERAI, signerName: 'Someone Else', signerTitle: 'Direktur' })).toEqual([
      'signerName',
      'signerTitle',
    ]);

    // A member without recorded signing authority, even an admin, may not sign.
    const colleague = await registerUser(t);
    await joinOrganization(t, fresh.initiator, fresh.initiator.organizationId, colleague, 'admin');
    const refused = await sign(colleague, { meterai: PAPER_METERAI }).expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      code: 'SIGNING_AUTHORITY_REQUIRED',
      details: { organizationId: fresh.initiator.organizationId, signatory: 'Dewi Lestari' },
    });
    const org = `/api/v1/organizations/${fresh.initiator.organizationId}`;
    const notMember = await t
      .http()
      .patch(org)
      .set(fresh.initiator.auth)
      .send({ signatory: { name: 'Dewi Lestari', title: 'Direktur', userId: outsider.userId } })
      .expect(400);
    expect(notMember.body.details.fields[0].field).toBe('signatory.userId');
    // The colleague becomes the signatory's account: the version still names Dewi Lestari as Direktur, so they sign as her.
    const moved = await t
      .http()
      .patch(org)
      .set(fresh.initiator.auth)
      .send({ signatory: { name: 'Dewi Lestari', title: 'Direktur', userId: colleague.userId } })
      .expect(200);
    expect(moved.body.signatory).toEqual({ name: 'Dewi Lestari', title: 'Direktur', userId: colleague.userId });
    expect((await sign(fresh.initiator, { meterai: PAPER_METERAI }).expect(403)).body.code).toBe('SIGNING_AUTHORITY_REQUIRED');
    // A recorded signatory other than the one the version names cannot sign it: that takes a new version.
    await t
      .http()
      .patch(org)
      .set(fresh.initiator.auth)
      .send({ signatory: { name: 'Sari Wulan', title: 'Direktur Utama', userId: colleague.userId } })
      .expect(200);
    const renamed = await sign(colleague, { meterai: PAPER_METERAI }).expect(403);
    expect(renamed.body.details.reason).toMatch(/names Dewi Lestari \(Direktur\) as signatory, not the recorded Sari Wulan/);
    await t
      .http()
      .patch(org)
      .set(fresh.initiator.auth)
      .send({ signatory: { name: 'Dewi Lestari', title: 'Direktur', userId: colleague.userId } })
      .expect(200);
    await sign(colleague, { meterai: E_METERAI }).expect(200);
    const [signature] = (await view(t, fresh.initiator, id)).context.signatures;
    expect(signature).toMatchObject({ userId: colleague.userId, signerName: 'Dewi Lestari', signerTitle: 'Direktur', meterai: E_METERAI });
    // An organization whose signatory has no account cannot sign until an admin links one.
    await t
      .http()
      .patch(`/api/v1/organizations/${fresh.partner.organizationId}`)
      .set(fresh.partner.auth)
      .send({ signatory: { name: 'Dewi Lestari', title: 'Direktur' } })
      .expect(200);
    const unlinked = await sign(fresh.partner, { meterai: PAPER_METERAI }).expect(403);
    expect(unlinked.body.message).toMatch(/no recorded signatory with an account/);
  });

  it('voids signatures with a new version: the old hash can no longer be signed', async () => {
    const id = await driveTo(t, p, 'agreement');
    const v1 = (await view(t, p.initiator, id)).context.agreement;
    await send(t, p.initiator, id, {
      type: 'agreement.sign',
      version: 1,
      sha256: v1.sha256,
      meterai: { kind: 'paper' },
    }).expect(200);
    await send(t, p.partner, id, { type: 'agreement.requestChanges', reason: 'Revenue split' }).expect(200);
    await send(t, p.partner, id, { type: 'terms.propose', terms: { ...TERMS, revenueSplit: { initiator: 50, partner: 50 } } }).expect(200);
    await send(t, p.initiator, id, { type: 'terms.accept', revision: 2 }).expect(200);
    const v2 = (await eventually(t, p.initiator, id, (v) => v.context.agreement?.version === 2 && Boolean(v.context.agreement.sha256)))
      .context;
    expect(v2.signatures).toEqual([]);
    expect(v2.agreement.sha256).not.toBe(v1.sha256);
    const stale = await send(t, p.partner, id, {
      type: 'agreement.sign',
      version: 1,
      sha256: v1.sha256,
      meterai: { kind: 'paper' },
    }).expect(409);
    expect(stale.body.details.reason).toMatch(/not the latest/);
    const list = await t.http().get(`/api/v1/collaborations/${id}/agreements`).set(p.partner.auth).expect(200);
    expect(list.body.items.map((i: { version: number }) => i.version)).toEqual([1, 2]);

    // The diff shows the one clause whose figures changed, in both languages.
    const diff = await t.http().get(`/api/v1/collaborations/${id}/agreements/1/diff/2`).set(p.partner.auth).expect(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2, template: { from: CO_BRANDING, to: CO_BRANDING } });
    const changed = diff.body.clauses.filter((c: { status: string }) => c.status === 'changed');
    expect(changed.length).toBeGreaterThanOrEqual(1);
    const words = (lang: 'id' | 'en', op: string) =>
      changed.flatMap((c: any) => c.changes[lang].filter((x: any) => x.op === op).map((x: any) => x.text.trim()));
    expect(words('en', 'remove')).toEqual(expect.arrayContaining(['60', '40']));
    expect(words('en', 'add')).toContain('50');
    expect(words('id', 'add')).toContain('50');
    await t.http().get(`/api/v1/collaborations/${id}/agreements/1/diff/2`).set(outsider.auth).expect(404);
  });

  // Issue 14 §3 over HTTP: a licence proposed with the old `exclusive` field still makes the agreement it always made;
  // both names disagreeing, or a consignment recap day not before the payment day, is 400 naming the field.
  const LICENSING = {
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    exclusivity: true,
    disputeResolution: 'small_claims',
    districtCourt: 'Bandung',
    confidentialityYears: 2,
    licensor: 'partner',
    marks: [{ name: 'BATIK KITA', registrationNumber: 'IDM000812345', registeredOwner: 'CV Batik Kita', classes: [25] }],
    subLicensing: false,
    royaltyPercent: 8,
    minimumGuarantee: 0,
    reportingPeriod: 'quarterly',
    qualityControl: 'Samples approved before production',
  };

  it('accepts a licence sent with the old `exclusive` field and prints it; refuses it disagreeing with `exclusivity`', async () => {
    const id = await driveTo(t, p, 'invitation', { form: 'licensing', title: 'LOOKOUT × Batik Kita licence' });
    await send(t, p.partner, id, { type: 'invitation.accept' }).expect(200);
    const clash = await send(t, p.initiator, id, { type: 'terms.propose', terms: { ...LICENSING, exclusive: false } }).expect(400);
    expect(clash.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(clash.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['terms.exclusive']);
    const { exclusivity: _, ...old } = LICENSING;
    await send(t, p.initiator, id, { type: 'terms.propose', terms: { ...old, exclusive: true } }).expect(200);
    await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(200);
    await eventually(t, p.initiator, id, (v) => Boolean(v.context.agreement?.sha256));
    const file = await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf?lang=en`).expect(200);
    const text = (await pdfText(file.body)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('This licence is exclusive');
    expect(text).toContain('There is no minimum royalty guarantee');
    expect(text).toContain('CV Batik Kita');
  });

  it('refuses a consignment recap day that is not before the payment day, naming terms.recapDay', async () => {
    const id = await driveTo(t, p, 'invitation', { form: 'consignment', title: 'LOOKOUT di Batik Kita' });
    await send(t, p.partner, id, { type: 'invitation.accept' }).expect(200);
    for (const recapDay of [10, 15]) {
      const res = await send(t, p.initiator, id, { type: 'terms.propose', terms: { settlementDay: 10, recapDay } }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details.fields[0].field).toBe('terms.recapDay');
    }
    await send(t, p.initiator, id, { type: 'terms.propose', terms: { settlementDay: 10, recapDay: 5 } }).expect(200);
  });

  it('prints free text given per language once in each column, and the boilerplate options chosen in the terms', async () => {
    const terms = new TemplateRegistry().forForm('licensing').sample.terms as Record<string, any>;
    const id = await driveTo(t, p, 'agreement', { form: 'licensing' }, terms);
    const file = await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf`).expect(200);
    const text = (await pdfText(file.body)).join(' ');
    for (const part of [terms.qualityControl.id, terms.qualityControl.en]) expect(text.split(part).length - 1).toBe(1);
    expect(text).toContain('late-payment interest of 2% (two percent) a month');
    expect(text).toContain('bunga keterlambatan sebesar 2% (dua persen) per bulan');
    expect(text).toContain('is limited to IDR 150,000,000 (one hundred and fifty million rupiah)');
    expect(text).toContain('lasts more than 90 (ninety) consecutive days');
    expect(text).toContain('No Party is liable to the other for indirect loss');
  });

  it('refuses free text that is empty in both languages or has another key, and boilerplate options out of range, naming the field', async () => {
    const id = await driveTo(t, p, 'negotiation', { form: 'nda' }, { startDate: '2027-01-01', purpose: 'menjajaki kapsul bersama' });
    const propose = (terms: Record<string, unknown>) => send(t, p.initiator, id, { type: 'terms.propose', terms });
    const fields = (body: { details?: { fields?: Array<{ field: string }> } }) => (body.details?.fields ?? []).map((f) => f.field);
    for (const purpose of [{ id: '', en: ' ' }, { id: 'kapsul', fr: 'capsule' }, { id: 3 }, '', ['kapsul']]) {
      const res = await propose({ purpose }).expect(400);
      expect([purpose, res.body.code, fields(res.body)]).toEqual([purpose, 'VALIDATION_FAILED', ['terms.purpose']]);
    }
    await propose({ purpose: { id: '', en: 'a joint capsule' } }).expect(200);
    await propose({ purpose: { id: 'kapsul bersama', en: 'a joint capsule' } }).expect(200);
    // The NDA has no liability or termination clause, so it has no options for them.
    expect(fields((await propose({ liabilityCapIdr: 1000000 }).expect(400)).body)).toEqual(['terms.liabilityCapIdr']);

    const licence = await driveTo(t, p, 'negotiation', { form: 'licensing' }, { startDate: '2027-01-01' });
    for (const [terms, field] of [
      [{ liabilityCapIdr: 0 }, 'terms.liabilityCapIdr'],
      [{ lateInterestPercentPerMonth: 2.5 }, 'terms.lateInterestPercentPerMonth'],
      [{ lateInterestPercentPerMonth: 6 }, 'terms.lateInterestPercentPerMonth'],
      [{ forceMajeureTerminationDays: 7 }, 'terms.forceMajeureTerminationDays'],
      [{ excludeIndirectLoss: 'yes' }, 'terms.excludeIndirectLoss'],
      [{ qualityControl: { id: 'x'.repeat(2001), en: '' } }, 'terms.qualityControl'],
    ] as const) {
      const res = await send(t, p.initiator, licence, { type: 'terms.propose', terms }).expect(400);
      expect([terms, fields(res.body)]).toEqual([terms, [field]]);
    }
    await send(t, p.initiator, licence, {
      type: 'terms.propose',
      terms: { liabilityCapIdr: 1, lateInterestPercentPerMonth: 5, forceMajeureTerminationDays: 14, excludeIndirectLoss: false },
    }).expect(200);
  });
});
