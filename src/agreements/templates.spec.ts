import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText } from '../../test/support/pdf-text.js';
import { renderAgreementPdf } from './pdf-layout.js';
import { buildClauses } from './document.js';
import { inWords, terbilang } from '../documents/number-words.js';
import { parseClause } from './template-language.js';
import { checkComparisons, TemplateRegistry } from './template-registry.js';
import { missingTerms, validateTerms } from './terms.js';
import { TEMPLATES_DIR } from '../common/paths.js';

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
    expect(en).toContain(`The Licensor is ${licensor.legalName}, of ${licensor.address}`);
    expect(en).toContain(`The Licensee is ${licensee.legalName}, of ${licensee.address}`);
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
    expect(parties[0].id).toContain('selaku Direktur yang');
    expect(parties[0].en).toContain('as Director, who');
    expect(parties[1].en).toContain('as Kepala Toko, who');
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
      expect(text).toContain('either Party may leave the Venture under the clause on Exit and Buy-Out');
    });
  });

  describe('MoU', () => {
    it('always binds the term, ending, notices, language and stamp duty clauses', async () => {
      const always = 'the clauses on the Term, on the End of this Memorandum, on Notices, on Language, on Stamp Duty';
      expect(await rendered('mou', { bindingClauses: [] })).toContain(`Binding provisions: ${always}`);
      const chosen = await rendered('mou', { bindingClauses: ['costs'] });
      expect(chosen).toContain(`Binding provisions: ${always}`);
      expect(chosen).toContain('and the clause on Costs');
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
