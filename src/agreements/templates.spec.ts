import { createHash } from 'node:crypto';
import { pdfText } from '../../test/support/pdf-text.js';
import { renderAgreementPdf } from './pdf-layout.js';
import { buildClauses } from './document.js';
import { inWords, terbilang } from '../documents/number-words.js';
import { parseClause } from './template-language.js';
import { checkComparisons, TemplateRegistry } from './template-registry.js';

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
          // The parties and the recitals carry no number (numbered: false); the clauses after them count from 1.
          const heading = (h: string): string => (clause.number ? `${clause.number}. ${h}` : h);
          if (lang !== 'en') expect(text).toContain(heading(clause.heading.id));
          if (lang !== 'id') expect(text).toContain(heading(clause.heading.en));
        }
        const unnumbered = document.clauses.filter((c) => ['Para Pihak', 'Latar Belakang'].some((h) => c.heading.id.startsWith(h)));
        expect(unnumbered.map((c) => c.number)).toEqual(unnumbered.map(() => ''));
        expect(document.clauses.find((c) => c.number !== '')?.number).toBe('1');
        if (lang !== 'en') expect(text).not.toMatch(/\d+\. Para Pihak|\d+\. Latar Belakang/);
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

    it('writes every amount, percentage and count of the clause text in figures and words, in both languages', async () => {
      const texts = document.clauses.flatMap((c) => c.paragraphs.flatMap((p) => [p.text, ...p.items.map((i) => i.text)]));
      const figures = { id: 0, en: 0 };
      for (const text of texts) {
        for (const [, digits, words] of text.id.matchAll(/Rp([\d.]+)(?: \(([^)]*)\))?/g)) {
          expect(words).toBe(`${terbilang(Number(digits.replaceAll('.', '')))} rupiah`);
          figures.id += 1;
        }
        for (const [, digits, words] of text.en.matchAll(/IDR ([\d,]+)(?: \(([^)]*)\))?/g)) {
          expect(words).toBe(`${inWords(Number(digits.replaceAll(',', '')))} rupiah`);
          figures.en += 1;
        }
        for (const [, digits, words] of text.id.matchAll(/(\d+)% ?(?:\(([^)]*)\))?/g))
          expect(words).toBe(`${terbilang(Number(digits))} persen`);
        for (const [, digits, words] of text.en.matchAll(/(\d+)% ?(?:\(([^)]*)\))?/g))
          expect(words).toBe(`${inWords(Number(digits))} percent`);
        expect(text.en).not.toMatch(/Rp\d/); // the English column's own figures
      }
      expect(figures.en).toBe(figures.id);
      // Each number of the terms printed in a clause's text is followed by its words.
      const flat = JSON.stringify(template.sample.terms);
      for (const [, n] of flat.matchAll(/":(\d+)[,}]/g)) {
        const value = Number(n);
        const id = texts.map((t) => t.id).join(' ');
        for (const [, digits, words] of id.matchAll(/(?<![\d.,Rp%])(\d{1,3}(?:\.\d{3})*)(?![\d%]) \(([^)]*)\)/g)) {
          if (Number(digits.replaceAll('.', '')) === value) expect(words.startsWith(terbilang(value))).toBe(true);
        }
      }
      const pages = (await pdfText(await renderAgreementPdf(document, 'bilingual'))).join(' ').replace(/\s+/g, ' ');
      expect(pages).toContain('yang ditulis dengan huruf yang berlaku');
      expect(pages).toContain('the words prevail');
    });

    it.each(['bilingual', 'id', 'en'] as const)(
      'never leaves the signatures alone on a page: the last clause is with them (%s)',
      async (lang) => {
        const pages = (await pdfText(await renderAgreementPdf(document, lang))).map((p) => p.replace(/\s+/g, ' '));
        const last = document.clauses.at(-1)!;
        const signing = pages.findIndex((p) => p.includes(lang === 'en' ? 'For and on behalf of' : 'Untuk dan atas nama'));
        expect(signing).toBe(pages.length - 1);
        expect(pages[signing]).toContain(`${last.number}. ${last.heading[lang === 'en' ? 'en' : 'id']}`);
        const lastText = last.paragraphs.at(-1)!.text[lang === 'en' ? 'en' : 'id'];
        expect(pages[signing].indexOf(lastText.slice(0, 40))).toBeLessThan(
          pages[signing].indexOf(lang === 'en' ? 'For and on behalf of' : 'Untuk dan atas nama'),
        );
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

describe('the licensing agreement', () => {
  it('states every PP 36/2018 Art. 7(2) field, in both languages', async () => {
    const template = registry.forForm('licensing');
    const sample = template.sample;
    const terms = sample.terms as {
      marks: Array<{ registrationNumber: string; classes: number[] }>;
      licensor: 'initiator' | 'partner';
      startDate: string;
      endDate: string;
    };
    const document = registry.document(template, sample, new Date(`${sample.agreement.date}T00:00:00Z`));
    const en = (await pdfText(await renderAgreementPdf(document, 'en'))).join(' ');
    const id = (await pdfText(await renderAgreementPdf(document, 'id'))).join(' ');
    const licensor = sample.parties[terms.licensor];
    const licensee = sample.parties[terms.licensor === 'initiator' ? 'partner' : 'initiator'];
    const longDate = (iso: string, months: string[]) => {
      const [y, m, d] = iso.split('-').map(Number);
      return `${d} ${months[m - 1]} ${y}`;
    };
    const EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    // (a) date, month, year and place of signing
    expect(en).toContain(
      `drawn up in ${sample.agreement.place} on ${longDate(sample.agreement.date, EN)}; the place and date on which each Party signs it`,
    );
    // (b) names and addresses of licensor and licensee
    // A UD licensor is named by its owner: a UD is not a legal entity, and DJKI records the licence on the owner's name.
    expect(en).toContain(`The Licensor is ${licensor.partyName}, of ${licensor.address}`);
    expect(en).toContain(`The Licensee is ${licensee.partyName}, of ${licensee.address}`);
    // (c) the object: each mark with its registration number and classes
    for (const mark of terms.marks) {
      for (const text of [en, id]) expect(text).toContain(mark.registrationNumber);
      expect(en).toContain(
        mark.classes.length > 1 ? `${mark.classes.slice(0, -1).join(', ')} and ${mark.classes.at(-1)}` : String(mark.classes[0]),
      );
    }
    // (d) exclusive or not, including sub-licensing
    expect(en).toMatch(/This licence is (non-)?exclusive/);
    expect(en).toMatch(/sub-licen[cs]es? of the Marks/);
    // (e) term
    expect(en).toContain(`runs from ${longDate(terms.startDate, EN)} until ${longDate(terms.endDate, EN)}`);
    // (f) territory
    expect(en).toContain('The licence applies in the whole territory of the Republic of Indonesia (the "Territory")');
    // (g) who pays the fees that keep the registrations in force
    expect(en).toContain('pays the fees to keep the registrations of the Marks in force');
    // and the duty to record the licence with DJKI, with its fee written the Indonesian way
    const recording = document.clauses.find((c) => c.heading.en.startsWith('Recording'));
    expect(recording).toBeDefined();
    expect(en).toContain(`${recording!.number}. ${recording!.heading.en}`);
    // The fee is the tariff in force: PP 45/2024's amounts are to be confirmed (facts §2.7), so no figure is written.
    expect(en).toContain('at the tariff in force when the application is filed, is borne by the Licensee.');
    expect(en).not.toContain('1.000.000');
  });
});

describe('party-supplied text in a rendered PDF', () => {
  it('appears literally and adds no clause, heading or item', async () => {
    const template = registry.forForm('nda');
    const visible = 'Evil {{terms.purpose}} # Heading <b>x</b> **bold** - id: item';
    const evil = `${visible}\u0007\u001b[31m`;
    const plain = registry.document(template, template.sample, new Date('2026-12-01T00:00:00Z'));
    const tricked = registry.document(
      template,
      { ...template.sample, parties: { ...template.sample.parties, initiator: { ...template.sample.parties.initiator, legalName: evil } } },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(tricked.clauses.map((c) => [c.number, c.heading.en, c.paragraphs.length, c.paragraphs.map((p) => p.items.length)])).toEqual(
      plain.clauses.map((c) => [c.number, c.heading.en, c.paragraphs.length, c.paragraphs.map((p) => p.items.length)]),
    );
    const text = (await pdfText(await renderAgreementPdf(tricked, 'en'))).join(' ');
    expect(text).toContain(visible);
  });
});

describe('tables', () => {
  it('repeat their heading row on every page they continue on', async () => {
    const clause = parseClause(
      'goods',
      '# Barang | Goods\nid: Daftar barang:\nen: List of goods:\n{{table terms.goods: sku "Kode barang" "Item code", quantity|number "Jumlah" "Quantity"}}',
      'goods.md',
    );
    const sample = registry.forForm('nda').sample;
    const goods = Array.from({ length: 120 }, (_, i) => ({ sku: `SKU-${String(i).padStart(3, '0')}`, quantity: i + 1 }));
    const data = { ...sample, terms: { goods } };
    const document = {
      ...registry.document(registry.forForm('nda'), sample, new Date('2026-12-01T00:00:00Z')),
      clauses: buildClauses([clause], data),
    };
    const pages = await pdfText(await renderAgreementPdf(document, 'bilingual'));
    const withRows = pages.filter((page) => /SKU-\d{3}/.test(page));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) expect(page).toContain('Kode barang / Item code');
    expect(pages.join(' ')).toContain('SKU-119');
  });
});

describe('template checks', () => {
  it('refuse a comparison with a value the field can never take, which would silently drop a clause', () => {
    const template = registry.forForm('licensing');
    const typo = parseClause('t', '# T | T\n{{#if terms.licensor == licensee}}\nid: a\nen: b\n{{/if}}', 'typo.md');
    expect(() => checkComparisons(template, typo.blocks, 'typo.md')).toThrow(
      'typo.md:2: terms.licensor is never "licensee" (it is one of: initiator, partner)',
    );
    const fine = parseClause('t', '# T | T\n{{#if terms.licensor == partner}}\nid: a\nen: b\n{{/if}}', 'fine.md');
    expect(() => checkComparisons(template, fine.blocks, 'fine.md')).not.toThrow();
  });
});

describe('signatory titles', () => {
  it('are translated in the English column when known, and printed as typed when not', () => {
    const template = registry.list().find((t) => t.id === 'co_branding')!;
    const sample = structuredClone(template.sample);
    sample.parties.partner.signatory.title = 'Kepala Toko';
    const document = registry.document(template, sample, new Date(`${sample.agreement.date}T00:00:00Z`));
    const parties = document.clauses[0].paragraphs.flatMap((p) => p.items.map((i) => i.text));
    expect(parties[0].id).toContain('selaku Direktur, yang');
    expect(parties[0].en).toContain('as Director, who');
    expect(parties[1].en).toContain('as Kepala Toko, who');
  });
});
