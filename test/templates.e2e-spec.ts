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
