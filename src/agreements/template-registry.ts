import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMS, type Form } from '../../workflows/collaboration/index.js';
import { canonicalJson } from '../common/canonical-json.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import { missingDisputeTerms } from './agreement-data.js';
import { type AgreementData, type AgreementDocument, buildClauses, type Labels } from './document.js';
import type { Bilingual } from '../documents/bilingual.js';
import { type Block, type ClauseTemplate, clauseRefsOf, parseClause, TemplateError, variablesOf } from './template-language.js';
import {
  freeTextPaths,
  missingTerms,
  normalizeTerms,
  REQUIRED_TERMS,
  termsPaths,
  termsValues,
  validateTerms,
  withTermDefaults,
} from './terms.js';

export interface AgreementTemplate {
  id: string;
  version: string;
  form: Form;
  title: Bilingual;
  clauses: ClauseTemplate[];
  sample: AgreementData;
  /** `id@version`: what a generated agreement records as its template. */
  ref: string;
}

const AGREEMENTS_DIR = join(TEMPLATES_DIR, 'agreements');
const PARTY_FIELDS = [
  'name',
  'legalName',
  'legalForm',
  'address',
  'nib',
  'ktp',
  'signatory.name',
  'signatory.title',
  'kind',
  'country',
  'domicile',
  'npwp',
  'deed.number',
  'deed.date',
  'deed.notary',
  'skAhu',
  'owner.name',
  'owner.nik',
  'partyName',
];
const DATA_PATHS = new Set([
  'agreement.number',
  'agreement.version',
  'agreement.date',
  'agreement.place',
  ...['initiator', 'partner'].flatMap((side) => PARTY_FIELDS.map((f) => `parties.${side}.${f}`)),
]);

/** Every variable must name a field of the form's data model: a typo fails at start-up, not in a signed PDF. */
export function checkVariables(template: AgreementTemplate, clause: ClauseTemplate, file: string): void {
  const terms = new Set(termsPaths(template.form));
  const free = new Set(freeTextPaths(template.form));
  for (const v of variablesOf(clause.blocks)) {
    // Text a party typed is in one language or each in its own: inside a sentence it would be printed in both columns.
    const path = v.each ? `${v.each.slice('terms.'.length)}.${v.path}` : v.path.slice('terms.'.length);
    if (v.inline && (v.each || v.path.startsWith('terms.')) && free.has(path))
      throw new TemplateError(
        file,
        v.line,
        `{{${v.path}}} is text the parties typed: print it once with {{text ${v.path}}} on its own line, after the sentence that introduces it`,
      );
    const known = v.each
      ? v.each.startsWith('terms.') && terms.has(`${v.each.slice('terms.'.length)}.${v.path}`)
      : DATA_PATHS.has(v.path) || (v.path.startsWith('terms.') && terms.has(v.path.slice('terms.'.length)));
    if (!known)
      throw new TemplateError(
        file,
        v.line,
        `{{${v.path}}}${v.each ? ` (in {{#each ${v.each}}})` : ''} is not in the ${template.form} data model`,
      );
  }
}

/** A `{{#if terms.x == value}}` with a value the field can never take would silently drop its lines: refuse it. */
export function checkComparisons(template: AgreementTemplate, blocks: Block[], file: string): void {
  const values = termsValues(template.form);
  for (const block of blocks) {
    if (block.kind === 'if' && block.equals !== null && block.path.startsWith('terms.')) {
      const allowed = values[block.path.slice('terms.'.length)];
      if (allowed && !allowed.includes(block.equals)) {
        throw new TemplateError(file, block.line, `${block.path} is never "${block.equals}" (it is one of: ${allowed.join(', ')})`);
      }
    }
    if (block.kind === 'if' || block.kind === 'each') checkComparisons(template, block.blocks, file);
  }
}

/** A {{clause name}} must name a clause of the same form, or the agreement would refer to a clause it does not have. */
export function checkClauseRefs(clauses: string[], clause: ClauseTemplate, file: string): void {
  for (const ref of clauseRefsOf(clause.blocks))
    if (!clauses.includes(ref.clause))
      throw new TemplateError(
        file,
        ref.line,
        `{{clause ${ref.clause}}} is not a clause of this form (its manifest lists: ${clauses.join(', ')})`,
      );
}

/** A label printed with `| labels` may name clauses ({{clause name}}): each must be a clause of every form that prints it. */
export function checkLabelRefs(template: AgreementTemplate, labels: Labels): void {
  const names = template.clauses.map((c) => c.name);
  const walk = (blocks: Block[]): void => {
    for (const block of blocks) {
      if (block.kind === 'para' || block.kind === 'item') {
        for (const seg of [...block.text.id, ...block.text.en]) {
          if (!('path' in seg) || seg.helper !== 'labels') continue;
          for (const label of Object.values(labels[seg.path.split('.').at(-1) ?? ''] ?? {}))
            for (const [, name] of `${label.id} ${label.en}`.matchAll(/\{\{clause ([a-z0-9_/-]+)\}\}/g))
              if (!names.includes(name))
                throw new TemplateError(join(AGREEMENTS_DIR, 'labels.json'), 1, `{{clause ${name}}} is not a clause of ${template.id}`);
        }
      } else if (block.kind === 'if' || block.kind === 'each') walk(block.blocks);
    }
  };
  for (const clause of template.clauses) walk(clause.blocks);
}

export function loadTemplate(folder: string): AgreementTemplate {
  const dir = join(AGREEMENTS_DIR, folder);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    id: string;
    version: string;
    form: Form;
    title: Bilingual;
    requires?: { parties: string[]; terms: string[] };
    clauses: string[];
  };
  if (!FORMS.includes(manifest.form)) throw new TemplateError(join(dir, 'manifest.json'), 1, `unknown form ${manifest.form}`);
  if (!/^\d+\.\d+\.\d+$/.test(manifest.version))
    throw new TemplateError(join(dir, 'manifest.json'), 1, 'version is semantic: MAJOR.MINOR.PATCH');
  // The data a template needs is written in its manifest for editors; it must say what the service enforces.
  const enforced = [...REQUIRED_TERMS[manifest.form]].sort();
  if (JSON.stringify([...(manifest.requires?.terms ?? [])].sort()) !== JSON.stringify(enforced)) {
    throw new TemplateError(join(dir, 'manifest.json'), 1, `requires.terms must list exactly: ${enforced.join(', ')}`);
  }
  const sample = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8')) as AgreementData;
  const template: AgreementTemplate = {
    id: manifest.id,
    version: manifest.version,
    form: manifest.form,
    title: manifest.title,
    clauses: [],
    sample,
    ref: `${manifest.id}@${manifest.version}`,
  };
  for (const name of manifest.clauses) {
    const file = name.startsWith('common/') ? join(AGREEMENTS_DIR, `${name}.md`) : join(dir, `${name}.md`);
    const clause = parseClause(name, readFileSync(file, 'utf8'), file);
    checkVariables(template, clause, file);
    checkClauseRefs(manifest.clauses, clause, file);
    checkComparisons(template, clause.blocks, file);
    template.clauses.push(clause);
  }
  validateTerms(template.form, sample.terms);
  const missing = [...missingTerms(template.form, sample.terms), ...missingDisputeTerms(sample.terms)];
  if (missing.length > 0) throw new TemplateError(join(dir, 'sample.json'), 1, `the sample lacks ${missing.join(', ')}`);
  return template;
}

/** The agreement templates in templates/agreements, one folder per form, checked as they load. */
export class TemplateRegistry {
  readonly templates: Map<Form, AgreementTemplate>;
  private readonly labels: Labels = JSON.parse(readFileSync(join(AGREEMENTS_DIR, 'labels.json'), 'utf8')) as Labels;

  constructor() {
    const folders = readdirSync(AGREEMENTS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'common');
    this.templates = new Map(folders.map((d) => loadTemplate(d.name)).map((t) => [t.form, t]));
    for (const template of this.templates.values()) checkLabelRefs(template, this.labels);
  }

  forForm(form: Form): AgreementTemplate {
    const template = this.templates.get(form);
    if (!template) throw new Error(`no agreement template for ${form}`);
    return template;
  }

  list(): AgreementTemplate[] {
    return [...this.templates.values()].sort((a, b) => FORMS.indexOf(a.form) - FORMS.indexOf(b.form));
  }

  /** The document tree of an agreement, with its content fingerprint: sha256 of template id@version + data. */
  document(template: AgreementTemplate, input: AgreementData, createdAt: Date): AgreementDocument {
    const data = { ...input, terms: withTermDefaults(normalizeTerms(template.form, input.terms)) };
    const contentHash = createHash('sha256')
      .update(canonicalJson({ template: template.ref, data }))
      .digest('hex');
    return {
      title: template.title,
      number: data.agreement.number,
      version: data.agreement.version,
      template: template.ref,
      contentHash,
      clauses: buildClauses(template.clauses, data, this.labels),
      parties: [data.parties.initiator, data.parties.partner],
      createdAt,
    };
  }
}
