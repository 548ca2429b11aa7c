import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const catalog = (lang: string): Record<string, string> => JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
const id = catalog('id');
const en = catalog('en');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('web console message catalogs', () => {
  it('Indonesian and English have the same keys', () => {
    const missingInEn = Object.keys(id).filter((key) => !(key in en));
    const missingInId = Object.keys(en).filter((key) => !(key in id));
    expect({ missingInEn, missingInId }).toEqual({ missingInEn: [], missingInId: [] });
  });

  it('no message is empty, and {placeholders} match between the languages', () => {
    const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const problems = Object.keys(id).filter(
      (key) => !id[key].trim() || !en[key]?.trim() || placeholders(id[key]).join() !== placeholders(en[key]).join(),
    );
    expect(problems).toEqual([]);
  });

  it('every literal key the console asks for is in the catalogs', () => {
    const used = sources(join(dir, '..')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(50);
    expect([...new Set(used.filter((key) => !(key in id)))]).toEqual([]);
  });
});
