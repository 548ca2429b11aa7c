import {
  arrayOf,
  bilingual,
  boolean,
  date,
  dateTime,
  integer,
  nullableString,
  number,
  object,
  string,
  uuid,
} from '../common/http/api-schema.js';

const MARK = nullableString({ enum: ['V', 'S', 'U'] });
const nullableDate = { ...date, nullable: true };

export const DEADLINE_SCHEMA = object({
  kind: string(),
  due: date,
  title: bilingual,
  legalBasis: nullableString(),
  mark: MARK,
  toBeConfirmed: boolean,
  overdue: boolean,
});

export const IP_RECORD_SCHEMA = object({
  id: uuid,
  organizationId: uuid,
  kind: string({ enum: ['mark', 'design', 'copyright'] }),
  name: string(),
  classes: arrayOf(integer()),
  status: string(),
  applicationNumber: nullableString(),
  registrationNumber: nullableString(),
  filingDate: nullableDate,
  publicationDate: nullableDate,
  oppositionDate: nullableDate,
  refusalNoticeDate: nullableDate,
  registrationDate: nullableDate,
  lastUseEvidenceDate: nullableDate,
  firstDisclosureDate: nullableDate,
  owners: arrayOf(string()),
  createdAt: dateTime,
  updatedAt: dateTime,
  deadlines: arrayOf(DEADLINE_SCHEMA),
});

export const NICE_CLASSES_SCHEMA = arrayOf(object({ class: integer({ minimum: 1, maximum: 45 }), heading: string() }));

export const REMINDERS_SCHEMA = object({
  within: string({ example: '90d' }),
  today: date,
  items: arrayOf(
    object(
      {
        source: string({ enum: ['ipRecord', 'checklist'] }),
        organizationId: uuid,
        record: object({ id: uuid, kind: string(), name: string() }),
        collaboration: object({ id: uuid, title: string() }),
        itemId: string(),
        kind: string(),
        title: bilingual,
        due: date,
        daysLeft: integer(),
        overdue: boolean,
        legalBasis: nullableString(),
        mark: MARK,
        toBeConfirmed: boolean,
      },
      ['record', 'collaboration', 'itemId'],
    ),
  ),
});

// An item's record (the linked mark record, with its deadlines) is documented as an object: see the operation's description.
export const CHECKLIST_SCHEMA = object({
  generatedAt: { ...dateTime, nullable: true },
  openBlocking: arrayOf(string()),
  items: arrayOf(
    object(
      {
        id: string(),
        key: string(),
        category: string(),
        title: bilingual,
        explanation: bilingual,
        legalBasis: nullableString(),
        mark: MARK,
        toBeConfirmed: boolean,
        launchBlocking: boolean,
        status: string({ enum: ['todo', 'inProgress', 'done', 'waived', 'notApplicable'] }),
        responsible: { ...object({ organizationId: uuid, name: string() }), nullable: true },
        due: nullableDate,
        overdue: boolean,
        fee: {
          ...object({
            amount: number(),
            currency: string({ enum: ['IDR'] }),
            quantity: integer(),
            per: bilingual,
            rate: string({ enum: ['umk', 'general', 'flat'] }),
            table: object(
              {
                title: bilingual,
                basis: string(),
                effectiveDate: nullableString(),
                effectiveNote: bilingual,
                caveat: bilingual,
                mark: MARK,
              },
              ['effectiveNote', 'caveat'],
            ),
            toBeConfirmed: boolean,
          }),
          nullable: true,
        },
        record: { type: 'object', nullable: true },
        evidence: { type: 'object', nullable: true, description: 'What shows it done: a search reference, or the mark record' },
        waiverReason: nullableString(),
        updatedAt: { ...dateTime, nullable: true },
        updatedByOrganizationId: { ...uuid, nullable: true },
      },
      ['overdue', 'updatedAt', 'updatedByOrganizationId', 'record'],
    ),
  ),
});
