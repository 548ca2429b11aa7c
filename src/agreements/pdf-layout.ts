import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { AgreementDocument, ClauseNode, ParagraphNode, TableNode } from './document.js';
import type { Bilingual } from './template-language.js';

export type LayoutLanguage = 'id' | 'en' | 'bilingual';

/** The last page of an executed copy: who signed which file, when and from where, and how the agreement got there. */
export interface SignatureCertificate {
  version: number;
  sha256: string;
  signatures: Array<{ party: string; signerName: string; signerTitle: string; at: string; ip: string | null; userAgent: string | null }>;
  history: Array<{ at: string; event: string; by: string }>;
}

// DejaVu Sans from the dejavu-fonts-ttf package (its LICENSE ships with it): Unicode Latin, no system fonts.
const FONTS = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const PAGE = { size: 'A4' as const, margins: { top: 56, bottom: 72, left: 50, right: 50 } };
const GAP = 16; // between the Indonesian and English columns
const NUMBER_WIDTH = 26;
const ITEM_WIDTH = 18;
const STYLE = { body: 9, heading: 9.5, title: 14, subtitle: 11, footer: 7, table: 8 };

type Doc = InstanceType<typeof PDFDocument>;

interface Columns {
  langs: Array<'id' | 'en'>;
  x: number[];
  width: number;
}

function columns(doc: Doc, lang: LayoutLanguage): Columns {
  const left = PAGE.margins.left;
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  if (lang !== 'bilingual') return { langs: [lang], x: [left], width: full };
  const width = (full - GAP) / 2;
  return { langs: ['id', 'en'], x: [left, left + width + GAP], width };
}

const bottom = (doc: Doc): number => doc.page.height - PAGE.margins.bottom;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function paragraphHeight(doc: Doc, cols: Columns, p: ParagraphNode): number {
  doc.font('Body').fontSize(STYLE.body);
  const w = cols.width - NUMBER_WIDTH;
  return Math.max(
    ...cols.langs.map((l) => {
      const main = p.text[l] ? doc.heightOfString(p.text[l], { width: w }) : 0;
      return main + p.items.reduce((h, item) => h + doc.heightOfString(item.text[l], { width: w - ITEM_WIDTH }) + 2, 0);
    }),
  );
}

function headingHeight(doc: Doc, cols: Columns, c: ClauseNode): number {
  doc.font('Bold').fontSize(STYLE.heading);
  return Math.max(...cols.langs.map((l) => doc.heightOfString(`${c.number}. ${c.heading[l]}`, { width: cols.width })));
}

function drawParagraph(doc: Doc, cols: Columns, p: ParagraphNode): void {
  const top = doc.y;
  let lowest = top;
  cols.langs.forEach((l, i) => {
    const x = cols.x[i];
    doc.font('Body').fontSize(STYLE.body);
    doc.text(p.number, x, top, { width: NUMBER_WIDTH, lineBreak: false });
    let y = top;
    if (p.text[l]) {
      doc.text(p.text[l], x + NUMBER_WIDTH, y, { width: cols.width - NUMBER_WIDTH });
      y = doc.y;
    }
    for (const item of p.items) {
      doc.text(item.label, x + NUMBER_WIDTH, y + 2, { width: ITEM_WIDTH, lineBreak: false });
      doc.text(item.text[l], x + NUMBER_WIDTH + ITEM_WIDTH, y + 2, { width: cols.width - NUMBER_WIDTH - ITEM_WIDTH });
      y = doc.y;
    }
    lowest = Math.max(lowest, y);
  });
  doc.y = lowest + 5;
}

const cellText = (cell: Bilingual<string>, lang: LayoutLanguage): string =>
  lang === 'bilingual' ? (cell.id === cell.en ? cell.id : `${cell.id} / ${cell.en}`) : cell[lang];

/**
 * A table across the page; its heading row is repeated at the top of every page it continues on. `shares` are the
 * columns' relative widths (equal when not given).
 */
function drawTable(doc: Doc, table: TableNode, lang: LayoutLanguage, shares?: number[]): void {
  const left = PAGE.margins.left;
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const parts = shares ?? table.headings.map(() => 1);
  const total = parts.reduce((a, b) => a + b, 0);
  const widths = parts.map((p) => (full * p) / total);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const pad = 3;
  const rowHeight = (cells: string[], font: string): number => {
    doc.font(font).fontSize(STYLE.table);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string): void => {
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
  const header = table.headings.map((h) => cellText(h, lang));
  ensureRoom(
    doc,
    rowHeight(header, 'Bold') +
      (table.rows[0]
        ? rowHeight(
            table.rows[0].map((c) => cellText(c, lang)),
            'Body',
          )
        : 0),
  );
  drawRow(header, 'Bold');
  for (const row of table.rows) {
    const cells = row.map((c) => cellText(c, lang));
    if (doc.y + rowHeight(cells, 'Body') > bottom(doc)) {
      doc.addPage();
      drawRow(header, 'Bold');
    }
    drawRow(cells, 'Body');
  }
  doc.y += 6;
}

function drawTitle(doc: Doc, agreement: AgreementDocument, lang: LayoutLanguage): void {
  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const x = PAGE.margins.left;
  doc
    .font('Bold')
    .fontSize(STYLE.title)
    .text(lang === 'en' ? agreement.title.en : agreement.title.id, x, doc.y, { width, align: 'center' });
  if (lang === 'bilingual')
    doc.font('Body').fontSize(STYLE.subtitle).fillColor('#444444').text(agreement.title.en, x, doc.y, { width, align: 'center' });
  const label = {
    id: `Nomor ${agreement.number} · Versi ${agreement.version}`,
    en: `No. ${agreement.number} · Version ${agreement.version}`,
  };
  doc.fillColor('black').font('Body').fontSize(STYLE.body).moveDown(0.5);
  doc.text(lang === 'bilingual' ? `${label.id} / ${label.en}` : label[lang], x, doc.y, { width, align: 'center' });
  doc.moveDown(1.5);
}

/** One block per party, side by side: on behalf of, a meterai box, the signature line, name and title. */
function drawSignatures(doc: Doc, agreement: AgreementDocument, lang: LayoutLanguage): void {
  const t = (id: string, en: string): string => (lang === 'bilingual' ? `${id} / ${en}` : lang === 'id' ? id : en);
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const width = (full - GAP) / 2;
  ensureRoom(doc, 170);
  doc.moveDown(1);
  const top = doc.y;
  agreement.parties.forEach((party, i) => {
    const x = PAGE.margins.left + (i % 2) * (width + GAP);
    const y = top + Math.floor(i / 2) * 170;
    doc.font('Body').fontSize(STYLE.body).text(t('Untuk dan atas nama', 'For and on behalf of'), x, y, { width });
    doc.font('Bold').text(party.legalName, x, doc.y, { width });
    const box = doc.y + 6;
    doc.rect(x, box, 96, 48).lineWidth(0.5).dash(2, { space: 2 }).stroke('#888888').undash();
    doc
      .font('Body')
      .fontSize(6.5)
      .fillColor('#666666')
      .text(t('Meterai Rp10.000', 'Stamp duty Rp10.000'), x + 3, box + 12, { width: 90, align: 'center' });
    doc.text('e-meterai', x + 3, doc.y, { width: 90, align: 'center' });
    doc
      .fillColor('black')
      .moveTo(x, box + 70)
      .lineTo(x + width - 10, box + 70)
      .lineWidth(0.5)
      .stroke('#000000');
    doc
      .font('Body')
      .fontSize(STYLE.body)
      .text(party.signatory.name, x, box + 74, { width });
    doc.text(party.signatory.title, x, doc.y, { width });
  });
  doc.y = top + Math.ceil(agreement.parties.length / 2) * 170;
}

function drawCertificate(doc: Doc, agreement: AgreementDocument, certificate: SignatureCertificate): void {
  doc.addPage();
  const x = PAGE.margins.left;
  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  doc.font('Bold').fontSize(STYLE.subtitle).text('Sertifikat Tanda Tangan / Signature Certificate', x, doc.y, { width, align: 'center' });
  doc.moveDown(0.8).font('Body').fontSize(STYLE.body);
  doc.text(`${agreement.number} · Versi / Version ${certificate.version}`, x, doc.y, { width });
  doc.text(`SHA-256 (berkas yang ditandatangani / signed file): ${certificate.sha256}`, x, doc.y, { width });
  doc.text(`Sidik isi / Content fingerprint: ${agreement.contentHash}`, x, doc.y, { width });
  doc.moveDown(0.8);
  const table = (headings: Bilingual<string>[], rows: string[][]): void =>
    drawTable(doc, { headings, rows: rows.map((r) => r.map((c) => ({ id: c, en: c }))) }, 'bilingual');
  table(
    [
      { id: 'Pihak', en: 'Party' },
      { id: 'Penanda tangan', en: 'Signer' },
      { id: 'Waktu (UTC)', en: 'Time (UTC)' },
      { id: 'Alamat IP', en: 'IP address' },
      { id: 'Perangkat', en: 'User agent' },
    ],
    certificate.signatures.map((s) => [s.party, `${s.signerName}, ${s.signerTitle}`, s.at, s.ip ?? '-', s.userAgent ?? '-']),
  );
  doc.font('Bold').fontSize(STYLE.body).text('Riwayat tahap perjanjian / History of the agreement stage', x, doc.y, { width });
  doc.moveDown(0.3);
  table(
    [
      { id: 'Waktu (UTC)', en: 'Time (UTC)' },
      { id: 'Peristiwa', en: 'Event' },
      { id: 'Oleh', en: 'By' },
    ],
    certificate.history.map((h) => [h.at, h.event, h.by]),
  );
}

function footerText(agreement: AgreementDocument, lang: LayoutLanguage, page: number, pages: number): string {
  const pageLabel = { id: `Halaman ${page} dari ${pages}`, en: `Page ${page} of ${pages}` };
  const label = lang === 'bilingual' ? `${pageLabel.id} / ${pageLabel.en}` : pageLabel[lang];
  return `${label} · ${agreement.number} v${agreement.version} · ${agreement.contentHash.slice(0, 16)}`;
}

/** A new A4 document with the house fonts, and the promise of its bytes once it is ended. */
function startDocument(info: { Title: string; Subject: string; createdAt: Date }): { doc: Doc; finished: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margins,
    bufferPages: true,
    pdfVersion: '1.7',
    info: { Title: info.Title, Subject: info.Subject, CreationDate: info.createdAt, ModDate: info.createdAt },
  });
  doc.registerFont('Body', join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('Bold', join(FONTS, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, finished };
}

/** Writes a footer on every page, then ends the document. */
function finish(doc: Doc, footer: (page: number, pages: number) => string): void {
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
    doc.page.margins.bottom = margin;
  }
  doc.end();
}

/** Lays out an agreement as an A4 PDF. The same document and language give the same bytes. */
export function renderAgreementPdf(
  agreement: AgreementDocument,
  lang: LayoutLanguage,
  certificate?: SignatureCertificate,
): Promise<Buffer> {
  const { doc, finished } = startDocument({
    Title: `${agreement.title.id} / ${agreement.title.en}`,
    Subject: `${agreement.number} v${agreement.version}`,
    createdAt: agreement.createdAt,
  });
  const cols = columns(doc, lang);
  drawTitle(doc, agreement, lang);
  for (const clause of agreement.clauses) {
    // A heading is never stranded: it goes to the next page with the start of its first paragraph.
    const usable = bottom(doc) - PAGE.margins.top;
    ensureRoom(doc, Math.min(headingHeight(doc, cols, clause) + 4 + paragraphHeight(doc, cols, clause.paragraphs[0]), usable));
    const top = doc.y;
    cols.langs.forEach((l, i) =>
      doc.font('Bold').fontSize(STYLE.heading).text(`${clause.number}. ${clause.heading[l]}`, cols.x[i], top, { width: cols.width }),
    );
    doc.y = top + headingHeight(doc, cols, clause) + 4;
    for (const paragraph of clause.paragraphs) {
      ensureRoom(doc, Math.min(paragraphHeight(doc, cols, paragraph), usable));
      drawParagraph(doc, cols, paragraph);
      for (const table of paragraph.tables) drawTable(doc, table, lang);
    }
    doc.y += 4;
  }
  drawSignatures(doc, agreement, lang);
  if (certificate) drawCertificate(doc, agreement, certificate);
  finish(doc, (page, pages) => footerText(agreement, lang, page, pages));
  return finished;
}

/**
 * Horizontal bars drawn as vectors: one group per label, one bar per series. Each group has its own scale from zero
 * (its values may be in different units); `texts` print beside the bars, a null value draws no bar.
 */
export interface BarChart {
  series: Array<{ label: Bilingual<string>; color: string }>;
  groups: Array<{ label: Bilingual<string>; values: Array<number | null>; texts: string[] }>;
}

/** A short report (the IP checklist, the review): a title, then sections of bilingual notes, tables and charts. */
export interface ReportSection {
  heading: Bilingual<string>;
  notes?: Array<Bilingual<string>>;
  table?: TableNode & { shares?: number[] };
  chart?: BarChart;
  /** Bilingual notes as two paragraphs, Indonesian then English in grey, instead of one joined by " / " (long advice). */
  stacked?: boolean;
}

const BAR = { height: 9, gap: 2, groupGap: 7 };

/** The chart's height, to keep a short chart on one page with its heading. */
function chartHeight(doc: Doc, chart: BarChart, lang: LayoutLanguage): number {
  const labelWidth = (doc.page.width - PAGE.margins.left - PAGE.margins.right) * 0.34;
  doc.font('Body').fontSize(STYLE.table);
  const bars = chart.series.length * (BAR.height + BAR.gap);
  return chart.groups.reduce(
    (h, g) => h + Math.max(bars, doc.heightOfString(cellText(g.label, lang), { width: labelWidth })) + BAR.groupGap,
    18,
  );
}

function drawChart(doc: Doc, chart: BarChart, lang: LayoutLanguage): void {
  const left = PAGE.margins.left;
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const labelWidth = full * 0.34;
  const textWidth = full * 0.2;
  const area = { x: left + labelWidth + 6, width: full - labelWidth - textWidth - 12 };
  doc.font('Body').fontSize(STYLE.table);
  ensureRoom(doc, 14);
  let legendX = left;
  const legendY = doc.y;
  for (const s of chart.series) {
    doc.rect(legendX, legendY + 1, 8, 8).fill(s.color);
    const label = cellText(s.label, lang);
    doc.fillColor('black').text(label, legendX + 11, legendY, { lineBreak: false });
    legendX += 11 + doc.widthOfString(label) + 14;
  }
  doc.y = legendY + 14;
  for (const group of chart.groups) {
    const label = cellText(group.label, lang);
    const barsHeight = chart.series.length * (BAR.height + BAR.gap);
    const height = Math.max(barsHeight, doc.heightOfString(label, { width: labelWidth }));
    ensureRoom(doc, height + BAR.groupGap);
    const top = doc.y;
    doc.fillColor('black').text(label, left, top, { width: labelWidth });
    const known = group.values.filter((v): v is number => v !== null);
    const min = Math.min(0, ...known);
    const max = Math.max(0, ...known);
    const span = max - min || 1;
    const at = (v: number): number => area.x + ((v - min) / span) * area.width;
    group.values.forEach((value, i) => {
      const y = top + i * (BAR.height + BAR.gap);
      if (value !== null && value !== 0) {
        const [from, to] = [at(Math.min(0, value)), at(Math.max(0, value))];
        doc.rect(from, y, Math.max(to - from, 0.5), BAR.height).fill(chart.series[i].color);
      }
      doc
        .fillColor('black')
        .text(group.texts[i] ?? '', area.x + area.width + 6, y + 0.5, { width: textWidth, lineBreak: false, ellipsis: true });
    });
    doc
      .moveTo(at(0), top - 1)
      .lineTo(at(0), top + barsHeight - BAR.gap + 1)
      .lineWidth(0.6)
      .stroke('#333333');
    doc.y = top + height + BAR.groupGap;
  }
  doc.fillColor('black');
  doc.y += 4;
}
export interface Report {
  title: Bilingual<string>;
  subtitle: string;
  reference: string;
  createdAt: Date;
  sections: ReportSection[];
}

/** Lays out a report in the agreements' house style: same page, fonts, tables and footer. */
export function renderReportPdf(report: Report, lang: LayoutLanguage): Promise<Buffer> {
  const { doc, finished } = startDocument({
    Title: `${report.title.id} / ${report.title.en}`,
    Subject: report.reference,
    createdAt: report.createdAt,
  });
  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const x = PAGE.margins.left;
  const text = (b: Bilingual<string>): string => cellText(b, lang);
  doc
    .font('Bold')
    .fontSize(STYLE.title)
    .text(lang === 'en' ? report.title.en : report.title.id, x, doc.y, { width, align: 'center' });
  if (lang === 'bilingual')
    doc.font('Body').fontSize(STYLE.subtitle).fillColor('#444444').text(report.title.en, x, doc.y, { width, align: 'center' });
  doc.fillColor('black').font('Body').fontSize(STYLE.body).moveDown(0.5).text(report.subtitle, x, doc.y, { width, align: 'center' });
  doc.moveDown(1.2);
  const usable = bottom(doc) - PAGE.margins.top;
  for (const section of report.sections) {
    ensureRoom(doc, section.chart ? Math.min(30 + chartHeight(doc, section.chart, lang), usable) : 60);
    doc.font('Bold').fontSize(STYLE.heading).text(text(section.heading), x, doc.y, { width });
    doc.moveDown(0.3);
    for (const note of section.notes ?? []) {
      if (section.stacked && lang === 'bilingual' && note.id !== note.en) {
        doc.font('Body').fontSize(STYLE.body).text(note.id, x, doc.y, { width });
        doc.fillColor('#555555').text(note.en, x, doc.y, { width }).fillColor('black');
      } else {
        doc.font('Body').fontSize(STYLE.body).text(text(note), x, doc.y, { width });
      }
      doc.moveDown(0.2);
    }
    if (section.table) {
      doc.moveDown(0.2);
      drawTable(doc, section.table, lang, section.table.shares);
    }
    if (section.chart) {
      doc.moveDown(0.2);
      drawChart(doc, section.chart, lang);
    }
    doc.moveDown(0.6);
  }
  finish(doc, (page, pages) => {
    const label = { id: `Halaman ${page} dari ${pages}`, en: `Page ${page} of ${pages}` };
    return `${text(label)} · ${report.reference}`;
  });
  return finished;
}
