import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import type { LayoutLanguage } from './bilingual.js';

/** The languages a document can be asked for, the default first. */
export const LAYOUT_LANGUAGES: LayoutLanguage[] = ['bilingual', 'id', 'en'];

/** The `lang` query parameter of a document endpoint: bilingual unless asked otherwise. */
export function parseLang(lang: string | undefined): LayoutLanguage {
  if (lang === undefined) return 'bilingual';
  if ((LAYOUT_LANGUAGES as string[]).includes(lang)) return lang as LayoutLanguage;
  throw new DomainException(ErrorCode.VALIDATION_FAILED, 'lang must be one of: id, en, bilingual', {
    fields: [{ field: 'lang', problems: ['lang must be one of: id, en, bilingual'] }],
  });
}
