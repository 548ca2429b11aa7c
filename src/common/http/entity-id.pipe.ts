import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/domain.exception.js';
import { isUuid } from '../uuid.js';

/** A malformed id cannot name anything: 404, like an id the caller may not see (and no uuid cast error from PostgreSQL). */
@Injectable()
export class EntityIdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly what: string,
    /** For an optional query parameter: absent stays undefined. */
    private readonly optional = false,
  ) {}

  transform(value: string): string {
    if (this.optional && value === undefined) return value;
    if (!isUuid(value)) throw notFound(this.what);
    return value.toLowerCase();
  }
}
