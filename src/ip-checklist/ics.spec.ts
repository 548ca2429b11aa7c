import { describe, expect, it } from '@jest/globals';
import { calendar } from './ics.js';

const STAMP = new Date('2026-11-28T03:00:00Z');
const event = (summary: string, description = 'Art. 24') => ({
  uid: 'x@kolabora',
  date: '2026-12-20',
  summary,
  description,
  alarmDaysBefore: [7],
});
// The calendar's lines, unfolded (RFC 5545 §3.1): every CRLF is a line end, a CRLF followed by a space a fold.
const lines = (text: string): string[] => text.replace(/\r\n /g, '').split('\r\n');

describe('ics text values', () => {
  it('writes every line break of a TEXT value (CRLF, LF or a bare CR) as an escaped \\n, so no value can start a new line', () => {
    const text = calendar('Kain\rKolab\nX-WR-TIMEZONE:Evil', [event('A\rB\r\nC\nD', 'one\r\rtwo')], STAMP);
    expect(text).not.toMatch(/\r(?!\n)/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines(text)).toEqual(
      expect.arrayContaining(['X-WR-CALNAME:Kain\\nKolab\\nX-WR-TIMEZONE:Evil', 'SUMMARY:A\\nB\\nC\\nD', 'DESCRIPTION:one\\n\\ntwo']),
    );
    expect(lines(text).filter((l) => l.startsWith('X-WR-TIMEZONE'))).toEqual([]);
  });

  it('drops the other control characters, which TEXT does not allow, and keeps a tab', () => {
    const text = calendar('Cal', [event('A\u0001B\u001bC\u007fD\tE')], STAMP);
    expect(lines(text)).toContain('SUMMARY:ABCD\tE');
  });

  it('still escapes backslash, semicolon and comma', () => {
    expect(lines(calendar('Cal', [event('a\\b;c,d')], STAMP))).toContain('SUMMARY:a\\\\b\\;c\\,d');
  });
});
