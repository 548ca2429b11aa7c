import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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

// The terms of an agreement per form (issue 4's contract): money in whole rupiah, dates YYYY-MM-DD, percentages 0–100.
// When proposed, every field is optional but must have the right type; when accepted, the form's fields must all be there.

const SIDES = ['initiator', 'partner'] as const;

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

const Money = (): PropertyDecorator => (target, key) => {
  IsInt({ message: `${String(key)} must be whole rupiah` })(target, key);
  Min(0)(target, key);
};
const Percent = (): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(0)(target, key);
  Max(100)(target, key);
};
const Text =
  (max = 2000): PropertyDecorator =>
  (target, key) => {
    IsString()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(max)(target, key);
  };

export class CommonTerms {
  @IsOptional() @CalendarDate() startDate?: string;
  @IsOptional() @CalendarDate() endDate?: string;
  @IsOptional() @CalendarDate() validUntil?: string;
  @IsOptional() @Text(200) territory?: string;
  @IsOptional() @IsBoolean() exclusivity?: boolean;
  @IsOptional() @IsIn(['id', 'en']) governingLanguage?: 'id' | 'en';
  @IsOptional() @IsIn(['bani', 'district_court', 'small_claims']) disputeResolution?: string;
  @IsOptional() @IsBoolean() waiveArt1266?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(20) confidentialityYears?: number;
}

class Product {
  @Text(200) name!: string;
  @IsOptional() @Text(64) sku?: string;
  @IsInt() @Min(1) units!: number;
}
class JointMark {
  @Text(200) name!: string;
  @IsIn(['joint', 'initiator', 'partner']) registrant!: string;
}
class CoBrandingTerms extends CommonTerms {
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => Product) products?: Product[];
  @IsOptional() @SharesOf100() revenueSplit?: { initiator: number; partner: number };
  @IsOptional() @SharesOf100() costSplit?: { initiator: number; partner: number };
  @IsOptional() @IsIn(['joint', 'initiator', 'partner']) designOwnership?: string;
  @IsOptional() @ValidateNested() @Type(() => JointMark) jointMark?: JointMark;
  @IsOptional() @IsInt() @Min(0) @Max(365) sellOffDays?: number;
}

class LicensedMark {
  @Text(200) name!: string;
  @Text(64) registrationNumber!: string;
  @IsArray() @ArrayMinSize(1) @IsInt({ each: true }) @Min(1, { each: true }) @Max(45, { each: true }) classes!: number[];
}
class LicensingTerms extends CommonTerms {
  @IsOptional() @IsIn(SIDES) licensor?: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LicensedMark)
  marks?: LicensedMark[];
  @IsOptional() @IsBoolean() exclusive?: boolean;
  @IsOptional() @IsBoolean() subLicensing?: boolean;
  @IsOptional() @Percent() royaltyPercent?: number;
  @IsOptional() @Money() minimumGuarantee?: number;
  @IsOptional() @IsIn(['monthly', 'quarterly']) reportingPeriod?: string;
  @IsOptional() @Text() qualityControl?: string;
}

class ConsignedGood {
  @Text(64) sku!: string;
  @Text(200) name!: string;
  @IsInt() @Min(1) quantity!: number;
  @Money() retailPrice!: number;
}
class ConsignmentTerms extends CommonTerms {
  @IsOptional() @IsIn(SIDES) consignor?: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ConsignedGood)
  goods?: ConsignedGood[];
  @IsOptional() @Percent() commissionPercent?: number;
  @IsOptional() @IsInt() @Min(1) @Max(28) settlementDay?: number;
  @IsOptional() @IsIn(['weekly', 'monthly']) reportFrequency?: string;
  @IsOptional() @IsInt() @Min(0) @Max(365) returnDays?: number;
}

class Deliverable {
  @Text(64) platform!: string;
  @Text(64) format!: string;
  @IsInt() @Min(1) count!: number;
  @CalendarDate() dueDate!: string;
}
class EndorsementTerms extends CommonTerms {
  @IsOptional() @IsIn(SIDES) endorser?: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => Deliverable)
  deliverables?: Deliverable[];
  @IsOptional() @Money() fee?: number;
  @IsOptional() @IsInt() @Min(0) @Max(120) usageRightsMonths?: number;
  @IsOptional() @Text(200) exclusivityCategory?: string;
}

class RecommendedPrice {
  @Text(64) sku!: string;
  @Money() price!: number;
}
class DistributionTerms extends CommonTerms {
  @IsOptional() @IsIn(SIDES) distributor?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) channels?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RecommendedPrice)
  recommendedRetailPrices?: RecommendedPrice[];
  @IsOptional() @IsInt() @Min(0) targetUnitsPerMonth?: number;
  @IsOptional() @IsInt() @Min(0) @Max(180) paymentTermsDays?: number;
}

class Contribution {
  @IsIn(SIDES) party!: string;
  @Text() description!: string;
  @Money() valueIdr!: number;
}
class JointVentureTerms extends CommonTerms {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => Contribution)
  contributions?: Contribution[];
  @IsOptional() @SharesOf100() profitSplit?: { initiator: number; partner: number };
  @IsOptional() @IsIn(['unanimous', 'majority']) decisionMaking?: string;
  @IsOptional() @IsInt() @Min(0) @Max(365) exitNoticeDays?: number;
}

class NdaTerms extends CommonTerms {
  @IsOptional() @Text() purpose?: string;
  @IsOptional() @IsBoolean() mutual?: boolean;
}
class MouTerms extends CommonTerms {
  @IsOptional() @Text() purpose?: string;
  @IsOptional() @IsArray() @IsIn(['confidentiality', 'costs', 'governing_law'], { each: true }) bindingClauses?: string[];
}

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
    'exclusive',
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
}

/** Terms fields an agreement of this form still lacks, as `terms.<field>`. */
export function missingTerms(form: Form, terms: Record<string, unknown>): string[] {
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

/** Terms with the defaults the issue sets: territory Indonesia, Indonesian prevailing, no Art. 1266 waiver. */
export function withTermDefaults(terms: Record<string, unknown>): Record<string, unknown> {
  return { territory: 'Indonesia', governingLanguage: 'id', waiveArt1266: false, ...terms };
}

/** The allowed values of each coded terms field (from the IsIn rules): what `{{#if terms.x == value}}` may compare with. */
export function termsValues(form: Form): Record<string, string[]> {
  const values: Record<string, string[]> = { governingLanguage: ['id', 'en'] };
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(TERMS_BY_FORM[form], '', true, false)) {
    if (meta.name === 'isIn' && Array.isArray(meta.constraints?.[0]))
      values[meta.propertyName] = (meta.constraints[0] as unknown[]).map(String);
  }
  return values;
}
