import type { Translate } from '../i18n';

export const LEGAL_FORMS = ['individual', 'ud', 'cv', 'pt'] as const;
export const SCALES = ['micro', 'small', 'medium'] as const;
export const ROLES = ['member', 'admin', 'owner'] as const;

export const legalFormOptions = (t: Translate) => LEGAL_FORMS.map((value) => ({ value, label: t(`legalForm.${value}`) }));
export const scaleOptions = (t: Translate) => SCALES.map((value) => ({ value, label: t(`scale.${value}`) }));

/** "LOOKOUT, Batik Sari" → ["LOOKOUT", "Batik Sari"]: lists are typed as one line, comma-separated. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
