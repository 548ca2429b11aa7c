import { type Bilingual, inLang, type LayoutLanguage } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { wibDateTime } from '../documents/format.js';
import {
  bottom,
  type Columns,
  columns,
  type Doc,
  drawQr,
  drawTable,
  ensureRoom,
  finish,
  GAP,
  PAGE,
  pageLabel,
  startDocument,
  STYLE,
} from '../documents/pdf-layout.js';
import { readTemplate } from '../documents/templates.js';
import type { AgreementDocument, ClauseNode, ParagraphNode } from './document.js';

interface Words {
  number: Bilingual;
  signatures: Record<'onBehalfOf' | 'ownRight' | 'stampDuty' | 'eStamp', Bilingual>;
  certificate: Record<
    'title' | 'version' | 'signedFile' | 'fingerprint' | 'party' | 'signer' | 'time' | 'ip' | 'userAgent' | 'history' | 'event' | 'by',
    Bilingual
  >;
}
const WORDS = readTemplate<Words>('agreements/words.json');

/** The last page of an executed copy: who signed which file, when and from where, and how the agreement got there. */
export interface SignatureCertificate {
  version: number;
  sha256: string;
  signatures: Array<{ party: string; signerName: string; signerTitle: string; at: string; ip: string | null; userAgent: string | null }>;
  history: Array<{ at: string; event: string; by: string }>;
}

const NUMBER_WIDTH = 26;
const ITEM_WIDTH = 18;

// An unnumbered paragraph (parties, recitals) starts at the margin: no empty number column.
const numberWidth = (p: ParagraphNode): number => (p.number ? NUMBER_WIDTH : 0);
const headingText = (c: ClauseNode, l: 'id' | 'en'): string => (c.number ? `${c.number}. ${c.heading[l]}` : c.heading[l]);

function paragraphHeight(doc: Doc, cols: Columns, p: ParagraphNode): number {
  doc.font('Body').fontSize(STYLE.body);
  const w = cols.width - numberWidth(p);
  return Math.max(
    ...cols.langs.map((l) => {
      const main = p.text[l] ? doc.heightOfString(p.text[l], { width: w }) : 0;
      return main + p.items.reduce((h, item) => h + doc.heightOfString(item.text[l], { width: w - ITEM_WIDTH }) + 2, 0);
    }),
  );
}

function headingHeight(doc: Doc, cols: Columns, c: ClauseNode): number {
  doc.font('Bold').fontSize(STYLE.heading);
  return Math.max(...cols.langs.map((l) => doc.heightOfString(headingText(c, l), { width: cols.width })));
}

function drawParagraph(doc: Doc, cols: Columns, p: ParagraphNode): void {
  const top = doc.y;
  let lowest = top;
  cols.langs.forEach((l, i) => {
    const x = cols.x[i];
    const indent = numberWidth(p);
    doc.font('Body').fontSize(STYLE.body);
    if (p.number) doc.text(p.number, x, top, { width: NUMBER_WIDTH, lineBreak: false });
    let y = top;
    if (p.text[l]) {
      doc.text(p.text[l], x + indent, y, { width: cols.width - indent });
      y = doc.y;
    }
    for (const item of p.items) {
      doc.text(item.label, x + indent, y + 2, { width: ITEM_WIDTH, lineBreak: false });
      doc.text(item.text[l], x + indent + ITEM_WIDTH, y + 2, { width: cols.width - indent - ITEM_WIDTH });
      y = doc.y;
    }
    lowest = Math.max(lowest, y);
  });
  doc.y = lowest + 5;
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
  const label = fillBoth(WORDS.number, { number: agreement.number, version: String(agreement.version) });
  doc.fillColor('black').font('Body').fontSize(STYLE.body).moveDown(0.5);
  doc.text(inLang(label, lang), x, doc.y, { width, align: 'center' });
  doc.moveDown(1.5);
}

const SIGNATURE_ROW = 170;

/** The height of the signature blocks, two parties to a row, with the space above them. */
const signaturesHeight = (doc: Doc, agreement: AgreementDocument): number =>
  doc.currentLineHeight(true) + Math.ceil(agreement.parties.length / 2) * SIGNATURE_ROW;

/** One block per party, side by side: on behalf of, a meterai box, the signature line, name and title. */
function drawSignatures(doc: Doc, agreement: AgreementDocument, lang: LayoutLanguage): void {
  const t = (key: keyof Words['signatures']): string => inLang(WORDS.signatures[key], lang);
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const width = (full - GAP) / 2;
  ensureRoom(doc, signaturesHeight(doc, agreement));
  doc.moveDown(1);
  const top = doc.y;
  agreement.parties.forEach((party, i) => {
    const x = PAGE.margins.left + (i % 2) * (width + GAP);
    const y = top + Math.floor(i / 2) * SIGNATURE_ROW;
    // An individual, or a UD's owner, signs in their own right: never "untuk dan atas nama" (issue 14 §2).
    const ownRight = ['individual', 'foreign_individual', 'ud'].includes(party.kind ?? '');
    doc
      .font('Body')
      .fontSize(STYLE.body)
      .text(t(ownRight ? 'ownRight' : 'onBehalfOf'), x, y, { width });
    doc.font('Bold').text(ownRight ? (party.partyName ?? party.legalName) : party.legalName, x, doc.y, { width });
    const box = doc.y + 6;
    doc.rect(x, box, 96, 48).lineWidth(0.5).dash(2, { space: 2 }).stroke('#888888').undash();
    doc
      .font('Body')
      .fontSize(6.5)
      .fillColor('#666666')
      .text(t('stampDuty'), x + 3, box + 12, { width: 90, align: 'center' });
    doc.text(t('eStamp'), x + 3, doc.y, { width: 90, align: 'center' });
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
  doc.y = top + Math.ceil(agreement.parties.length / 2) * SIGNATURE_ROW;
}

function drawCertificate(doc: Doc, agreement: AgreementDocument, certificate: SignatureCertificate): void {
  doc.addPage();
  const x = PAGE.margins.left;
  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const w = WORDS.certificate;
  const both = (text: Bilingual): string => inLang(text, 'bilingual');
  doc.font('Bold').fontSize(STYLE.subtitle).text(both(w.title), x, doc.y, { width, align: 'center' });
  doc.moveDown(0.8).font('Body').fontSize(STYLE.body);
  doc.text(`${agreement.number} · ${both(w.version)} ${certificate.version}`, x, doc.y, { width });
  doc.text(`SHA-256 (${both(w.signedFile)}): ${certificate.sha256}`, x, doc.y, { width });
  doc.text(`${both(w.fingerprint)}: ${agreement.contentHash}`, x, doc.y, { width });
  doc.moveDown(0.8);
  // Times in Jakarta time with dates in words, each language its own way; other cells are the same in both.
  const table = (headings: Bilingual[], rows: Array<Array<string | Bilingual>>): void =>
    drawTable(doc, { headings, rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? { id: c, en: c } : c))) }, 'bilingual');
  const wib = (iso: string): Bilingual => ({ id: wibDateTime(iso, 'id'), en: wibDateTime(iso, 'en') });
  table(
    [w.party, w.signer, w.time, w.ip, w.userAgent],
    certificate.signatures.map((s) => [s.party, `${s.signerName}, ${s.signerTitle}`, wib(s.at), s.ip ?? '-', s.userAgent ?? '-']),
  );
  doc.font('Bold').fontSize(STYLE.body).text(both(w.history), x, doc.y, { width });
  doc.moveDown(0.3);
  table(
    [w.time, w.event, w.by],
    certificate.history.map((h) => [wib(h.at), h.event, h.by]),
  );
}

function footerText(agreement: AgreementDocument, lang: LayoutLanguage, page: number, pages: number): string {
  return `${pageLabel(page, pages, lang)} · ${agreement.number} v${agreement.version} · ${agreement.contentHash.slice(0, 16)}`;
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
  agreement.clauses.forEach((clause, index) => {
    // A heading is never stranded: it goes to the next page with the start of its first paragraph. The last clause
    // goes with the signatures, so they never stand alone on a page (a page that could be swapped).
    const usable = bottom(doc) - PAGE.margins.top;
    const last = index === agreement.clauses.length - 1;
    const keep = last
      ? clause.paragraphs.reduce((sum, p) => sum + paragraphHeight(doc, cols, p) + 5, 4) + signaturesHeight(doc, agreement)
      : paragraphHeight(doc, cols, clause.paragraphs[0]);
    ensureRoom(doc, Math.min(headingHeight(doc, cols, clause) + 4 + keep, usable));
    const top = doc.y;
    cols.langs.forEach((l, i) =>
      doc.font('Bold').fontSize(STYLE.heading).text(headingText(clause, l), cols.x[i], top, { width: cols.width }),
    );
    doc.y = top + headingHeight(doc, cols, clause) + 4;
    for (const paragraph of clause.paragraphs) {
      ensureRoom(doc, Math.min(paragraphHeight(doc, cols, paragraph), usable));
      drawParagraph(doc, cols, paragraph);
      for (const table of paragraph.tables) drawTable(doc, table, lang);
    }
    doc.y += 4;
  });
  drawSignatures(doc, agreement, lang);
  if (certificate) drawCertificate(doc, agreement, certificate);
  const verifyUrl = agreement.verifyUrl;
  finish(doc, (page, pages) => footerText(agreement, lang, page, pages), verifyUrl ? (d) => drawQr(d, verifyUrl) : undefined);
  return finished;
}
