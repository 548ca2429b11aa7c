/** Every error code a client can see. Clients branch on these, so they are API. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_JSON = 'INVALID_JSON',
  BAD_REQUEST = 'BAD_REQUEST',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  EVENT_FORBIDDEN = 'EVENT_FORBIDDEN',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  EVENT_NOT_ALLOWED = 'EVENT_NOT_ALLOWED',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  PRECONDITION_FAILED = 'PRECONDITION_FAILED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  AGREEMENT_DATA_INCOMPLETE = 'AGREEMENT_DATA_INCOMPLETE',
  CANDIDATE_INELIGIBLE = 'CANDIDATE_INELIGIBLE',
  LIMIT_REACHED = 'LIMIT_REACHED',
  DIFF_TOO_LARGE = 'DIFF_TOO_LARGE',
  INVITATION_USED = 'INVITATION_USED',
  INVITATION_EXPIRED = 'INVITATION_EXPIRED',
  RESET_TOKEN_INVALID = 'RESET_TOKEN_INVALID',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG = 'URI_TOO_LONG',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL = 'INTERNAL',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

// A Record over the enum: adding a code without its status does not compile.
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  EVENT_FORBIDDEN: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ALREADY_MEMBER: 409,
  EVENT_NOT_ALLOWED: 409,
  CONCURRENT_UPDATE: 409,
  PRECONDITION_FAILED: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  AGREEMENT_DATA_INCOMPLETE: 422,
  CANDIDATE_INELIGIBLE: 422,
  LIMIT_REACHED: 409,
  DIFF_TOO_LARGE: 422,
  INVITATION_USED: 410,
  INVITATION_EXPIRED: 410,
  RESET_TOKEN_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Services throw this, never an HttpException; the exception filter turns it into the JSON error body. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Fields a contract wants at the top level of the error body, beside `code`. */
    readonly top?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

/** The one "not found" for anything the caller may not see: existence is not revealed. */
export const notFound = (what: string): DomainException => new DomainException(ErrorCode.NOT_FOUND, `${what} not found`);
