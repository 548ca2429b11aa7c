import { buildClauses, type AgreementData } from './document.js';
import { date, list, number, rupiah } from '../documents/format.js';
import { parseClause, TemplateError } from './template-language.js';

const party = (legalName: string) => ({
  name: 'Brand',
  legalName,
  legalForm: 'cv',
  address: 'Jl. Braga 10',
  nib: '9120001234567',
  ktp: null,
  signatory: { name: 'Dewi', title: 'Direktur' },
});
const data = (overrides: Partial<AgreementData> = {}): AgreementData => ({
  agreement: { number: 'KLB-1', version: 1, date: '2027-01-05', place: 'Bandung' },
  parties: { initiator: party('CV Satu'), partner: party('UD Dua') },
  terms: { fee: 1500000, startDate: '2027-02-01', mutual: true, channels: ['Shopee', 'Tokopedia', 'toko'], goods: [{ sku: 'A1', qty: 3 }] },
  ...overrides,
});

describe('the template language', () => {
  it('parses headings, numbered paragraphs, lettered items, conditions, loops and tables into clauses', () => {
    const clause = parseClause(
      'x',
      [
        '# Biaya | Fee',
        '// a note for editors, not printed',
        'id: Biaya {{terms.fee | rupiah}} dibayar {{terms.startDate | date}}.',
        'en: The fee of {{terms.fee | rupiah}} is paid on {{terms.startDate | date}}.',
        '- id: lewat {{terms.channels | list}}',
        '  en: through {{terms.channels | list}}',
        '{{#if terms.mutual}}',
        'id: Timbal balik.',
        'en: Mutual.',
        '{{/if}}',
        '{{#unless terms.mutual}}',
        'id: Sepihak.',
        'en: One-way.',
        '{{/unless}}',
        '{{#each terms.goods}}',
        'id: Barang {{sku}} sebanyak {{qty | number}}.',
        'en: Item {{sku}}, {{qty | number}} pieces.',
        '{{/each}}',
        '{{table terms.goods: sku "SKU" "SKU", qty|number "Jumlah" "Quantity"}}',
      ].join('\n'),
      'x.md',
    );
    const [built] = buildClauses([clause], data());
    expect(built.heading).toEqual({ id: 'Biaya', en: 'Fee' });
    expect(built.paragraphs.map((p) => [p.number, p.text.id, p.text.en])).toEqual([
      [
        '1.1',
        'Biaya Rp1.500.000 (satu juta lima ratus ribu rupiah) dibayar 1 Februari 2027.',
        'The fee of IDR 1,500,000 (one million five hundred thousand rupiah) is paid on 1 February 2027.',
      ],
      ['1.2', 'Timbal balik.', 'Mutual.'],
      ['1.3', 'Barang A1 sebanyak 3.', 'Item A1, 3 pieces.'],
    ]);
    expect(built.paragraphs[0].items).toEqual([
      { label: '(a)', text: { id: 'lewat Shopee, Tokopedia dan toko', en: 'through Shopee, Tokopedia and toko' } },
    ]);
    expect(built.paragraphs[2].tables).toEqual([
      {
        headings: [
          { id: 'SKU', en: 'SKU' },
          { id: 'Jumlah', en: 'Quantity' },
        ],
        rows: [
          [
            { id: 'A1', en: 'A1' },
            { id: '3', en: '3' },
          ],
        ],
      },
    ]);
  });

  it.each([
    ['# Only | Heading\nid: {{terms.fee | shout}}\nen: x', /unknown helper "shout"/],
    ['# H | H\nid: text without its English line', /followed by its "en:" line/],
    ['# H | H\n{{#if terms.fee}}\nid: a\nen: b', /never closed/],
    ['# H | H\n{{/each}}', /closes nothing open/],
    ['# H | H\n{{#weird terms.fee}}', /unknown directive/],
    ['id: a\nen: b', /starts with "# Indonesian \| English"/],
    ['# H | H\nid: {{terms.fee\nen: b', /not closed/],
    ['# H | H\nplain prose', /a line is "id: …"/],
    ['# H | H\n{{text terms.a b}}', /is not a variable/],
  ])('fails loudly, with file and line, on %j', (source, message) => {
    expect(() => parseClause('bad', source, 'bad.md')).toThrow(TemplateError);
    expect(() => parseClause('bad', source, 'bad.md')).toThrow(message);
    expect(() => parseClause('bad', source, 'bad.md')).toThrow(/^bad\.md:\d+: /);
  });

  it('prints party-supplied text literally: braces, Markdown, HTML and control characters add nothing', () => {
    const evil = '{{terms.fee}} # Heading\n- id: injected\n<b>x</b> **bold** {{#if x}}\u0007';
    const clause = parseClause(
      'p',
      '# Pihak | Party\nid: Nama: {{parties.initiator.legalName}}.\nen: Name: {{parties.initiator.legalName}}.',
      'p.md',
    );
    const [built] = buildClauses([clause], data({ parties: { initiator: party(evil), partner: party('UD Dua') } }));
    expect(built.paragraphs).toHaveLength(1);
    expect(built.paragraphs[0].items).toEqual([]);
    expect(built.paragraphs[0].text.en).toBe(`Name: ${evil.replace(/\s+/g, ' ')}.`);
  });

  it('prints typed text with {{text}} after its paragraph: per column when given in both languages, else once with its language', () => {
    const clause = parseClause(
      't',
      '# Tujuan | Purpose\nid: Tujuan berikut:\nen: The following purpose:\n{{text terms.purpose}}\nid: Saluran:\nen: Channels:\n{{text terms.channels}}',
      't.md',
    );
    const texts = (terms: Record<string, unknown>) => buildClauses([clause], data({ terms }))[0].paragraphs.map((p) => p.texts);
    expect(texts({ purpose: 'menjajaki  kapsul', channels: [{ id: 'toko', en: 'shop' }] })).toEqual([
      [{ kind: 'once', text: 'menjajaki kapsul', langs: ['id'] }],
      [{ kind: 'columns', text: { id: 'toko', en: 'shop' } }],
    ]);
    expect(
      texts({ purpose: { id: '', en: 'a capsule' }, channels: ['Shopee', { id: 'toko', en: 'shop' }], governingLanguage: 'en' }),
    ).toEqual([[{ kind: 'once', text: 'a capsule', langs: ['en'] }], [{ kind: 'once', text: 'Shopee; toko / shop', langs: ['en'] }]]);
    expect(
      texts({
        purpose: { id: 'kapsul', en: 'capsule' },
        channels: [
          { id: 'a', en: 'b' },
          { id: 'c', en: 'd' },
        ],
      }),
    ).toEqual([
      [{ kind: 'columns', text: { id: 'kapsul', en: 'capsule' } }],
      [{ kind: 'columns', text: { id: 'a dan c', en: 'b and d' } }],
    ]);
  });

  it('refers to another clause by its number: {{clause name}}', () => {
    const first = parseClause('first', '# Satu | One\nid: Lihat {{clause second}}.\nen: See {{clause second}}.', 'first.md');
    const optional = parseClause('optional', '# Opsi | Option\n{{#if terms.nothing}}\nid: a\nen: b\n{{/if}}', 'optional.md');
    const second = parseClause('second', '# Dua | Two\nid: Lihat {{clause first}}.\nen: See {{clause first}}.', 'second.md');
    const built = buildClauses([first, optional, second], data());
    expect(built.map((c) => [c.number, c.paragraphs[0].text.id, c.paragraphs[0].text.en])).toEqual([
      ['1', 'Lihat Pasal 2.', 'See Clause 2.'],
      ['2', 'Lihat Pasal 1.', 'See Clause 1.'],
    ]);
  });

  it('drops a clause that its conditions leave empty', () => {
    const clause = parseClause('c', '# Opsional | Optional\n{{#if terms.nothing}}\nid: a\nen: b\n{{/if}}', 'c.md');
    expect(buildClauses([clause], data())).toEqual([]);
  });
});

describe('unnumbered clauses (front matter numbered: false)', () => {
  const parties = [
    '---',
    '// before clause 1',
    'numbered: false',
    '---',
    '# Para Pihak | Parties',
    'id: Pada hari ini, {{agreement.date | weekday}}.',
    'en: On this day, {{agreement.date | weekday}}.',
  ];
  const body = ['# Biaya | Fee', 'id: Satu.', 'en: One.', 'id: Dua.', 'en: Two.'];

  it('leaves the clause and its paragraphs without numbers; the next clause is 1', () => {
    const clauses = buildClauses([parseClause('p', parties.join('\n'), 'p.md'), parseClause('b', body.join('\n'), 'b.md')], data());
    expect(clauses.map((c) => [c.number, c.paragraphs.map((p) => p.number)])).toEqual([
      ['', ['']],
      ['1', ['1.1', '1.2']],
    ]);
    expect(clauses[0].paragraphs[0].text).toEqual({ id: 'Pada hari ini, Selasa.', en: 'On this day, Tuesday.' });
  });

  it('refuses an unknown setting or an unclosed front matter, naming the line', () => {
    expect(() => parseClause('p', ['---', 'numbered: no', '---', ...body].join('\n'), 'p.md')).toThrow(
      'p.md:2: unknown setting "numbered: no"',
    );
    expect(() => parseClause('p', ['---', 'numbered: false', ...body].join('\n'), 'p.md')).toThrow(TemplateError);
  });
});

describe('formats', () => {
  it('prints rupiah the Indonesian way, numbers and dates per language, and lists', () => {
    expect(rupiah(1500000)).toBe('Rp1.500.000');
    expect(rupiah(0)).toBe('Rp0');
    expect([number(1234567, 'id'), number(1234567, 'en'), number(2.5, 'id')]).toEqual(['1.234.567', '1,234,567', '2,5']);
    expect([date('2027-03-31', 'id'), date('2027-03-31', 'en')]).toEqual(['31 Maret 2027', '31 March 2027']);
    expect([list(['a'], 'id'), list(['a', 'b', 'c'], 'en')]).toEqual(['a', 'a, b and c']);
  });
});
