import { fileURLToPath } from 'node:url';

// src/common → the project root, from the sources (ts-jest) and from dist/src/common alike.
const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url));

/** Content a non-programmer can edit: agreement templates, checklist data, fonts. */
export const TEMPLATES_DIR = `${ROOT}templates`;

/** The built web console (`npm run build:web`), served at `/`. */
export const WEB_DIR = `${ROOT}dist/web`;
