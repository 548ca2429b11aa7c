// The agreement template language: clause files a lawyer or founder can edit (templates/agreements/README.md).
// Parsed into a tree first; data is merged into that tree as plain text, so party-supplied text can never add a
// clause, a heading or markup.

import type { Bilingual } from '../documents/bilingual.js';

export type Segment = { text: string } | { path: string; helper: string | null } | { clause: string };
export type Block =
  | { kind: 'para'; text: Bilingual<Segment[]>; line: number }
  | { kind: 'item'; text: Bilingual<Segment[]>; line: number }
  | { kind: 'if'; path: string; equals: string | null; negate: boolean; blocks: Block[]; line: number }
  | { kind: 'each'; path: string; blocks: Block[]; line: number }
  | { kind: 'text'; path: string; line: number }
  | { kind: 'table'; path: string; columns: Array<{ field: string; helper: string | null; heading: Bilingual }>; line: number };

export interface ClauseTemplate {
  name: string;
  heading: Bilingual;
  blocks: Block[];
  /** false (front matter `numbered: false`): the clause and its paragraphs carry no number, like the parties and recitals. */
  numbered: boolean;
}

export const HELPERS = ['rupiah', 'date', 'weekday', 'percent', 'party', 'list', 'yesno', 'number', 'labels', 'title', 'country'] as const;

export class TemplateError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

const PATH = /^(@?[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** `Text {{terms.fee | rupiah}} more` → segments; an unknown helper or a malformed variable fails loudly. */
export function parseSegments(source: string, file: string, line: number): Segment[] {
  const segments: Segment[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open === -1) {
      segments.push({ text: rest });
      break;
    }
    if (open > 0) segments.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open);
    if (close === -1) throw new TemplateError(file, line, 'a {{ is not closed');
    // {{clause common/term}}: the number of another clause of the form ("Pasal 3" / "Clause 3"), never its title.
    const ref = /^clause\s+([a-z0-9_/-]+)$/.exec(rest.slice(open + 2, close).trim());
    if (ref) {
      segments.push({ clause: ref[1] });
      rest = rest.slice(close + 2);
      continue;
    }
    const [path, helper, ...extra] = rest
      .slice(open + 2, close)
      .split('|')
      .map((s) => s.trim());
    if (!PATH.test(path) || extra.length > 0) throw new TemplateError(file, line, `{{${rest.slice(open + 2, close)}}} is not a variable`);
    if (helper !== undefined && !(HELPERS as readonly string[]).includes(helper)) {
      throw new TemplateError(file, line, `unknown helper "${helper}" (known: ${HELPERS.join(', ')})`);
    }
    segments.push({ path, helper: helper ?? null });
    rest = rest.slice(close + 2);
  }
  return segments;
}

/** Parses one clause file. */
export function parseClause(name: string, source: string, file: string): ClauseTemplate {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let numbered = true;
  // Front matter: settings between two "---" lines at the top; only `numbered: true|false` for now.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end === -1) throw new TemplateError(file, 1, 'the front matter opened by "---" is never closed by "---"');
    for (let i = 1; i < end; i++) {
      const setting = lines[i].trim();
      if (setting === '' || setting.startsWith('//')) continue;
      const m = /^numbered:\s*(true|false)$/.exec(setting);
      if (!m) throw new TemplateError(file, i + 1, `unknown setting "${setting}" (known: numbered: true|false)`);
      numbered = m[1] === 'true';
    }
    lines.fill('', 0, end + 1);
  }
  let heading: Bilingual | null = null;
  const root: Block[] = [];
  const stack: Array<{ blocks: Block[]; close: string; line: number }> = [{ blocks: root, close: '', line: 0 }];
  const current = (): Block[] => stack[stack.length - 1].blocks;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('# ')) {
      if (heading) throw new TemplateError(file, lineNo, 'a clause has one heading');
      const parts = line.slice(2).split(' | ');
      if (parts.length !== 2) throw new TemplateError(file, lineNo, 'the heading is "# Indonesian | English"');
      heading = { id: parts[0].trim(), en: parts[1].trim() };
      continue;
    }
    const block = /^\{\{#(if|unless|each) ([^}]+)\}\}$/.exec(line);
    if (block) {
      const [, kind, expression] = block;
      const [path, equals] = expression.split('==').map((s) => s.trim());
      if (!PATH.test(path)) throw new TemplateError(file, lineNo, `"${path}" is not a variable`);
      const node: Block =
        kind === 'each'
          ? { kind: 'each', path, blocks: [], line: lineNo }
          : { kind: 'if', path, equals: equals ?? null, negate: kind === 'unless', blocks: [], line: lineNo };
      current().push(node);
      stack.push({ blocks: (node as { blocks: Block[] }).blocks, close: kind === 'each' ? 'each' : kind, line: lineNo });
      continue;
    }
    const end = /^\{\{\/(if|unless|each)\}\}$/.exec(line);
    if (end) {
      if (stack.length === 1 || stack[stack.length - 1].close !== end[1])
        throw new TemplateError(file, lineNo, `{{/${end[1]}}} closes nothing open`);
      stack.pop();
      continue;
    }
    const free = /^\{\{text ([^}]+)\}\}$/.exec(line);
    if (free) {
      const path = free[1].trim();
      if (!PATH.test(path)) throw new TemplateError(file, lineNo, `"${path}" is not a variable`);
      current().push({ kind: 'text', path, line: lineNo });
      continue;
    }
    const table = /^\{\{table ([^:}]+):(.+)\}\}$/.exec(line);
    if (table) {
      const columns = table[2].split(',').map((col) => {
        const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\|([a-z]+))?\s+"([^"]+)"\s+"([^"]+)"\s*$/.exec(col);
        if (!m) throw new TemplateError(file, lineNo, `table column "${col.trim()}" is not: field[|helper] "Indonesian" "English"`);
        if (m[2] && !(HELPERS as readonly string[]).includes(m[2])) throw new TemplateError(file, lineNo, `unknown helper "${m[2]}"`);
        return { field: m[1], helper: m[2] ?? null, heading: { id: m[3], en: m[4] } };
      });
      current().push({ kind: 'table', path: table[1].trim(), columns, line: lineNo });
      continue;
    }
    const text = /^(- )?id: (.*)$/.exec(line);
    if (text) {
      const next = (lines[i + 1] ?? '').trim();
      const en = /^en: (.*)$/.exec(next);
      if (!en) throw new TemplateError(file, lineNo + 1, 'every "id:" line is followed by its "en:" line');
      current().push({
        kind: text[1] ? 'item' : 'para',
        text: { id: parseSegments(text[2], file, lineNo), en: parseSegments(en[1], file, lineNo + 1) },
        line: lineNo,
      });
      i += 1;
      continue;
    }
    if (/^\{\{/.test(line)) throw new TemplateError(file, lineNo, `unknown directive ${line}`);
    throw new TemplateError(
      file,
      lineNo,
      `a line is "id: …" followed by "en: …", a "- id:" list item, a {{#if}}/{{#each}} block, a {{text}} or a {{table}}; got: ${raw}`,
    );
  }
  if (stack.length > 1)
    throw new TemplateError(file, stack[stack.length - 1].line, `{{#${stack[stack.length - 1].close}}} is never closed`);
  if (!heading) throw new TemplateError(file, 1, 'a clause starts with "# Indonesian | English"');
  return { name, heading, blocks: root, numbered };
}

/**
 * Every variable a clause uses, with whether it is read inside an {{#each}} (then relative to the item) and whether it
 * is printed inside a sentence (`inline`) rather than tested, repeated, tabled or printed with {{text}}.
 */
export function variablesOf(
  blocks: Block[],
  scope: string | null = null,
): Array<{ path: string; each: string | null; line: number; inline?: boolean }> {
  const out: Array<{ path: string; each: string | null; line: number; inline?: boolean }> = [];
  for (const block of blocks) {
    if (block.kind === 'para' || block.kind === 'item') {
      for (const seg of [...block.text.id, ...block.text.en])
        if ('path' in seg) out.push({ path: seg.path, each: scope, line: block.line, inline: true });
    } else if (block.kind === 'text') {
      out.push({ path: block.path, each: scope, line: block.line });
    } else if (block.kind === 'if') {
      out.push({ path: block.path, each: scope, line: block.line }, ...variablesOf(block.blocks, scope));
    } else if (block.kind === 'each') {
      out.push({ path: block.path, each: scope, line: block.line }, ...variablesOf(block.blocks, block.path));
    } else {
      out.push({ path: block.path, each: scope, line: block.line });
      for (const column of block.columns) out.push({ path: column.field, each: block.path, line: block.line });
    }
  }
  return out;
}

/** The clauses a clause refers to by number ({{clause name}}), with the line. */
export function clauseRefsOf(blocks: Block[]): Array<{ clause: string; line: number }> {
  return blocks.flatMap((block) =>
    block.kind === 'para' || block.kind === 'item'
      ? [...block.text.id, ...block.text.en].flatMap((seg) => ('clause' in seg ? [{ clause: seg.clause, line: block.line }] : []))
      : block.kind === 'if' || block.kind === 'each'
        ? clauseRefsOf(block.blocks)
        : [],
  );
}
