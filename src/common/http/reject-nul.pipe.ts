import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';

function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** PostgreSQL cannot store U+0000 in text (SQLite can): refuse it everywhere, on both, with the field named. */
@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // A binary body (a PDF to verify) is bytes, not text: walked key by key, 20 MiB held the event loop for a minute.
    if (metadata.type === 'custom' || Buffer.isBuffer(value)) return value;
    const field = nulPath(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (field === null) return value;
    const problem = `${field || 'body'} must not contain the NUL character`;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: field || 'body', problems: [problem] }] });
  }
}
