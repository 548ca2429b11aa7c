import { wordDiffs } from './word-diff.js';

const words = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

describe('wordDiffs', () => {
  it('diffs each pair word by word', () => {
    expect(wordDiffs([['split 60 / 40', 'split 50 / 50']])).toEqual([
      [
        { op: 'same', text: 'split ' },
        { op: 'remove', text: '60' },
        { op: 'add', text: '50' },
        { op: 'same', text: ' / ' },
        { op: 'remove', text: '40' },
        { op: 'add', text: '50' },
      ],
    ]);
  });

  it('gives up (null) past the edit budget over all the pairs together, not per pair', () => {
    const budget = { maxEdits: 100, timeoutMs: 60_000 };
    const pair = (n: number): [string, string] => [words(n, 'a'), words(n, 'b')]; // 2n words added or removed
    expect(wordDiffs([pair(25)], budget)).not.toBeNull();
    expect(wordDiffs([pair(25), pair(25)], budget)).not.toBeNull();
    expect(wordDiffs([pair(25), pair(26)], budget)).toBeNull();
    expect(wordDiffs([pair(2000)], budget)).toBeNull();
  });

  it('spends no budget on text that is equal, only added or only removed', () => {
    const long = words(5000, 'w');
    expect(
      wordDiffs(
        [
          [long, long],
          ['', long],
          [long, ''],
        ],
        { maxEdits: 0, timeoutMs: 60_000 },
      ),
    ).toEqual([[{ op: 'same', text: long }], [{ op: 'add', text: long }], [{ op: 'remove', text: long }]]);
  });

  it('gives up (null) once its time is spent', () => {
    expect(wordDiffs([['a b', 'a c']], { maxEdits: 100, timeoutMs: 0 })).toBeNull();
  });
});
