import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/domain.exception.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    if (!UUID.test(value)) throw notFound(this.what);
    return value.toLowerCase();
  }
}
