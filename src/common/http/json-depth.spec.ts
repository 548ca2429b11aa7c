import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';

const nested = (depth: number): Buffer => Buffer.from('['.repeat(depth) + ']'.repeat(depth));

describe('exceedsJsonDepth', () => {
  it('allows exactly the limit and refuses one level more, objects and arrays alike', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(exceedsJsonDepth(Buffer.from('{"a":'.repeat(3) + '1' + '}'.repeat(3)), 2)).toBe(true);
    expect(exceedsJsonDepth(Buffer.from('[{"a":[1]},{"b":[2]}]'), 3)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(Buffer.from(JSON.stringify({ a: '[[[{{{', b: 'say \\"[[[\\" {"' })), 1)).toBe(false);
    expect(exceedsJsonDepth(Buffer.from(JSON.stringify(['\\', [[1]]])), 2)).toBe(true);
  });

  it('scans a million levels without recursion', () => {
    expect(exceedsJsonDepth(nested(1_000_000))).toBe(true);
  });
});
