import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText } from '../../test/support/pdf-text.js';
import { renderAgreementPdf } from './pdf-layout.js';
import { buildClauses } from './document.js';
import { inWords, terbilang } from '../documents/number-words.js';
import { parseClause } from './template-language.js';
import { checkClauseRefs, checkComparisons, checkVariables, type AgreementTemplate, TemplateRegistry } from './template-registry.js';
import { freeTextPaths, missingTerms, REQUIRED_TERMS, validateTerms } from './terms.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import type { AgreementData } from './document.js';
import { startDocument, tableColumnWidths } from '../documents/pdf-layout.js';

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

describe('a foreign party', () => {
  it.each([
    ['NL', 'foreign', 'established under the laws of the Netherlands,', 'didirikan berdasarkan hukum negara Belanda,'],
    ['SG', 'foreign', 'established under the laws of Singapore,', 'didirikan berdasarkan hukum negara Singapura,'],
    ['PH', 'foreign_individual', 'a foreign national, a citizen of the Philippines,', 'warga negara asing, berkewarganegaraan Filipina,'],
  ] as const)('from %s (%s) is named by its country in each language, not by its code', (country, kind, en, id) => {
    const template = registry.list().find((t) => t.id === 'licensing')!;
    const sample = structuredClone(template.sample);
    sample.parties.partner = { ...sample.parties.partner, kind, country };
    const document = registry.document(template, sample, new Date(`${sample.agreement.date}T00:00:00Z`));
    const partner = document.clauses[0].paragraphs.flatMap((p) => p.items.map((i) => i.text))[1];
    expect(partner.en).toContain(en);
    expect(partner.id).toContain(id);
  });
});

describe('form by form (issue 14 §3)', () => {
  /** The sample of a form with some terms changed, rendered to PDF and read back as one line of text. */
  const rendered = async (form: string, terms: Record<string, unknown> = {}, lang: 'en' | 'id' = 'en'): Promise<string> => {
    const template = registry.list().find((t) => t.form === form)!;
    const sample = structuredClone(template.sample);
    sample.terms = { ...sample.terms, ...terms };
    const document = registry.document(template, sample, new Date(`${sample.agreement.date}T00:00:00Z`));
    return (await pdfText(await renderAgreementPdf(document, lang))).join(' ').replace(/\s+/g, ' ');
  };
  const note = (form: string, clause: string): string => readFileSync(join(TEMPLATES_DIR, 'agreements', form, `${clause}.md`), 'utf8');

  describe('licensing', () => {
    it('has no minimum-guarantee clause when it is 0, and has it when it is more', async () => {
      const none = await rendered('licensing', { minimumGuarantee: 0 });
      expect(none).toContain('There is no minimum royalty guarantee');
      expect(none).not.toContain('Minimum Guarantee');
      expect(none).not.toContain('IDR 0');
      expect(await rendered('licensing', { minimumGuarantee: 0 }, 'id')).not.toContain('paling sedikit sebesar Rp0');
      const some = await rendered('licensing', { minimumGuarantee: 24_000_000 });
      expect(some).toContain('The Licensee guarantees a royalty of at least IDR 24,000,000');
      expect(some).not.toContain('There is no minimum royalty guarantee');
    });

    it('withholds PPh 23 from a gross royalty, grosses up a net one, and asks for the NPWP', async () => {
      const gross = await rendered('licensing', { royaltyTaxBasis: 'gross' });
      expect(gross).toContain('The royalty is stated before tax withholding (gross)');
      expect(gross).toContain('Article 23 income tax (PPh 23)');
      expect(gross).toContain('the Licensee deducts that tax from the royalty');
      const net = await rendered('licensing', { royaltyTaxBasis: 'net' });
      expect(net).toContain('The royalty is the amount the Licensor receives after tax withholding (net)');
      expect(net).toContain('adding it on top of the royalty (gross-up)');
      expect(net).not.toContain('deducts that tax');
      for (const text of [gross, net]) expect(text).toContain("the tax identification number (NPWP) registered in the Licensor's name");
      // Older terms without the field read as gross.
      expect(await rendered('licensing', { royaltyTaxBasis: undefined })).toContain('(gross)');
    });

    it('prints each mark’s registered owner exactly as typed from the DJKI record', async () => {
      const marks = [
        { name: 'BATIK KITA', registrationNumber: 'IDM000812345', registeredOwner: 'Raka Putra (d/h UD Batik Kita)', classes: [25] },
      ];
      const text = await rendered('licensing', { marks });
      expect(text).toContain('Registered owner (as at DJKI)');
      expect(text).toContain('Raka Putra (d/h UD Batik Kita)');
      expect(text).toContain("the registered owner's written consent to this licence");
    });

    it('reads one exclusivity field; older terms’ `exclusive` still decides what the grant says', async () => {
      expect(await rendered('licensing', { exclusivity: true, exclusive: undefined })).toContain('This licence is exclusive');
      expect(await rendered('licensing', { exclusivity: false, exclusive: undefined })).toContain('This licence is non-exclusive');
      // Stored before the fields were reconciled: the common exclusivity said one thing, the grant printed `exclusive`.
      expect(await rendered('licensing', { exclusivity: false, exclusive: true })).toContain('This licence is exclusive');
      const old = { ...registry.forForm('licensing').sample.terms, exclusivity: undefined, exclusive: false };
      expect(missingTerms('licensing', old)).toEqual([]);
      expect(() => validateTerms('licensing', { exclusivity: true, exclusive: false })).toThrow(
        expect.objectContaining({ details: { fields: [expect.objectContaining({ field: 'terms.exclusive' })] } }),
      );
    });
  });

  describe('co-branding', () => {
    it('ends a deadlock on the joint mark and winds it down after the term', async () => {
      const text = await rendered('co_branding', { jointMark: { name: 'LOOKOUT × TENUN RANU', registrant: 'joint' } });
      expect(text).toContain('the proposal is deemed rejected');
      expect(text).toContain('Neither Party may act alone on the Collaboration Mark');
      expect(text).toContain('After the Sell-off Period ends, neither Party may use the Collaboration Mark');
      expect(text).toContain('is not renewed unless the Parties agree in writing at least 6 (six) months before');
      expect(text).not.toContain('During the Term and afterwards, the Collaboration Mark may only be used');
    });

    it('resolves a deadlock on joint designs by a buy-sell offer, and says what happens after the term', async () => {
      const text = await rendered('co_branding', { designOwnership: 'joint' });
      expect(text).toContain('the other Party shall choose either to sell its share at that price or to buy the proposing Party');
      expect(text).toContain('After the Sell-off Period ends, neither Party may make or sell products based on the Joint Works');
    });

    it('treats a work one party made alone as assigned, recorded at DJKI, not as joint', async () => {
      const joint = await rendered('co_branding', { designOwnership: 'joint' });
      expect(joint).toContain('A Joint Work made by one Party alone is not a joint creation or joint design');
      expect(joint).toContain('hereby assigns one half of its rights');
      expect(joint).toContain('The assignment is recorded at DJKI');
      const sole = await rendered('co_branding', { designOwnership: 'initiator' });
      expect(sole).toContain('That assignment, including of Joint Works made by the other Party alone, is recorded at DJKI');
      expect(note('co_branding', 'design-ownership')).toMatch(
        /recorded to have effect is not in the legal facts \(\[U\], to be confirmed\)/,
      );
    });

    it("needs the partner's written consent to register a mark containing the partner's mark", async () => {
      const text = await rendered('co_branding', { jointMark: { name: 'LOOKOUT × TENUN RANU', registrant: 'initiator' } });
      expect(text).toContain("If the Collaboration Mark contains the other Party's mark, it may be applied for in the name of CV Lookout");
      expect(text).toContain('only after the other Party has given its written consent naming the mark label and the classes');
    });

    it('says the parties agree there is no sell-off period', async () => {
      const id = await rendered('co_branding', { sellOffDays: 0 }, 'id');
      expect(id).toContain('Para Pihak sepakat tidak ada masa penjualan sisa');
      expect(id).not.toContain('tidak menyepakati');
      expect(await rendered('co_branding', { sellOffDays: 0 })).toContain('The Parties agree that there is no sell-off period');
    });
  });

  describe('joint venture', () => {
    it('says it is a persekutuan perdata, citing no [U] article; the article is marked to be confirmed for editors', async () => {
      const text = await rendered('joint_venture');
      expect(text).toContain('The Parties agree that the Venture is a civil partnership (persekutuan perdata, maatschap)');
      expect(text).not.toContain('1618');
      expect(note('joint_venture', 'recitals')).toMatch(
        /KUHPerdata Art\. 1618 ff\. That article is not in the legal facts\n\/\/ .*\[U\], to be confirmed/,
      );
    });

    it('allocates liability to third parties', async () => {
      const text = await rendered('joint_venture');
      expect(text).toContain('Towards third parties, the Party that enters into an obligation for the Venture is liable for it');
      expect(text).toContain('A Party that pays more than its share may claim the excess from the other Party');
    });

    it('has one account holder, holding the funds in trust for both', async () => {
      const text = await rendered('joint_venture', { accountHolder: 'partner' });
      const partner = registry.forForm('joint_venture').sample.parties.partner.legalName;
      expect(text).toContain(`${partner} (the "Account Holder") shall open in its own name a bank account used only for the Venture`);
      expect(text).toContain('holds the funds in the Joint Account for both Parties under this Agreement, and not as its own funds');
      expect(text).not.toContain("in both Parties' names");
    });

    it('resolves a deadlock beyond escalating it', async () => {
      const text = await rendered('joint_venture');
      expect(text).toContain('either Party may require the matter to be taken to a mediator appointed jointly');
      expect(text).toContain('either Party may leave the Venture under Clause 8');
    });
  });

  describe('MoU', () => {
    it('always binds the term, ending, notices, language and stamp duty clauses', async () => {
      const always =
        'Clause 3 (Nature of this Memorandum), Clause 5 (Term), Clause 6 (End of this Memorandum), Clause 10 (Notices), Clause 11 (Language)';
      expect(await rendered('mou', { bindingClauses: [] })).toContain(`Binding provisions: ${always} and Clause 14 (Stamp Duty).`);
      const chosen = await rendered('mou', { bindingClauses: ['costs'] });
      expect(chosen).toContain(`Binding provisions: ${always}, Clause 14 (Stamp Duty), and Clause 8 (Costs)`);
      expect(await rendered('mou', { bindingClauses: [] })).not.toContain('none of its provisions is legally binding');
    });

    it('has no entire-agreement clause', async () => {
      const text = await rendered('mou');
      expect(text).not.toMatch(/entire agreement/i);
      expect(await rendered('mou', {}, 'id')).not.toContain('keseluruhan kesepakatan');
      expect(text).toContain('This Memorandum may only be amended by written agreement of the Parties');
    });

    it('binds from signing and keeps the Memorandum’s term as its dates say', async () => {
      const text = await rendered('mou', { startDate: '2027-03-01', validUntil: '2027-08-31' });
      expect(text).toContain(
        'The binding provisions apply from the signing of this Memorandum by the Parties, including where it is signed before 1 March 2027',
      );
      expect(text).toContain('from 1 March 2027 until 31 August 2027');
    });
  });

  describe('endorsement', () => {
    it("takes written consent to use the endorser's portrait, covering content left online after the term", async () => {
      const text = await rendered('endorsement');
      expect(text).toContain("the Endorser gives the Brand Owner written consent to use the Endorser's portrait, name and voice");
      expect(text).toContain('That consent also covers Content that stays online after the Term');
      expect(note('endorsement', 'portrait-consent')).toMatch(
        /UU 28\/2014 Art\. 12 .*\n\/\/ is not in the legal facts: \[U\], to be confirmed/,
      );
    });

    it('has an individual endorser declare they are an adult, and not a business endorser', async () => {
      const template = registry.forForm('endorsement');
      const adult = 'at least 21 (twenty-one) years old or married within the meaning of Article 330 of the Indonesian Civil Code';
      expect(await rendered('endorsement')).toContain(adult);
      const sample = structuredClone(template.sample);
      sample.parties.partner = {
        ...sample.parties.partner,
        legalForm: 'cv',
        legalName: 'CV Larasati Kreatif',
        nib: '9120001112223',
        ktp: null,
      };
      const document = registry.document(template, sample, new Date(`${sample.agreement.date}T00:00:00Z`));
      expect((await pdfText(await renderAgreementPdf(document, 'en'))).join(' ').replace(/\s+/g, ' ')).not.toContain(adult);
    });
  });

  describe('consignment', () => {
    it('carries force-majeure loss by insurance instead of putting it all on the consignee', async () => {
      const text = await rendered('consignment');
      expect(text).toContain('the Consignee shall insure them at its own cost against fire, theft, flood and other force majeure events');
      expect(text).toContain('Loss not covered by the insurance required in the preceding paragraph is borne by the Consignor as owner');
      expect(text).not.toContain('including loss or damage caused by force majeure (this overrides the clause on Force Majeure)');
    });

    it('has the monthly recap due before the payment day, and refuses a recap day that is not before it', async () => {
      for (const reportFrequency of ['weekly', 'monthly']) {
        const text = await rendered('consignment', { reportFrequency, recapDay: 5, settlementDay: 10 });
        expect(text).toMatch(/by day 5 \(five\) of the following month, before the payment day of the sales proceeds/);
        expect(text).toContain('by day 10 (ten) of the following month, by transfer');
      }
      const problem = (recapDay: number) => () => validateTerms('consignment', { recapDay, settlementDay: 10 });
      for (const day of [10, 12])
        expect(problem(day)).toThrow(
          expect.objectContaining({ details: { fields: [expect.objectContaining({ field: 'terms.recapDay' })] } }),
        );
      expect(problem(9)).not.toThrow();
    });
  });

  describe('distribution', () => {
    it('prints the price list in the agreement', async () => {
      const text = await rendered('distribution');
      expect(text).toContain('the following distributor price list, which forms an integral part of this Agreement (the "Price List")');
      expect(text).toContain('Distributor purchase price');
      expect(text).toContain('IDR 195,000');
      expect(await rendered('distribution', { priceList: undefined })).toContain(
        'The Price List in force on the date of this Agreement is annexed to this Agreement',
      );
    });

    it('says what happens to stock the distributor still owns after the sell-off period', async () => {
      const text = await rendered('distribution');
      expect(text).toContain("Stock the Distributor still owns when that 90 (ninety) day period ends remains the Distributor's property");
      expect(text).toContain('without presenting itself as the Supplier');
    });
  });
});
/** Text a party typed, as a plain string: the form's only way before free text could be given per language. */
const asString = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((k) => k === 'id' || k === 'en')
    ? (value as { id?: string; en?: string }).id || (value as { en?: string }).en
    : Array.isArray(value)
      ? value.map(asString)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asString(v)]))
        : value;

/** Only the terms the form requires, free text as plain strings. */
const minimal = (template: AgreementTemplate): AgreementData => ({
  ...template.sample,
  terms: Object.fromEntries(REQUIRED_TERMS[template.form].map((f) => [f, asString(template.sample.terms[f])])),
});

/** Every free-text value in the terms: `purpose`, each product's `name`, each channel. */
function freeTextValues(template: AgreementTemplate, terms: Record<string, unknown>): unknown[] {
  return freeTextPaths(template.form).flatMap((path) => {
    const [field, inner] = path.split('.');
    const value = terms[field];
    if (value === undefined) return [];
    if (inner) return (value as Array<Record<string, unknown>>).map((item) => item[inner]);
    return Array.isArray(value) ? value : [value];
  });
}

const occurrences = (text: string, part: string): number => text.split(part.replace(/\s+/g, ' ').trim()).length - 1;
const BOTH_NOTE = '(dalam bahasa Indonesia / in Indonesian)';

describe('free text, at minimal and maximal data', () => {
  const cases = registry.list().flatMap((t) => [[t.id, 'minimal', t, minimal(t)] as const, [t.id, 'maximal', t, t.sample] as const]);
  it.each(cases)('%s at %s data: each value typed once is printed once, each language entry once', async (_id, size, template, data) => {
    const document = registry.document(template, data, new Date(`${data.agreement.date}T00:00:00Z`));
    const text = (await pdfText(await renderAgreementPdf(document, 'bilingual'))).join(' ');
    const values = freeTextValues(template, data.terms);
    if (size === 'maximal') expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      if (typeof value === 'string') {
        expect([value, occurrences(text, value)]).toEqual([value, 1]);
      } else {
        const { id, en } = value as { id: string; en: string };
        for (const part of [id, en].filter(Boolean)) expect([part, occurrences(text, part)]).toEqual([part, 1]);
      }
    }
    // Outside tables, text in one language carries its language's note.
    const paths = freeTextPaths(template.form).filter((p) => !p.includes('.'));
    const inText = paths
      .flatMap((p) => (Array.isArray(data.terms[p]) ? (data.terms[p] as unknown[]) : [data.terms[p]]))
      .filter((v) => v !== undefined);
    if (inText.some((v) => typeof v === 'string' || !(v as { id: string }).id || !(v as { en: string }).en))
      expect(text).toContain(BOTH_NOTE);
    else expect(text).not.toContain(BOTH_NOTE);
    // Cross-references are clause numbers of this agreement, never "the clause on …".
    expect(text).not.toMatch(/Pasal tentang|Pasal mengenai|[Cc]lauses? on [A-Z]|\{\{/);
    for (const [, n] of text.matchAll(/\bClauses? (\d+)\b/g)) expect(Number(n)).toBeLessThanOrEqual(document.clauses.length);
  });

  it('a one-language text in a one-language copy is marked only when the copy is in the other language', async () => {
    const template = registry.forForm('nda');
    const data = { ...template.sample, terms: { ...template.sample.terms, purpose: 'menjajaki koleksi kapsul bersama' } };
    const document = registry.document(template, data, new Date('2026-12-01T00:00:00Z'));
    const en = (await pdfText(await renderAgreementPdf(document, 'en'))).join(' ');
    const id = (await pdfText(await renderAgreementPdf(document, 'id'))).join(' ');
    expect(en).toContain('menjajaki koleksi kapsul bersama (in Indonesian)');
    expect(id).toContain('menjajaki koleksi kapsul bersama');
    expect(id).not.toContain('(dalam bahasa Indonesia)');
    // With English prevailing, a plain string is taken to be English.
    const english = registry.document(
      template,
      { ...data, terms: { ...data.terms, governingLanguage: 'en', purpose: 'exploring a joint capsule' } },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect((await pdfText(await renderAgreementPdf(english, 'bilingual'))).join(' ')).toContain(
      'exploring a joint capsule (dalam bahasa Inggris / in English)',
    );
  });

  it('a template cannot print free text inside a sentence, where it would appear in both columns', () => {
    const template = registry.forForm('licensing');
    const inline = parseClause(
      'q',
      '# Mutu | Quality\nid: Standar: {{terms.qualityControl}}\nen: Standard: {{terms.qualityControl}}',
      'q.md',
    );
    expect(() => checkVariables(template, inline, 'q.md')).toThrow(
      'q.md:2: {{terms.qualityControl}} is text the parties typed: print it once with {{text terms.qualityControl}}',
    );
    const once = parseClause(
      'q',
      '# Mutu | Quality\nid: Standar berikut:\nen: The following standard:\n{{text terms.qualityControl}}',
      'q.md',
    );
    expect(() => checkVariables(template, once, 'q.md')).not.toThrow();
  });
});

describe('cross-references', () => {
  it('name a clause by its number, which follows the clauses the data leaves out', () => {
    const template = registry.forForm('co_branding');
    const termOf = (data: AgreementData): { number: string; text: string } => {
      const document = registry.document(template, data, new Date('2026-12-01T00:00:00Z'));
      const term = document.clauses.find((c) => c.heading.en === 'Term')!;
      const definitions = document.clauses.find((c) => c.heading.en === 'Definitions')!;
      return {
        number: term.number,
        text: definitions.paragraphs.flatMap((p) => p.items.map((i) => `${i.text.id} ${i.text.en}`)).join(' '),
      };
    };
    const withMark = termOf(template.sample);
    const { jointMark: _, ...terms } = template.sample.terms;
    const without = termOf({ ...template.sample, terms });
    expect(Number(without.number)).toBe(Number(withMark.number) - 1);
    for (const { number, text } of [withMark, without]) {
      expect(text).toContain(`sebagaimana diatur dalam Pasal ${number};`);
      expect(text).toContain(`as set out in Clause ${number};`);
    }
  });

  it('to a clause the form does not have stop the template from loading', () => {
    const clause = parseClause('d', '# D | D\nid: lihat {{clause common/force-majeure}}\nen: see {{clause common/force-majeure}}', 'd.md');
    expect(() => checkClauseRefs(['common/parties', 'd'], clause, 'd.md')).toThrow(
      'd.md:2: {{clause common/force-majeure}} is not a clause',
    );
    expect(() => checkClauseRefs(['common/force-majeure', 'd'], clause, 'd.md')).not.toThrow();
  });
});

describe('boilerplate options', () => {
  it.each(['co_branding', 'licensing', 'consignment', 'endorsement', 'distribution', 'joint_venture'] as const)(
    '%s: insolvency/PKPU and change of control always; force majeure period, indirect loss, cap and late interest as chosen',
    async (form) => {
      const template = registry.forForm(form);
      const en = async (data: AgreementData): Promise<string> =>
        (await pdfText(await renderAgreementPdf(registry.document(template, data, new Date('2026-12-01T00:00:00Z')), 'en'))).join(' ');
      const [min, max] = [await en(minimal(template)), await en(template.sample)];
      for (const text of [min, max]) {
        expect(text).toContain('is in suspension of debt payment obligations (PKPU)');
        expect(text).toContain('If control of a Party that is a business entity passes to another person or entity');
      }
      expect(min).toContain('lasts more than 60 (sixty) consecutive days');
      expect(max).toContain('lasts more than 90 (ninety) consecutive days');
      const cap = template.sample.terms.liabilityCapIdr as number;
      expect(max).toContain(`is limited to IDR ${cap.toLocaleString('en-US')} (`);
      expect(max).toContain('late-payment interest of 2% (two percent) a month on the overdue amount');
      expect(max).toContain('No Party is liable to the other for indirect loss');
      for (const option of ['is limited to IDR', 'late-payment interest', 'indirect loss']) expect(min).not.toContain(option);
    },
  );
});

describe('table layout', () => {
  it('gives a column of short codes less width than a column of long names', () => {
    const { doc } = startDocument({ Title: 't', Subject: 's', createdAt: new Date('2026-12-01T00:00:00Z') });
    const row = (sku: string, name: string) => [
      { id: sku, en: sku },
      { id: name, en: name },
    ];
    const widths = tableColumnWidths(
      doc,
      {
        headings: [
          { id: 'SKU', en: 'SKU' },
          { id: 'Nama', en: 'Name' },
        ],
        rows: [row('A-1', 'Kemeja tenun lengan pendek dengan kerah mandarin dan kancing batok kelapa'), row('A-2', 'Tote bag kanvas')],
      },
      'bilingual',
    );
    expect(widths[0]).toBeLessThan(widths[1] / 3);
    doc.end();
  });

  it.each([
    ['a later paragraph of a clause', false],
    ['the first paragraph of a clause, with its heading', true],
  ])(
    'never ends a page with a table heading: the sentence before it (%s), the heading and the first row go together',
    async (_case, ownClause) => {
      const sample = registry.forForm('nda').sample;
      const goods = Array.from({ length: 3 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i + 1 }));
      // Two-line and one-line fillers in every mix: the table's start falls at each height near the page's end.
      for (const filler of [...Array(40).keys()].map((i) => 20 + i)) {
        const mixed = filler >= 40;
        const fillers = Array.from({ length: filler }, (_, i) =>
          mixed && i % 3 === 0
            ? `id: Pengisi ${i}.\nen: Filler ${i}.`
            : `id: Paragraf pengisi nomor ${i} yang cukup panjang untuk dua baris.\nen: Filler paragraph number ${i}, long enough for two lines.`,
        );
        const table = [
          'id: Daftar barang:',
          'en: List of goods:',
          '{{table terms.goods: sku "Kode barang" "Item code", quantity|number "Jumlah" "Quantity"}}',
        ];
        const sources = ownClause
          ? [
              ['# Isi | Filler', ...fillers].join('\n'),
              ['# Barang | Goods', ...table].join('\n'),
              '# Akhir | End\nid: Selesai.\nen: The end.',
            ]
          : [['# Barang | Goods', ...fillers, ...table].join('\n')];
        const document = {
          ...registry.document(registry.forForm('nda'), sample, new Date('2026-12-01T00:00:00Z')),
          clauses: buildClauses(
            sources.map((source, i) => parseClause(`c${i}`, source, `c${i}.md`)),
            { ...sample, terms: { goods } },
          ),
        };
        const pages = await pdfText(await renderAgreementPdf(document, 'bilingual'));
        const first = pages.find((p) => p.includes('Kode barang / Item code'))!;
        const heading = ownClause ? first.includes('2. Goods') : true;
        expect([filler, first.includes('SKU-0'), first.includes('List of goods:'), heading]).toEqual([filler, true, true, true]);
      }
    },
  );
});
