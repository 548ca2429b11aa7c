import { createHash } from 'node:crypto';
import { pdfText } from '../../test/support/pdf-text.js';
import { renderAgreementPdf } from './pdf-layout.js';
import { TemplateRegistry } from './template-registry.js';

const registry = new TemplateRegistry();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('agreement templates', () => {
  it('loads a template for each form it ships, each checked against its data model and sample', () => {
    expect(registry.list().length).toBeGreaterThanOrEqual(1);
    for (const t of registry.list()) expect(t.ref).toBe(`${t.id}@${t.version}`);
  });

  describe.each(registry.list().map((t) => [t.id, t] as const))('%s', (_id, template) => {
    const createdAt = new Date(`${template.sample.agreement.date}T00:00:00Z`);
    const document = registry.document(template, template.sample, createdAt);

    it.each(['bilingual', 'id', 'en'] as const)(
      'renders its sample (%s) with the parties, every clause heading and the footer',
      async (lang) => {
        const pdf = await renderAgreementPdf(document, lang);
        const pages = await pdfText(pdf);
        const text = pages.join(' ');
        for (const party of [template.sample.parties.initiator, template.sample.parties.partner]) expect(text).toContain(party.legalName);
        for (const clause of document.clauses) {
          if (lang !== 'en') expect(text).toContain(`${clause.number}. ${clause.heading.id}`);
          if (lang !== 'id') expect(text).toContain(`${clause.number}. ${clause.heading.en}`);
        }
        const label = {
          bilingual: (i: number, n: number) => `Halaman ${i} dari ${n} / Page ${i} of ${n}`,
          id: (i: number, n: number) => `Halaman ${i} dari ${n}`,
          en: (i: number, n: number) => `Page ${i} of ${n}`,
        }[lang];
        pages.forEach((page, i) => {
          expect(page).toContain(label(i + 1, pages.length));
          expect(page).toContain(`${document.number} v${document.version} · ${document.contentHash.slice(0, 16)}`);
        });
      },
    );

    it('gives byte-identical PDFs for identical input, and different ones for different data', async () => {
      const again = registry.document(template, structuredClone(template.sample), createdAt);
      const [a, b] = [await renderAgreementPdf(document, 'bilingual'), await renderAgreementPdf(again, 'bilingual')];
      expect(sha(a)).toBe(sha(b));
      const changed = registry.document(
        template,
        { ...template.sample, agreement: { ...template.sample.agreement, place: `${template.sample.agreement.place} Timur` } },
        createdAt,
      );
      expect(changed.contentHash).not.toBe(document.contentHash);
      expect(sha(await renderAgreementPdf(changed, 'bilingual'))).not.toBe(sha(a));
    });
  });
});
