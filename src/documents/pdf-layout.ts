import QRCode from 'qrcode';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { type Bilingual, inLang, type LayoutLanguage } from './bilingual.js';
import { fillBoth } from './fill.js';
import { readTemplate } from './templates.js';

// The house style of every PDF Kolabora issues (agreements, the IP checklist, the review report): page, fonts, tables, footer.

// DejaVu Sans from the dejavu-fonts-ttf package (its LICENSE ships with it): Unicode Latin, no system fonts.
const FONTS = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const PAGE = { size: 'A4' as const, margins: { top: 56, bottom: 72, left: 50, right: 50 } };
export const GAP = 16; // between the Indonesian and English columns
export const STYLE = { body: 9, heading: 9.5, title: 14, subtitle: 11, footer: 7, table: 8 };

export type Doc = InstanceType<typeof PDFDocument>;

const WORDS = readTemplate<{ page: Bilingual }>('documents/words.json');

/** "Halaman 2 dari 5 / Page 2 of 5": the start of every footer. */
export const pageLabel = (page: number, pages: number, lang: LayoutLanguage): string =>
  inLang(fillBoth(WORDS.page, { page: String(page), pages: String(pages) }), lang);

export interface Columns {
  langs: Array<'id' | 'en'>;
  x: number[];
  width: number;
}

export function columns(doc: Doc, lang: LayoutLanguage): Columns {
  const left = PAGE.margins.left;
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  if (lang !== 'bilingual') return { langs: [lang], x: [left], width: full };
  const width = (full - GAP) / 2;
  return { langs: ['id', 'en'], x: [left, left + width + GAP], width };
}

export const bottom = (doc: Doc): number => doc.page.height - PAGE.margins.bottom;

export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

type Geometry = { widths: number[]; xs: number[] };

/** What is kept for a document while it is laid out: what is measured or made once, and how to end its last page. */
interface Layout {
  heights: Map<string, number>;
  tables: Map<TableNode, Map<string, Geometry>>;
  qr?: { text: string; size: number; form: ReturnType<Doc['ref']> };
  endLastPage: () => void;
}
const layouts = new WeakMap<Doc, Layout>();

function layoutOf(doc: Doc): Layout {
  const layout = layouts.get(doc);
  if (!layout) throw new Error('a house PDF starts with startDocument()');
  return layout;
}

/**
 * The height of `text` in a house font and size at `width`, wrapped as pdfkit will draw it. Page fit and keep-together
 * ask for the same paragraph's height several times before it is drawn: each is wrapped once per document.
 */
export function textHeight(doc: Doc, font: 'Body' | 'Bold', size: number, text: string, width: number): number {
  doc.font(font).fontSize(size);
  const { heights } = layoutOf(doc);
  const key = `${font} ${size} ${width} ${text}`;
  let height = heights.get(key);
  if (height === undefined) heights.set(key, (height = doc.heightOfString(text, { width })));
  return height;
}

export interface TableNode {
  headings: Bilingual[];
  rows: Array<Bilingual[]>;
}

const CELL_PAD = 3;

/**
 * Column widths that follow the content: each column gets at least its longest word, and what is left goes to the
 * columns whose text would otherwise wrap, in proportion to how much more they would need.
 */
function contentWidths(doc: Doc, table: TableNode, lang: LayoutLanguage, full: number): number[] {
  const cells = [table.headings, ...table.rows].map((row) => row.map((c) => inLang(c, lang)));
  const measure = (text: string, font: string): { line: number; word: number } => {
    doc.font(font).fontSize(STYLE.table);
    return {
      line: doc.widthOfString(text),
      word: Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(w))),
    };
  };
  const natural = table.headings.map(() => 0);
  const least = table.headings.map(() => 0);
  cells.forEach((row, r) =>
    row.forEach((text, i) => {
      const m = measure(text, r === 0 ? 'Bold' : 'Body');
      natural[i] = Math.max(natural[i], m.line + 2 * CELL_PAD + 1);
      least[i] = Math.max(least[i], Math.min(m.word + 2 * CELL_PAD + 1, full / table.headings.length));
    }),
  );
  const totalNatural = natural.reduce((a, b) => a + b, 0);
  // Everything fits on one line: share the spare width out by natural width, so the table still spans the page.
  if (totalNatural <= full) return natural.map((n) => (n * full) / totalNatural);
  const spare = full - least.reduce((a, b) => a + b, 0);
  const wants = natural.map((n, i) => n - least[i]);
  const totalWants = wants.reduce((a, b) => a + b, 0) || 1;
  return least.map((l, i) => l + (Math.max(spare, 0) * wants[i]) / totalWants);
}

/** Column widths and positions; measured once per table, language and shares in a document (asked for page fit and for drawing). */
function tableGeometry(doc: Doc, table: TableNode, lang: LayoutLanguage, shares?: number[]): Geometry {
  const { tables } = layoutOf(doc);
  let forTable = tables.get(table);
  if (!forTable) tables.set(table, (forTable = new Map()));
  const key = `${lang} ${shares?.join(' ') ?? ''}`;
  let geometry = forTable.get(key);
  if (!geometry) forTable.set(key, (geometry = measureTable(doc, table, lang, shares)));
  return geometry;
}

function measureTable(doc: Doc, table: TableNode, lang: LayoutLanguage, shares?: number[]): Geometry {
  const left = PAGE.margins.left;
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  let widths: number[];
  if (shares) {
    const total = shares.reduce((a, b) => a + b, 0);
    widths = shares.map((p) => (full * p) / total);
  } else widths = contentWidths(doc, table, lang, full);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { widths, xs };
}

function rowHeightOf(doc: Doc, cells: string[], font: 'Body' | 'Bold', widths: number[]): number {
  return Math.max(...cells.map((c, i) => textHeight(doc, font, STYLE.table, c, widths[i] - 2 * CELL_PAD))) + 2 * CELL_PAD;
}

/** The width of each column of a table as drawn. */
export const tableColumnWidths = (doc: Doc, table: TableNode, lang: LayoutLanguage, shares?: number[]): number[] => [
  ...tableGeometry(doc, table, lang, shares).widths,
];

/** The height of a table's heading row and first row: what must fit on a page for the table to start there. */
export function tableStartHeight(doc: Doc, table: TableNode, lang: LayoutLanguage, shares?: number[]): number {
  const { widths } = tableGeometry(doc, table, lang, shares);
  return (
    rowHeightOf(
      doc,
      table.headings.map((h) => inLang(h, lang)),
      'Bold',
      widths,
    ) +
    (table.rows[0]
      ? rowHeightOf(
          doc,
          table.rows[0].map((c) => inLang(c, lang)),
          'Body',
          widths,
        )
      : 0)
  );
}

/**
 * A table across the page; its heading row never ends a page and is repeated at the top of every page it continues
 * on. `shares` are the columns' relative widths; without them the widths follow the content.
 */
export function drawTable(doc: Doc, table: TableNode, lang: LayoutLanguage, shares?: number[]): void {
  const { widths, xs } = tableGeometry(doc, table, lang, shares);
  const pad = CELL_PAD;
  const rowHeight = (cells: string[], font: 'Body' | 'Bold'): number => rowHeightOf(doc, cells, font, widths);
  const drawRow = (cells: string[], font: 'Body' | 'Bold'): void => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.rect(xs[i], y, widths[i], h).lineWidth(0.5).stroke('#888888');
      doc
        .font(font)
        .fontSize(STYLE.table)
        .fillColor('black')
        .text(c, xs[i] + pad, y + pad, { width: widths[i] - 2 * pad });
    });
    doc.y = y + h;
  };
  const header = table.headings.map((h) => inLang(h, lang));
  ensureRoom(doc, tableStartHeight(doc, table, lang, shares));
  drawRow(header, 'Bold');
  for (const row of table.rows) {
    const cells = row.map((c) => inLang(c, lang));
    if (doc.y + rowHeight(cells, 'Body') > bottom(doc)) {
      doc.addPage();
      drawRow(header, 'Bold');
    }
    drawRow(cells, 'Body');
  }
  doc.y += 6;
}

// pdfkit's font as its documents hold it: the parsed font file, and the shaped words by text.
interface EmbeddedFont {
  font: object;
  layoutCache: Record<string, unknown>;
}
const sharedFonts = new Map<string, { font: object; layouts: Record<string, unknown>; documents: number }>();
// Words shaped and kept per font and thread before the cache starts over: names and amounts differ between documents.
const LAYOUT_CACHE_WORDS = 20_000;

/**
 * pdfkit would parse the font file and shape every word again in each document (most of a render's time): each thread
 * parses a font once and shares it, and the shaped words, with every document it renders. A parsed font is only read
 * from, and a word shaped in one font always comes out the same, so a document's bytes do not change.
 */
function useSharedFont(doc: Doc, name: 'Body' | 'Bold', file: string): void {
  const shared = sharedFonts.get(name);
  // pdfkit takes an already parsed (fontkit) font as the source of a font, as it takes a file.
  doc.registerFont(name, (shared?.font ?? join(FONTS, file)) as string);
  doc.font(name);
  const embedded = (doc as unknown as { _font: EmbeddedFont })._font;
  // Counting the words takes time: every 32nd document.
  if (!shared || (++shared.documents % 32 === 0 && Object.keys(shared.layouts).length > LAYOUT_CACHE_WORDS)) {
    sharedFonts.set(name, { font: embedded.font, layouts: embedded.layoutCache, documents: 0 });
    return;
  }
  embedded.layoutCache = shared.layouts;
}

// pdfkit's page as its documents hold it while pages are buffered.
interface BufferedPage {
  content: ReturnType<Doc['ref']>;
  dictionary: { data: { Contents: unknown } };
}

/**
 * Buffered pages (for "page 2 of 14" footers) keep each page's content in memory as thousands of small chunks until the
 * document ends: garbage that lives long enough to cost a render about a tenth of its time. So each page's content
 * stream is ended (compressed and written out) when the next page starts, and what `finish` adds later goes into a
 * second content stream of the page: a page's content streams are read as one.
 */
function endPagesAsTheyFill(doc: Doc): () => void {
  const pages = (): BufferedPage[] => (doc as unknown as { _pageBuffer: BufferedPage[] })._pageBuffer;
  const ended = new WeakSet<BufferedPage>();
  const endContent = (page: BufferedPage): void => {
    if (ended.has(page)) return; // once: a second time would drop what was laid out
    ended.add(page);
    const filled = page.content;
    filled.end(undefined); // nothing more to add: compressed and written out now
    page.content = doc.ref({});
    page.content.write(''); // a stream even if nothing is added later: /Contents must never name a bare object
    page.dictionary.data.Contents = [filled, page.content];
  };
  doc.on('pageAdded', () => {
    const buffered = pages();
    if (buffered.length > 1) endContent(buffered[buffered.length - 2]);
  });
  return () => endContent(pages()[pages().length - 1]);
}

/** A new A4 document with the house fonts, and the promise of its bytes once it is ended. */
export function startDocument(info: { Title: string; Subject: string; createdAt: Date }): { doc: Doc; finished: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margins,
    bufferPages: true,
    pdfVersion: '1.7',
    font: '', // no Helvetica: pdfkit would read its metrics for every document, and every text here is in DejaVu
    info: { Title: info.Title, Subject: info.Subject, CreationDate: info.createdAt, ModDate: info.createdAt },
  });
  useSharedFont(doc, 'Bold', 'DejaVuSans-Bold.ttf');
  useSharedFont(doc, 'Body', 'DejaVuSans.ttf');
  layouts.set(doc, { heights: new Map(), tables: new Map(), endLastPage: endPagesAsTheyFill(doc) });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, finished };
}

/** Writes a footer on every page, then ends the document. */
export function finish(doc: Doc, footer: (page: number, pages: number) => string, onEachPage?: (doc: Doc) => void): void {
  layoutOf(doc).endLastPage();
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin would otherwise add a page (pdfkit#1240)
    doc
      .font('Body')
      .fontSize(STYLE.footer)
      .fillColor('#555555')
      .text(footer(i + 1, count), PAGE.margins.left, doc.page.height - margin / 2, {
        width: doc.page.width - PAGE.margins.left - PAGE.margins.right,
        align: 'center',
        lineBreak: false,
      });
    onEachPage?.(doc);
    doc.page.margins.bottom = margin;
  }
  doc.end();
}

// pdfkit's own number format (PDFObject.number).
const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * A QR code of `text` in the bottom-right corner, inside the bottom margin (about 19 mm): filled squares, no image, so the same text
 * always gives the same bytes. Medium error correction survives a printout's smudges.
 */
export function drawQr(doc: Doc, text: string, size = 54): void {
  // The same code is on every page of a document: drawn once as a form XObject, which each page places (a rect per
  // module through pdfkit on every page was a fifth of a render's garbage and a third of its page content).
  const layout = layoutOf(doc);
  let qr = layout.qr;
  if (qr?.text !== text || qr.size !== size) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const quiet = 2; // modules of white around it, inside the drawn square
    const cell = pdfNumber(size / (modules.size + quiet * 2));
    const squares: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) squares.push(`${pdfNumber((col + quiet) * cell)} ${pdfNumber((row + quiet) * cell)} ${cell} ${cell} re`);
      }
    }
    const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, size, size], Resources: {} });
    form.end(`1 1 1 rg\n0 0 ${size} ${size} re\nf\n0 0 0 rg\n${squares.join('\n')}\nf`);
    qr = layout.qr = { text, size, form };
  }
  const x = doc.page.width - PAGE.margins.right - size;
  // Just below the text area, clear of the paper's edge, which many printers cannot print.
  const y = doc.page.height - PAGE.margins.bottom + 2;
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects.Qr = qr.form;
  // The page's coordinates run downwards from the top (pdfkit's), as the form's rows do.
  doc.addContent(`q\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} cm\n/Qr Do\nQ`);
}
