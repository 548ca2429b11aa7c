import { startTestApp, type TestApp } from './support/app.js';
import { registerUser, type Registered } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';

describe('agreement templates over HTTP', () => {
  let t: TestApp;
  let user: Registered;
  beforeAll(async () => {
    t = await startTestApp();
    user = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the templates with id, version, form and titles', async () => {
    const res = await t.http().get('/api/v1/templates').set(user.auth).expect(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        {
          id: 'nda',
          version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
          form: 'nda',
          title: { id: 'Perjanjian Kerahasiaan', en: 'Non-Disclosure Agreement' },
        },
      ]),
    );
  });

  it('has every form agree to electronic signing and name the original before the closing, with blank place and date lines', async () => {
    const templates = (await t.http().get('/api/v1/templates').set(user.auth).expect(200)).body as Array<{ id: string }>;
    expect(templates).toHaveLength(8);
    for (const { id } of templates) {
      const res = await t
        .http()
        .get(`/api/v1/templates/${id}/preview.pdf`)
        .set(user.auth)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const text = (await pdfText(res.body as Buffer)).join(' ');
      const heading = /(\d+)\. Tanda Tangan Elektronik dan Naskah Asli (\d+)\. Electronic Signing and the Original/.exec(text);
      expect([id, Boolean(heading), heading?.[1]]).toEqual([id, true, heading?.[2]]);
      const closing = /(\d+)\. Penutup/.exec(text);
      expect([id, Number(closing?.[1])]).toEqual([id, Number(heading?.[1]) + 1]);
      expect(text).toContain('Pasal 5 ayat (1) Undang-Undang Nomor 11 Tahun 2008');
      expect(text).toContain('Articles 59(3) and 60 of Government Regulation No. 71 of 2019');
      expect(text).toContain('The original of this Agreement is the electronic executed copy');
      expect(text).toContain('all counterparts together form one and the same agreement');
      // Before signing, each signature block has place and date lines to fill.
      expect([id, text.match(/Tempat \/ Place: _+/g)?.length]).toEqual([id, 2]);
      expect([id, text.match(/Tanggal \/ Date: _+/g)?.length]).toEqual([id, 2]);
    }
  });

  it('renders a preview PDF of the sample in each language, the same bytes each time', async () => {
    const preview = (lang?: string) =>
      t
        .http()
        .get(`/api/v1/templates/nda/preview.pdf${lang ? `?lang=${lang}` : ''}`)
        .set(user.auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    const bilingual = await preview().expect(200).expect('content-type', 'application/pdf');
    expect((bilingual.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(bilingual.body)).join(' ');
    expect(text).toContain('Perjanjian Kerahasiaan');
    expect(text).toContain('Non-Disclosure Agreement');
    expect(text).toContain('Halaman 1 dari');
    const en = (await pdfText((await preview('en').expect(200)).body)).join(' ');
    expect(en).toContain('Page 1 of');
    expect(en).not.toContain('Halaman');
    expect(Buffer.compare((await preview().expect(200)).body, bilingual.body)).toBe(0);
    const bad = await t.http().get('/api/v1/templates/nda/preview.pdf?lang=fr').set(user.auth).expect(400);
    expect(bad.body.details.fields[0].field).toBe('lang');
    await t.http().get('/api/v1/templates/nope/preview.pdf').set(user.auth).expect(404);
  });
});
