import { describe, expect, it } from '@jest/globals';
import { lastDigestAt } from './digest.service.js';

describe('lastDigestAt', () => {
  it('is 17.00 WIB (10:00 UTC) of the same day from that moment on, of the day before until then', () => {
    expect(lastDigestAt(new Date('2026-12-20T10:00:00.000Z')).toISOString()).toBe('2026-12-20T10:00:00.000Z');
    expect(lastDigestAt(new Date('2026-12-20T23:59:59.999Z')).toISOString()).toBe('2026-12-20T10:00:00.000Z');
    // 07.00 WIB on the 21st is still before that day's digest.
    expect(lastDigestAt(new Date('2026-12-21T00:00:00.000Z')).toISOString()).toBe('2026-12-20T10:00:00.000Z');
    expect(lastDigestAt(new Date('2026-12-21T09:59:59.999Z')).toISOString()).toBe('2026-12-20T10:00:00.000Z');
    expect(lastDigestAt(new Date('2027-01-01T03:00:00.000Z')).toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });
});
