import { DomainException, ErrorCode } from '../errors/domain.exception.js';

/**
 * The deepest nesting of objects and arrays a JSON body may have. No request body of the API nests more than a handful
 * of levels; a body nested thousands deep made recursive walkers (the NUL check, class-transformer) overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether raw JSON nests objects and arrays deeper than `max`: one pass over the bytes, no recursion, brackets inside
 * strings not counted. It does not validate; the parser that runs after it does. Multi-byte UTF-8 sequences never hold
 * an ASCII byte, so scanning bytes is exact.
 */
export function exceedsJsonDepth(body: Buffer, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return false;
}

export const jsonTooDeep = (): DomainException =>
  new DomainException(ErrorCode.INVALID_JSON, `Request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
