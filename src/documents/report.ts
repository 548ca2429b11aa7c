import { type Bilingual, inLang, type LayoutLanguage } from './bilingual.js';
import { bottom, type Doc, drawTable, ensureRoom, finish, PAGE, pageLabel, startDocument, STYLE, type TableNode } from './pdf-layout.js';

/**
 * Horizontal bars drawn as vectors: one group per label, one bar per series. Each group has its own scale from zero
 * (its values may be in different units); `texts` print beside the bars, a null value draws no bar.
 */
export interface BarChart {
  series: Array<{ label: Bilingual; color: string }>;
  groups: Array<{ label: Bilingual; values: Array<number | null>; texts: string[] }>;
}

/** A short report (the IP checklist, the review): a title, then sections of bilingual notes, tables and charts. */
export interface ReportSection {
  heading: Bilingual;
  notes?: Array<Bilingual>;
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
    (h, g) => h + Math.max(bars, doc.heightOfString(inLang(g.label, lang), { width: labelWidth })) + BAR.groupGap,
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
    const label = inLang(s.label, lang);
    doc.fillColor('black').text(label, legendX + 11, legendY, { lineBreak: false });
    legendX += 11 + doc.widthOfString(label) + 14;
  }
  doc.y = legendY + 14;
  for (const group of chart.groups) {
    const label = inLang(group.label, lang);
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
  title: Bilingual;
  subtitle: string;
  reference: string;
  createdAt: Date;
  sections: ReportSection[];
}

/** Lays out a report in the house style of pdf-layout.ts: the agreements' page, fonts, tables and footer. */
export function renderReportPdf(report: Report, lang: LayoutLanguage): Promise<Buffer> {
  const { doc, finished } = startDocument({
    Title: `${report.title.id} / ${report.title.en}`,
    Subject: report.reference,
    createdAt: report.createdAt,
  });
  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const x = PAGE.margins.left;
  const text = (b: Bilingual): string => inLang(b, lang);
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
    return `${pageLabel(page, pages, lang)} · ${report.reference}`;
  });
  return finished;
}
