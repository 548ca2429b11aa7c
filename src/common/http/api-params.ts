import type { ApiHeaderOptions, ApiParamOptions, ApiQueryOptions } from '@nestjs/swagger';

/** `?as=`: which of your organizations you act for, when you belong to more than one party. */
export const AS_QUERY: ApiQueryOptions = {
  name: 'as',
  required: false,
  schema: { type: 'string' },
  description: 'Your organization, only when you belong to more than one party of this collaboration',
};

/** `?lang=` of the PDFs and calendars. */
export const LANG_QUERY: ApiQueryOptions = {
  name: 'lang',
  required: false,
  schema: { type: 'string', enum: ['bilingual', 'id', 'en'], default: 'bilingual' },
  description: 'bilingual: Indonesian and English side by side',
};

// The patterns are the ones the handlers check (collaborations.controller.ts).
export const IF_MATCH_HEADER: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  schema: { type: 'string', pattern: '^(W/)?"?[0-9]+"?$', example: '"3"' },
  description: 'The ETag (version) you last saw',
};
export const IDEMPOTENCY_KEY_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  schema: { type: 'string', pattern: '^[!-~]{1,200}$' },
  description: 'Retries with the same key get the first answer (1–200 visible ASCII characters)',
};

/** A path id that EntityIdPipe checks: any other shape is 404, like an id the caller may not see. */
export const uuidParam = (name: string): ApiParamOptions => ({ name, schema: { type: 'string', format: 'uuid' } });
/** A version or revision number in the path (1 to 2^31-1); any other is 404. */
export const numberParam = (name: string): ApiParamOptions => ({ name, schema: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 } });
