import { describe, expect, it } from '@jest/globals';
import { inWords, terbilang } from './number-words.js';

describe('number words', () => {
  it.each([
    [0, 'nol', 'zero'],
    [1, 'satu', 'one'],
    [11, 'sebelas', 'eleven'],
    [15, 'lima belas', 'fifteen'],
    [21, 'dua puluh satu', 'twenty-one'],
    [100, 'seratus', 'one hundred'],
    [110, 'seratus sepuluh', 'one hundred and ten'],
    [999, 'sembilan ratus sembilan puluh sembilan', 'nine hundred and ninety-nine'],
    [1000, 'seribu', 'one thousand'],
    [1001, 'seribu satu', 'one thousand and one'],
    [1250, 'seribu dua ratus lima puluh', 'one thousand two hundred and fifty'],
    [11000, 'sebelas ribu', 'eleven thousand'],
    [100000, 'seratus ribu', 'one hundred thousand'],
    [1000000, 'satu juta', 'one million'],
    [15000000, 'lima belas juta', 'fifteen million'],
    [2500000, 'dua juta lima ratus ribu', 'two million five hundred thousand'],
    [1000000000, 'satu miliar', 'one billion'],
    [
      999999999999999,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
      'nine hundred and ninety-nine trillion nine hundred and ninety-nine billion nine hundred and ninety-nine million nine hundred and ninety-nine thousand nine hundred and ninety-nine',
    ],
  ])('%d is "%s" and "%s"', (n, id, en) => {
    expect(terbilang(n)).toBe(id);
    expect(inWords(n)).toBe(en);
  });

  it('refuses what terms cannot hold', () => {
    for (const n of [-1, 1.5, 1e15, Number.NaN]) {
      expect(() => terbilang(n)).toThrow(RangeError);
      expect(() => inWords(n)).toThrow(RangeError);
    }
  });
});
