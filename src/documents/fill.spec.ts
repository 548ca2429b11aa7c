import { describe, expect, it } from '@jest/globals';
import { fill, fillBoth, placeholders } from './fill.js';

describe('fill', () => {
  it('fills every {placeholder} with its value', () => {
    expect(fill('{who} invites {whom}, {who} again', { who: 'Ani', whom: 'Budi' })).toBe('Ani invites Budi, Ani again');
  });

  it('keeps a placeholder without a value as written, for a later step to fill', () => {
    expect(fill('Open {link} before {expires}', { expires: '2025-01-02' })).toBe('Open {link} before 2025-01-02');
  });

  it('hands a placeholder without a value to `missing` when given (a caller that wants every placeholder filled throws)', () => {
    const strict = (name: string): string => {
      throw new Error(`nothing to fill {${name}} with`);
    };
    expect(() => fill('Hi {name}', {}, strict)).toThrow('nothing to fill {name} with');
    expect(fill('Hi {name}', {}, (name) => `<${name}>`)).toBe('Hi <name>');
  });

  it('does not scan a filled-in value again, nor take inherited properties for values', () => {
    expect(fill('{a} {b}', { a: '{b}', b: 'x' })).toBe('{b} x');
    expect(fill('{constructor} {toString}', {})).toBe('{constructor} {toString}');
    expect(fill('{a}', { a: '$& $1' })).toBe('$& $1');
  });

  it('leaves text that is not a placeholder alone', () => {
    expect(fill('{ spaced } {} {a-b} {{double}}', { spaced: 'no', double: 'x' })).toBe('{ spaced } {} {a-b} {x}');
  });

  it('fills both languages, a bilingual value with each language its own words', () => {
    expect(fillBoth({ id: '{n} butir, {form}', en: '{n} items, {form}' }, { n: '3', form: { id: 'lisensi', en: 'licensing' } })).toEqual({
      id: '3 butir, lisensi',
      en: '3 items, licensing',
    });
  });

  it('lists the placeholders of a text in order', () => {
    expect(placeholders('{a} and {b}, then {a}')).toEqual(['a', 'b', 'a']);
  });
});
