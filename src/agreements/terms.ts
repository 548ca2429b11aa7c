import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  validateSync,
  getMetadataStorage,
  type ValidationOptions,
} from 'class-validator';
import type { Form } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { validationException } from '../common/http/validation.js';
import {
  CATALOGUE_ITEMS_MAX,
  CHANNEL_MAX,
  CHANNELS_MAX,
  CODE_MAX,
  CONTRIBUTIONS_MAX,
  COUNT_MAX,
  DELIVERABLES_MAX,
  MARKS_MAX,
  NAME_MAX,
  NICE_CLASSES_MAX,
  PARAGRAPH_MAX,
  PRODUCTS_MAX,
  RUPIAH_MAX,
} from '../common/limits.js';

// The terms of an agreement per form (issue 4's contract): money in whole rupiah, dates YYYY-MM-DD, percentages 0–100.
// When proposed, every field is optional but must have the right type; when accepted, the form's fields must all be there.

const SIDES = ['initiator', 'partner'] as const;

/** Text a party types: one string, or each language on its own (one may be empty). */
export type FreeTextValue = string | { id?: string; en?: string };

function CalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'calendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        },
        defaultMessage: (args) => `${args?.property} must be a calendar date as YYYY-MM-DD`,
      },
    });
}

function SharesOf100(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'sharesOf100',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => {
          const v = value as Record<string, unknown> | null;
          return (
            typeof v === 'object' &&
            v !== null &&
            Object.keys(v).every((k) => (SIDES as readonly string[]).includes(k)) &&
            SIDES.every((k) => typeof v[k] === 'number' && (v[k] as number) >= 0) &&
            (v.initiator as number) + (v.partner as number) === 100
          );
        },
        defaultMessage: (args) => `${args?.property} must be {initiator, partner} percentages adding up to 100`,
      },
    });
}

// Each helper checks a field and documents the same bounds in the OpenAPI document (src/common/limits.ts). When proposed
// every top-level field is optional; the fields of an item (a product, a mark) are required unless marked optional.
type Need = 'optional' | 'required';
const doc = (need: Need, schema: ApiPropertyOptions): PropertyDecorator =>
  need === 'optional' ? applyDecorators(ApiPropertyOptional(schema), IsOptional()) : ApiProperty(schema);

const Money = (need: Need = 'optional'): PropertyDecorator =>
  applyDecorators(
    doc(need, { type: 'integer', minimum: 0, maximum: RUPIAH_MAX, description: 'Whole rupiah' }),
    IsInt({ message: ({ property }) => `${property} must be whole rupiah` }),
    Min(0),
    Max(RUPIAH_MAX),
  );
/** A whole number in [min, max]: a count, a percentage, days, years. */
const Whole = (min: number, max: number, need: Need = 'optional'): PropertyDecorator =>
  applyDecorators(doc(need, { type: 'integer', minimum: min, maximum: max }), IsInt(), Min(min), Max(max));
const Percent = (): PropertyDecorator => Whole(0, 100);
const Text = (max: number, need: Need = 'optional', description?: string): PropertyDecorator =>
  applyDecorators(doc(need, { type: 'string', minLength: 1, maxLength: max, description }), IsString(), IsNotEmpty(), MaxLength(max));
/**
 * Text a party types (a purpose, a quality standard, a product name): a string, printed once across both columns in
 * the agreement's governing language, or {id, en} with one of them possibly empty, each printed in its column.
 */
export function isFreeText(value: unknown, max: number): boolean {
  const fits = (v: unknown): boolean => typeof v === 'string' && v.length <= max;
  if (typeof value === 'string') return value.length > 0 && fits(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    Object.keys(v).every((k) => k === 'id' || k === 'en') &&
    fits(v.id ?? '') &&
    fits(v.en ?? '') &&
    `${(v.id as string | undefined) ?? ''}${(v.en as string | undefined) ?? ''}`.trim().length > 0
  );
}
const FREE_TEXT_NOTE =
  'Text the parties type: a string (printed once across both columns, taken to be in the governing language) or ' +
  '{id, en}, one of which may be empty (an empty one prints the other once across both columns, marked with its language)';
const freeTextOneOf = (max: number): Array<Record<string, unknown>> => [
  { type: 'string', minLength: 1, maxLength: max },
  {
    type: 'object',
    properties: { id: { type: 'string', maxLength: max }, en: { type: 'string', maxLength: max } },
    additionalProperties: false,
  },
];
const freeTextSchema = (max: number): ApiPropertyOptions => ({ oneOf: freeTextOneOf(max), description: FREE_TEXT_NOTE });
function FreeTextRule(max: number, each: boolean): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'freeText',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max],
      options: { each },
      validator: {
        validate: (value: unknown) => isFreeText(value, max),
        defaultMessage: (args) =>
          `${args?.property} must be text of 1 to ${max} characters, or {id, en} with at least one of them filled in`,
      },
    });
}
const FreeText = (max: number, need: Need = 'optional'): PropertyDecorator =>
  applyDecorators(doc(need, freeTextSchema(max)), FreeTextRule(max, false));
const OneOf = (values: readonly string[], need: Need = 'optional', description?: string): PropertyDecorator =>
  applyDecorators(doc(need, { enum: [...values], description }), IsIn(values));
const Flag = (): PropertyDecorator => applyDecorators(doc('optional', { type: 'boolean' }), IsBoolean());
const DateField = (need: Need = 'optional'): PropertyDecorator =>
  applyDecorators(doc(need, { type: 'string', format: 'date' }), CalendarDate());
const Split = (): PropertyDecorator =>
  applyDecorators(
    doc('optional', {
      type: 'object',
      properties: { initiator: { type: 'number', minimum: 0, maximum: 100 }, partner: { type: 'number', minimum: 0, maximum: 100 } },
      description: 'Percentages adding up to 100',
    }),
    SharesOf100(),
  );
/** A list of 1 to `max` items of `type`. */
const Items = (type: () => new () => object, max: number): PropertyDecorator =>
  applyDecorators(
    doc('optional', { type: [type()], minItems: 1, maxItems: max }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
  );

export class CommonTerms {
  @DateField() startDate?: string;
  @DateField() endDate?: string;
  @DateField() validUntil?: string;
  @Text(NAME_MAX) territory?: string;
  @Flag() exclusivity?: boolean;
  @OneOf(
    ['id', 'en'],
    'optional',
    'The version that prevails (default id). "en" only when a party is foreign: otherwise 422 PREVAILING_LANGUAGE_NOT_ALLOWED (UU 24/2009 Art. 31)',
  )
  governingLanguage?: 'id' | 'en';
  @OneOf(
    ['bani', 'district_court', 'small_claims'],
    'optional',
    'small_claims only where it can apply (parties in one court district, amounts within templates/agreements/rules.json): otherwise 422 SMALL_CLAIMS_NOT_AVAILABLE',
  )
  disputeResolution?: string;
  @Text(
    NAME_MAX,
    'optional',
    'The district court a court clause names (domisili hukum), by its place: "Bandung" is Pengadilan Negeri Bandung. Needed for district_court and small_claims',
  )
  districtCourt?: string;
  @Text(NAME_MAX, 'optional', 'Seat of a BANI arbitration (e.g. "Jakarta"). Needed for bani')
  arbitrationSeat?: string;
  @ApiPropertyOptional({ enum: [1, 3], description: 'Number of BANI arbitrators. Needed for bani' })
  @IsOptional()
  @IsIn([1, 3])
  arbitrators?: number;
  @OneOf(['id', 'en'], 'optional', 'Language of a BANI arbitration. Needed for bani')
  arbitrationLanguage?: 'id' | 'en';
  @Flag() waiveArt1266?: boolean;
  @Whole(0, 20) confidentialityYears?: number;
}

/** Options of the boilerplate clauses (termination, liability, force majeure) of the forms that have them: not the NDA or the MoU. */
export class CommercialTerms extends CommonTerms {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 5,
    description: 'Late-payment interest, in whole percent a month of the overdue amount; absent: no interest clause',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  lateInterestPercentPerMonth?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: RUPIAH_MAX,
    description:
      'Whole rupiah: the most either Party pays the other for its liability under the agreement (fraud, wilful misconduct, confidentiality and amounts due excepted); absent: no cap',
  })
  @IsOptional()
  @IsInt({ message: ({ property }) => `${property} must be whole rupiah` })
  @Min(1)
  @Max(RUPIAH_MAX)
  liabilityCapIdr?: number;
  @ApiPropertyOptional({
    type: 'boolean',
    description: 'Neither Party is liable for indirect loss or lost profit (wilful misconduct excepted)',
  })
  @IsOptional()
  @IsBoolean()
  excludeIndirectLoss?: boolean;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 14,
    maximum: 365,
    description:
      'Days of continuing force majeure after which either Party may terminate; absent: the period the template states (60 days)',
  })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(365)
  forceMajeureTerminationDays?: number;
}

export class Product {
  @FreeText(NAME_MAX, 'required') name!: FreeTextValue;
  @Text(CODE_MAX) sku?: string;
  @Whole(1, COUNT_MAX, 'required') units!: number;
}
export class JointMark {
  @Text(NAME_MAX, 'required') name!: string;
  @OneOf(['joint', 'initiator', 'partner'], 'required') registrant!: string;
}
export class CoBrandingTerms extends CommercialTerms {
  @Items(() => Product, PRODUCTS_MAX) products?: Product[];
  @Split() revenueSplit?: { initiator: number; partner: number };
  @Split() costSplit?: { initiator: number; partner: number };
  @OneOf(['joint', 'initiator', 'partner']) designOwnership?: string;
  @ApiPropertyOptional({ type: () => JointMark }) @IsOptional() @ValidateNested() @Type(() => JointMark) jointMark?: JointMark;
  @Whole(0, 365) sellOffDays?: number;
}

export class LicensedMark {
  @Text(NAME_MAX, 'required') name!: string;
  @Text(CODE_MAX, 'required') registrationNumber!: string;
  @ApiPropertyOptional({
    type: 'string',
    minLength: 1,
    maxLength: NAME_MAX,
    description: "The owner's name exactly as on the mark's DJKI record (certificate), printed as typed; absent in older terms",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  registeredOwner?: string;
  @ApiProperty({ type: 'array', items: { type: 'integer', minimum: 1, maximum: 45 }, minItems: 1, maxItems: NICE_CLASSES_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NICE_CLASSES_MAX)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(45, { each: true })
  classes!: number[];
}
export class LicensingTerms extends CommercialTerms {
  @ApiPropertyOptional({ type: 'boolean', description: 'Whether the licence is exclusive (PP 36/2018 Art. 7(2)(d)); the one field for it' })
  @IsOptional()
  @IsBoolean()
  override exclusivity?: boolean;
  @OneOf(SIDES) licensor?: string;
  @Items(() => LicensedMark, MARKS_MAX) marks?: LicensedMark[];
  @ApiPropertyOptional({
    type: 'boolean',
    deprecated: true,
    description: 'Old name of `exclusivity`, still accepted and read as it; sending both with different values is 400',
  })
  @IsOptional()
  @IsBoolean()
  exclusive?: boolean;
  @Flag() subLicensing?: boolean;
  @Percent() royaltyPercent?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: RUPIAH_MAX,
    description: 'Whole rupiah per Contract Year; 0: no minimum guarantee',
  })
  @IsOptional()
  @IsInt({ message: ({ property }) => `${property} must be whole rupiah` })
  @Min(0)
  @Max(RUPIAH_MAX)
  minimumGuarantee?: number;
  @ApiPropertyOptional({
    enum: ['gross', 'net'],
    description:
      'gross: the royalty is before PPh 23 withholding, which the Licensee deducts; net: the Licensor receives the royalty in full and the Licensee bears the withholding (grossed up). Absent: gross',
  })
  @IsOptional()
  @IsIn(['gross', 'net'])
  royaltyTaxBasis?: string;
  @OneOf(['monthly', 'quarterly']) reportingPeriod?: string;
  @FreeText(PARAGRAPH_MAX) qualityControl?: FreeTextValue;
}

export class ConsignedGood {
  @Text(CODE_MAX, 'required') sku!: string;
  @FreeText(NAME_MAX, 'required') name!: FreeTextValue;
  @Whole(1, COUNT_MAX, 'required') quantity!: number;
  @Money('required') retailPrice!: number;
}
export class ConsignmentTerms extends CommercialTerms {
  @OneOf(SIDES) consignor?: string;
  @Items(() => ConsignedGood, CATALOGUE_ITEMS_MAX) goods?: ConsignedGood[];
  @Percent() commissionPercent?: number;
  @Whole(1, 28) settlementDay?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 27,
    description:
      "Day of the following month by which the month's sales recap is due; must be before `settlementDay` (else 400 naming terms.recapDay)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(27)
  recapDay?: number;
  @OneOf(['weekly', 'monthly']) reportFrequency?: string;
  @Whole(0, 365) returnDays?: number;
}

export class Deliverable {
  @Text(CODE_MAX, 'required') platform!: string;
  @Text(CODE_MAX, 'required') format!: string;
  @Whole(1, COUNT_MAX, 'required') count!: number;
  @DateField('required') dueDate!: string;
}
export class EndorsementTerms extends CommercialTerms {
  @OneOf(SIDES) endorser?: string;
  @Items(() => Deliverable, DELIVERABLES_MAX) deliverables?: Deliverable[];
  @Money() fee?: number;
  @Whole(0, 120) usageRightsMonths?: number;
  @FreeText(NAME_MAX) exclusivityCategory?: FreeTextValue;
}

export class RecommendedPrice {
  @Text(CODE_MAX, 'required') sku!: string;
  @Money('required') price!: number;
}
export class PriceListItem {
  @Text(CODE_MAX, 'required') sku!: string;
  @Money('required') price!: number;
}
export class DistributionTerms extends CommercialTerms {
  @OneOf(SIDES) distributor?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { oneOf: freeTextOneOf(CHANNEL_MAX) },
    minItems: 1,
    maxItems: CHANNELS_MAX,
    description: `Sales channels. Each: ${FREE_TEXT_NOTE}`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHANNELS_MAX)
  @FreeTextRule(CHANNEL_MAX, true)
  channels?: FreeTextValue[];
  @Items(() => RecommendedPrice, CATALOGUE_ITEMS_MAX) recommendedRetailPrices?: RecommendedPrice[];
  /** The Distributor's purchase prices, printed in the agreement as its Price List; absent in older terms. */
  @Items(() => PriceListItem, CATALOGUE_ITEMS_MAX) priceList?: PriceListItem[];
  @Whole(0, COUNT_MAX) targetUnitsPerMonth?: number;
  @Whole(0, 180) paymentTermsDays?: number;
}

export class Contribution {
  @OneOf(SIDES, 'required') party!: string;
  @FreeText(PARAGRAPH_MAX, 'required') description!: FreeTextValue;
  @Money('required') valueIdr!: number;
}
export class JointVentureTerms extends CommercialTerms {
  @Items(() => Contribution, CONTRIBUTIONS_MAX) contributions?: Contribution[];
  @Split() profitSplit?: { initiator: number; partner: number };
  @OneOf(['unanimous', 'majority']) decisionMaking?: string;
  @ApiPropertyOptional({
    enum: [...SIDES],
    description: "The Party in whose name the Venture's bank account is held, in trust for both; absent: initiator",
  })
  @IsOptional()
  @IsIn(SIDES)
  accountHolder?: string;
  @Whole(0, 365) exitNoticeDays?: number;
}

export class NdaTerms extends CommonTerms {
  @FreeText(PARAGRAPH_MAX) purpose?: FreeTextValue;
  @Flag() mutual?: boolean;
}
const BINDING_CLAUSES = ['confidentiality', 'costs', 'governing_law'];
export class MouTerms extends CommonTerms {
  @FreeText(PARAGRAPH_MAX) purpose?: FreeTextValue;
  @ApiPropertyOptional({
    type: 'array',
    items: { enum: BINDING_CLAUSES },
    maxItems: BINDING_CLAUSES.length,
    uniqueItems: true,
    description: 'Binding besides the clauses always binding in an MoU: term, ending, notices, language, stamp duty and its nature',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BINDING_CLAUSES.length)
  @ArrayUnique()
  @IsIn(BINDING_CLAUSES, { each: true })
  bindingClauses?: string[];
}

/** The terms schemas, for the OpenAPI document (the events body's `terms` is one of them, by the collaboration's form). */
export const TERMS_MODELS = [
  CoBrandingTerms,
  LicensingTerms,
  ConsignmentTerms,
  EndorsementTerms,
  DistributionTerms,
  JointVentureTerms,
  NdaTerms,
  MouTerms,
];

const TERMS_BY_FORM: Record<Form, new () => CommonTerms> = {
  co_branding: CoBrandingTerms,
  licensing: LicensingTerms,
  consignment: ConsignmentTerms,
  endorsement: EndorsementTerms,
  distribution: DistributionTerms,
  joint_venture: JointVentureTerms,
  nda: NdaTerms,
  mou: MouTerms,
};

const TERM_REQUIRED = ['exclusivity', 'disputeResolution', 'confidentialityYears'];
/** What an agreement of each form cannot do without (defaults — territory, language, the Art. 1266 waiver — aside). */
export const REQUIRED_TERMS: Record<Form, string[]> = {
  co_branding: ['startDate', 'endDate', ...TERM_REQUIRED, 'products', 'revenueSplit', 'costSplit', 'designOwnership', 'sellOffDays'],
  licensing: [
    'startDate',
    'endDate',
    ...TERM_REQUIRED,
    'licensor',
    'marks',
    'subLicensing',
    'royaltyPercent',
    'minimumGuarantee',
    'reportingPeriod',
    'qualityControl',
  ],
  consignment: [
    'startDate',
    'endDate',
    ...TERM_REQUIRED,
    'consignor',
    'goods',
    'commissionPercent',
    'settlementDay',
    'reportFrequency',
    'returnDays',
  ],
  endorsement: ['startDate', 'endDate', ...TERM_REQUIRED, 'endorser', 'deliverables', 'fee', 'usageRightsMonths'],
  distribution: ['startDate', 'endDate', ...TERM_REQUIRED, 'distributor', 'channels', 'recommendedRetailPrices', 'paymentTermsDays'],
  joint_venture: ['startDate', 'endDate', ...TERM_REQUIRED, 'contributions', 'profitSplit', 'decisionMaking', 'exitNoticeDays'],
  nda: ['startDate', 'validUntil', ...TERM_REQUIRED, 'purpose', 'mutual'],
  mou: ['startDate', 'validUntil', ...TERM_REQUIRED, 'purpose', 'bindingClauses'],
};

const invalid = (field: string, problem: string): DomainException =>
  new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field, problems: [problem] }] });

/** Terms as the templates read them: a licence's old `exclusive` (what its grant printed) is its `exclusivity`. */
export function normalizeTerms(form: Form, terms: Record<string, unknown>): Record<string, unknown> {
  if (form !== 'licensing' || terms.exclusive === undefined) return terms;
  const { exclusive, ...rest } = terms;
  return { ...rest, exclusivity: exclusive };
}

/** Validates proposed terms for the form: a wrong type or an unknown field is 400 naming `terms.<field>`. */
export function validateTerms(form: Form, terms: Record<string, unknown>): void {
  const wrong = form === 'nda' || form === 'mou' ? 'endDate' : 'validUntil';
  if (terms[wrong] !== undefined) {
    const problem = `terms.${wrong} does not apply to ${form} (use ${wrong === 'endDate' ? 'validUntil' : 'endDate'})`;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: `terms.${wrong}`, problems: [problem] }] });
  }
  const errors = validateSync(plainToInstance(TERMS_BY_FORM[form], terms), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
  });
  if (errors.length > 0) throw validationException(errors, 'terms');
  const end = (terms.endDate ?? terms.validUntil) as string | undefined;
  if (typeof terms.startDate === 'string' && end !== undefined && end < terms.startDate) {
    const field = terms.endDate !== undefined ? 'terms.endDate' : 'terms.validUntil';
    const problem = `${field} must not be before terms.startDate`;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field, problems: [problem] }] });
  }
  if (form === 'licensing' && terms.exclusive !== undefined && terms.exclusivity !== undefined && terms.exclusive !== terms.exclusivity)
    throw invalid(
      'terms.exclusive',
      'terms.exclusive is the old name of terms.exclusivity and must not differ from it (send terms.exclusivity only)',
    );
  // The monthly recap is checked before the money moves: it is due before the payment day.
  if (
    form === 'consignment' &&
    typeof terms.recapDay === 'number' &&
    typeof terms.settlementDay === 'number' &&
    terms.recapDay >= terms.settlementDay
  )
    throw invalid('terms.recapDay', 'terms.recapDay must be before terms.settlementDay (the recap is due before the payment)');
}

/** Terms fields an agreement of this form still lacks, as `terms.<field>`. */
export function missingTerms(form: Form, stored: Record<string, unknown>): string[] {
  const terms = normalizeTerms(form, stored);
  return REQUIRED_TERMS[form].filter((field) => terms[field] === undefined || terms[field] === null).map((field) => `terms.${field}`);
}

const fieldsOf = (cls: new () => object): string[] => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  ),
];
const SPLIT_FIELDS = ['initiator', 'partner'];
const ITEM_CLASSES: Record<string, new () => object> = {
  products: Product,
  jointMark: JointMark,
  marks: LicensedMark,
  goods: ConsignedGood,
  deliverables: Deliverable,
  recommendedRetailPrices: RecommendedPrice,
  priceList: PriceListItem,
  contributions: Contribution,
};

/** The fields of each form's terms, and of their items (`products.name`): what a template may use. */
export function termsPaths(form: Form): string[] {
  return fieldsOf(TERMS_BY_FORM[form]).flatMap((field) => {
    const item = ITEM_CLASSES[field];
    const inner = item ? fieldsOf(item) : /Split$/.test(field) ? SPLIT_FIELDS : [];
    return [field, ...inner.map((f) => `${field}.${f}`)];
  });
}

const freeTextFields = (cls: new () => object): string[] =>
  getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .filter((m) => m.name === 'freeText')
    .map((m) => m.propertyName);

/** The terms paths holding text the parties typed (`purpose`, `products.name`): templates print them with {{text …}} or in a table. */
export function freeTextPaths(form: Form): string[] {
  const cls = TERMS_BY_FORM[form];
  return [
    ...freeTextFields(cls),
    ...fieldsOf(cls).flatMap((field) => (ITEM_CLASSES[field] ? freeTextFields(ITEM_CLASSES[field]).map((f) => `${field}.${f}`) : [])),
  ];
}

/** Terms with the defaults the issue sets: territory Indonesia, Indonesian prevailing, no Art. 1266 waiver. */
export function withTermDefaults(terms: Record<string, unknown>): Record<string, unknown> {
  return { territory: 'Indonesia', governingLanguage: 'id', waiveArt1266: false, ...terms };
}

/** The allowed values of each coded terms field (from the IsIn rules): what `{{#if terms.x == value}}` may compare with. */
export function termsValues(form: Form): Record<string, string[]> {
  const values: Record<string, string[]> = { governingLanguage: ['id', 'en'], arbitrationLanguage: ['id', 'en'] };
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(TERMS_BY_FORM[form], '', true, false)) {
    if (meta.name === 'isIn' && Array.isArray(meta.constraints?.[0]))
      values[meta.propertyName] = (meta.constraints[0] as unknown[]).map(String);
  }
  return values;
}
