import { pdfText } from '../../test/support/pdf-text.js';
import { finish, PAGE, startDocument } from './pdf-layout.js';

/** Where object `id` starts in the file. */
const objectAt = (pdf: string, id: number): number => pdf.indexOf(`\n${id} 0 obj\n`);

describe('house PDF layout', () => {
  it('writes each page out when the next starts, and still puts "page n of N" footers on every page', async () => {
    const { doc, finished } = startDocument({ Title: 't', Subject: 's', createdAt: new Date('2026-12-04T00:00:00Z') });
    for (let page = 1; page <= 3; page++) {
      if (page > 1) doc.addPage();
      doc.font('Body').fontSize(9).text(`Isi halaman ${page}`, PAGE.margins.left, PAGE.margins.top);
    }
    finish(doc, (page, pages) => `Halaman ${page} dari ${pages}`);
    const pdf = await finished;

    expect(await pdfText(pdf)).toEqual([
      'Isi halaman 1 Halaman 1 dari 3',
      'Isi halaman 2 Halaman 2 dari 3',
      'Isi halaman 3 Halaman 3 dari 3',
    ]);
    // Each page has two content streams: what was laid out, then the footer added at the end.
    const raw = pdf.toString('latin1');
    const contents = [...raw.matchAll(/\/Type \/Page\n[^>]*?\/Contents \[(\d+) 0 R (\d+) 0 R\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(contents).toHaveLength(3);
    // The first page's text was in the file before the last page's, and both before any footer.
    const [first, , last] = contents;
    expect(objectAt(raw, first[0])).toBeLessThan(objectAt(raw, last[0]));
    expect(objectAt(raw, last[0])).toBeLessThan(objectAt(raw, first[1]));
  });
});
