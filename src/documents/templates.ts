import { readFileSync } from 'node:fs';
import { TEMPLATES_DIR } from '../common/paths.js';

/** A JSON file under templates/ (content, not code: words, rules, tables), read once by whoever needs it. */
export const readTemplate = <T>(path: string): T => JSON.parse(readFileSync(`${TEMPLATES_DIR}/${path}`, 'utf8')) as T;
