import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgreementVersionEntity } from '../src/agreements/agreement-version.entity.js';
import type { AgreementDocument } from '../src/agreements/document.js';
import { renderAgreementPdf } from '../src/agreements/pdf-layout.js';
import { TemplateRegistry } from '../src/agreements/template-registry.js';
import { startTestApp, type TestApp } from './support/app.js';
import { registerUser, type Registered } from './support/factories.js';
import { driveTo, eventually, pair, send, TERMS, view, type Pair } from './support/lifecycle.js';
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
    await send(t, p.initiator, id, { type: 'agreement.sign', version, sha256, signerName: 'Dewi Lestari', signerTitle: 'Direktur' })
      .set('User-Agent', 'KolaboraTest/1.0')
      .expect(200);
    await t.http().get(`/api/v1/collaborations/${id}/agreements/1/executed.pdf`).set(p.initiator.auth).expect(404);
    await send(t, p.partner, id, { type: 'agreement.sign', version, sha256, signerName: 'Raka Putra', signerTitle: 'Pemilik' }).expect(200);
    const signed = (await view(t, p.initiator, id)).context.signatures;
    expect(signed[0]).toMatchObject({ signerName: 'Dewi Lestari', ip: expect.any(String), userAgent: 'KolaboraTest/1.0' });

    let executed: Buffer | undefined;
    for (let i = 0; i < 100 && !executed; i++) {
      const res = await download(p.partner, `/api/v1/collaborations/${id}/agreements/1/executed.pdf`);
      if (res.status === 200) executed = res.body;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(executed).toBeDefined();
    const pages = await pdfText(executed!);
    const certificate = pages.at(-1)!;
    expect(certificate).toContain('Signature Certificate');
    expect(certificate).toContain('Dewi Lestari, Direktur');
    expect(certificate).toContain('Raka Putra, Pemilik');
    expect(certificate).toContain('KolaboraTest/1.0');
    expect(certificate).toContain(sha256);
    expect(certificate).toContain('agreement.sign');
    // Times in Jakarta time, in both languages' own words; no UTC ISO stamp.
    expect(certificate).toMatch(
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d{2}\.\d{2} WIB/,
    );
    expect(certificate).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WIB/);
    expect(certificate).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

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
    // An unsigned version: a party learns it is genuine but not executed; anyone else learns nothing about it.
    const agreementFile = await download(p.initiator, `/api/v1/collaborations/${id}/agreements/1/pdf`).expect(200);
    expect((await verify(agreementFile.body, p.partner).expect(200)).body).toMatchObject({
      genuine: true,
      kind: 'agreement',
      collaborationId: id,
      version: 1,
    });
    expect((await verify(agreementFile.body).expect(200)).body).toEqual({
      genuine: false,
      sha256: expect.any(String),
      message: expect.stringContaining('Not a document issued here'),
    });
    expect((await verify(agreementFile.body, outsider).expect(200)).body.genuine).toBe(false);
    // The executed copy and a re-render of the stored document match the stored bytes exactly.
    const stored = await t.app.get(DataSource).getRepository(AgreementVersionEntity).findOneByOrFail({ collaborationId: id, version: 1 });
    const rerendered = await renderAgreementPdf({ ...(stored.document as AgreementDocument), createdAt: stored.createdAt }, 'bilingual');
    expect(Buffer.compare(rerendered, stored.pdf)).toBe(0);
    const empty = await t.http().post('/api/v1/verify').set('Content-Type', 'application/pdf').send(Buffer.alloc(0));
    expect(empty.status).toBe(400);
  });

  it('voids signatures with a new version: the old hash can no longer be signed', async () => {
    const id = await driveTo(t, p, 'agreement');
    const v1 = (await view(t, p.initiator, id)).context.agreement;
    await send(t, p.initiator, id, {
      type: 'agreement.sign',
      version: 1,
      sha256: v1.sha256,
      signerName: 'Dewi',
      signerTitle: 'Direktur',
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
      signerName: 'Raka',
      signerTitle: 'Pemilik',
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
});
