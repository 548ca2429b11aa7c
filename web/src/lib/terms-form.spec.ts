import { fromTerms, groupRupiah, type OpenApiDocument, splitSum, termFields, termsSchemaName, toTerms } from './terms-form.js';

// Schemas in the shape the service documents them at /docs-json (src/agreements/terms.ts through @nestjs/swagger).
const doc: OpenApiDocument = {
  components: {
    schemas: {
      CoBrandingTerms: {
        type: 'object',
        properties: {
          startDate: { type: 'string', format: 'date' },
          endDate: { type: 'string', format: 'date' },
          validUntil: { type: 'string', format: 'date' },
          exclusivity: { type: 'boolean' },
          disputeResolution: { type: 'string', enum: ['bani', 'district_court', 'small_claims'] },
          products: { type: 'array', items: { $ref: '#/components/schemas/Product' } },
          revenueSplit: { type: 'object', properties: { initiator: { type: 'number' }, partner: { type: 'number' } } },
          jointMark: { type: 'object', allOf: [{ $ref: '#/components/schemas/JointMark' }] },
          sellOffDays: { type: 'integer', minimum: 0, maximum: 365 },
          fee: { type: 'integer', minimum: 0, description: 'Whole rupiah' },
          purpose: { type: 'string', maxLength: 2000 },
        },
      },
      Product: {
        type: 'object',
        properties: { name: { type: 'string', maxLength: 200 }, units: { type: 'integer', minimum: 1 } },
        required: ['name', 'units'],
      },
      JointMark: { type: 'object', properties: { name: { type: 'string' }, registrant: { type: 'string', enum: ['joint', 'initiator'] } } },
      MouTerms: {
        type: 'object',
        properties: {
          endDate: { type: 'string', format: 'date' },
          validUntil: { type: 'string', format: 'date' },
          bindingClauses: { type: 'array', items: { enum: ['confidentiality', 'costs'] } },
          classes: { type: 'array', items: { type: 'integer' } },
        },
      },
    },
  },
};

describe('the terms form from the OpenAPI schema', () => {
  it('names the schema of each form', () => {
    expect(['co_branding', 'joint_venture', 'nda'].map(termsSchemaName)).toEqual(['CoBrandingTerms', 'JointVentureTerms', 'NdaTerms']);
  });

  it('reads each property as an input kind, leaving out the end date the form does not use', () => {
    const kinds = Object.fromEntries(termFields(doc, 'co_branding').map((f) => [f.name, f.kind]));
    expect(kinds).toEqual({
      startDate: 'date',
      endDate: 'date',
      exclusivity: 'bool',
      disputeResolution: 'enum',
      products: 'list',
      revenueSplit: 'split',
      jointMark: 'object',
      sellOffDays: 'int',
      fee: 'rupiah',
      purpose: 'text',
    });
    expect(termFields(doc, 'mou').map((f) => [f.name, f.kind])).toEqual([
      ['validUntil', 'date'],
      ['bindingClauses', 'multi'],
      ['classes', 'numbers'],
    ]);
  });

  it('turns what was typed into terms and back; blanks are left out, a wrong number goes as typed for the service to name', () => {
    const fields = termFields(doc, 'co_branding');
    const draft = {
      startDate: '2027-01-01',
      endDate: '',
      exclusivity: 'false',
      products: [{ name: 'Batik overshirt', units: '300' }, {}],
      revenueSplit: { initiator: '60', partner: '40' },
      jointMark: { name: '', registrant: '' },
      sellOffDays: '9O',
      fee: '50.000.000',
    };
    const terms = toTerms(fields, draft);
    expect(terms).toEqual({
      startDate: '2027-01-01',
      exclusivity: false,
      products: [{ name: 'Batik overshirt', units: 300 }],
      revenueSplit: { initiator: 60, partner: 40 },
      sellOffDays: '9O',
      fee: 50_000_000,
    });
    expect(fromTerms(fields, { ...terms, sellOffDays: 90 })).toEqual({
      startDate: '2027-01-01',
      exclusivity: 'false',
      products: [{ name: 'Batik overshirt', units: '300' }],
      revenueSplit: { initiator: '60', partner: '40' },
      sellOffDays: '90',
      fee: '50.000.000',
    });
  });

  it('groups rupiah as people write it and adds up shares', () => {
    expect(['50000000', 'Rp 1.250.000', '007', ''].map(groupRupiah)).toEqual(['50.000.000', '1.250.000', '7', '']);
    expect(splitSum({ initiator: '60', partner: '30' }, ['initiator', 'partner'])).toBe(90);
    expect(splitSum({ initiator: '', partner: '' }, ['initiator', 'partner'])).toBeNull();
  });
});
