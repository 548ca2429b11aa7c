import { type Bilingual, inLang, type LayoutLanguage } from '../documents/bilingual.js';
import { fill, fillBoth } from '../documents/fill.js';
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
  tableStartHeight,
  textHeight,
} from '../documents/pdf-layout.js';
import { readTemplate } from '../documents/templates.js';
import { type AgreementDocument, type ClauseNode, type FreeTextNode, type Labels, type ParagraphNode, signatoryTitle } from './document.js';

interface Words {
  number: Bilingual;
  writtenIn: Record<'indonesian' | 'english', Bilingual>;
  signatures: Record<
    'onBehalfOf' | 'ownRight' | 'stampDuty' | 'eStamp' | 'place' | 'date' | 'electronic' | 'paper' | 'boxElectronic',
    Bilingual
  >;
  certificate: Record<
    | 'title'
    | 'version'
    | 'signedFile'
    | 'fingerprint'
    | 'party'
    | 'signer'
    | 'authority'
    | 'recordedSignatory'
    | 'statedBySigner'
    | 'account'
    | 'time'
    | 'place'
    | 'meterai'
    | 'serial'
    | 'executedNote'
    | 'ip'
    | 'userAgent'
    | 'history'
    | 'event'
    | 'by',
    Bilingual
  >;
}
const WORDS = readTemplate<Words>('agreements/words.json');
const LABELS = readTemplate<Labels>('agreements/labels.json');

/** One party's signature as the executed copy shows it: in its signature block and on the certificate. */
export interface CertificateSignature {
  /** The signature block it fills: 0 for the first party. */
  block: number;
  party: string;
  /** The recorded signatory the service named in the event (before issue 14: what the signer typed). */
  signerName: string;
  signerTitle: string;
  /** Whether the signer was the organization's recorded signatory (every signature since issue 14). */
  recordedSignatory: boolean;
  /** The account that signed: "name <email>", null once that account is erased. */
  account: string | null;
  at: string;
  place: string | null;
  meterai: { kind: 'electronic' | 'paper'; serial?: string } | null;
  ip: string | null;
  userAgent: string | null;
}

/** The last page of an executed copy: who signed which file, when and from where, and how the agreement got there. */
export interface SignatureCertificate {
  version: number;
  sha256: string;
  signatures: CertificateSignature[];
  history: Array<{ at: string; event: string; by: string }>;
}

const wib = (iso: string): Bilingual => ({ id: wibDateTime(iso, 'id'), en: wibDateTime(iso, 'en') });

/** The meterai as the signature block and the certificate name it: its kind, and its serial when there is one. */
function meteraiText(m: NonNullable<CertificateSignature['meterai']>): Bilingual {
  const serial = (lang: 'id' | 'en'): string => (m.serial ? `, ${WORDS.certificate.serial[lang]} ${m.serial}` : '');
  return { id: `${WORDS.signatures[m.kind].id}${serial('id')}`, en: `${WORDS.signatures[m.kind].en}${serial('en')}` };
}

const NUMBER_WIDTH = 26;
const ITEM_WIDTH = 18;

/** Where text printed once across both columns starts, and how wide it is: from the first column's text to the last column's edge. */
const spanOf = (cols: Columns): { x: number; width: number } => ({
  x: cols.x[0] + NUMBER_WIDTH,
  width: cols.x[cols.x.length - 1] + cols.width - cols.x[0] - NUMBER_WIDTH,
});

/** "(dalam bahasa Indonesia / in Indonesian)" after text in one language; nothing when a one-language copy is in that language. */
function languageNote(node: Extract<FreeTextNode, { kind: 'once' }>, cols: Columns): string {
  if (cols.langs.length === 1 && node.langs.length === 1 && node.langs[0] === cols.langs[0]) return '';
  const lang: LayoutLanguage = cols.langs.length === 1 ? cols.langs[0] : 'bilingual';
  return ` (${node.langs.map((l) => inLang(WORDS.writtenIn[l === 'id' ? 'indonesian' : 'english'], lang)).join('; ')})`;
}

function freeTextHeight(doc: Doc, cols: Columns, node: FreeTextNode): number {
  const height = (text: string, width: number): number => textHeight(doc, 'Body', STYLE.body, text, width);
  if (node.kind === 'columns') return Math.max(...cols.langs.map((l) => height(node.text[l], cols.width - NUMBER_WIDTH))) + 4;
  return height(node.text + languageNote(node, cols), spanOf(cols).width) + 4;
}

// An unnumbered paragraph (parties, recitals) starts at the margin: no empty number column.
const numberWidth = (p: ParagraphNode): number => (p.number ? NUMBER_WIDTH : 0);
const headingText = (c: ClauseNode, l: 'id' | 'en'): string => (c.number ? `${c.number}. ${c.heading[l]}` : c.heading[l]);

function paragraphHeight(doc: Doc, cols: Columns, p: ParagraphNode): number {
  const height = (text: string, width: number): number => textHeight(doc, 'Body', STYLE.body, text, width);
  const w = cols.width - numberWidth(p);
  return (
    Math.max(
      ...cols.langs.map((l) => {
        const main = p.text[l] ? height(p.text[l], w) : 0;
        return main + p.items.reduce((h, item) => h + height(item.text[l], w - ITEM_WIDTH) + 2, 0);
      }),
    ) + (p.texts ?? []).reduce((h, node) => h + freeTextHeight(doc, cols, node), 0)
  );
}

/** What must fit on a page with a paragraph: a table it introduces starts with it (heading row and first row). */
const keptHeight = (doc: Doc, cols: Columns, p: ParagraphNode, lang: LayoutLanguage): number =>
  paragraphHeight(doc, cols, p) + (p.tables[0] ? tableStartHeight(doc, p.tables[0], lang) + 5 : 0);

/** Text the parties typed: each language in its column, or once across both with a grey note of its language. */
function drawFreeText(doc: Doc, cols: Columns, node: FreeTextNode): void {
  const top = doc.y + 4;
  doc.font('Body').fontSize(STYLE.body).fillColor('black');
  if (node.kind === 'columns') {
    let lowest = top;
    cols.langs.forEach((l, i) => {
      doc.text(node.text[l], cols.x[i] + NUMBER_WIDTH, top, { width: cols.width - NUMBER_WIDTH });
      lowest = Math.max(lowest, doc.y);
    });
    doc.y = lowest;
    return;
  }
  const { x, width } = spanOf(cols);
  const note = languageNote(node, cols);
  doc.text(node.text, x, top, { width, continued: note !== '' });
  if (note) doc.fillColor('#555555').text(note).fillColor('black');
}

function headingHeight(doc: Doc, cols: Columns, c: ClauseNode): number {
  return Math.max(...cols.langs.map((l) => textHeight(doc, 'Bold', STYLE.heading, headingText(c, l), cols.width)));
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
  doc.y = lowest;
  for (const node of p.texts ?? []) drawFreeText(doc, cols, node);
  doc.y += 5;
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

const SIGNATURE_ROW = 215;

/** The height of the signature blocks, two parties to a row, with the space above them. */
const signaturesHeight = (doc: Doc, agreement: AgreementDocument): number =>
  doc.currentLineHeight(true) + Math.ceil(agreement.parties.length / 2) * SIGNATURE_ROW;

/**
 * One block per party, side by side: on behalf of, a meterai box, the signature line, name, title, place and date.
 * On the executed copy the place, date and meterai come from each party's signature record; blank lines otherwise.
 */
function drawSignatures(doc: Doc, agreement: AgreementDocument, lang: LayoutLanguage, signed: CertificateSignature[] = []): void {
  const t = (key: keyof Words['signatures']): string => inLang(WORDS.signatures[key], lang);
  const full = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const width = (full - GAP) / 2;
  ensureRoom(doc, signaturesHeight(doc, agreement));
  doc.moveDown(1);
  const top = doc.y;
  agreement.parties.forEach((party, i) => {
    const signature = signed.find((s) => s.block === i);
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
    doc.font('Body').fontSize(6.5).fillColor('#666666');
    if (signature?.meterai) {
      // The kind, then the serial on a line of its own: an e-meterai serial is too long to share one.
      const { kind, serial } = signature.meterai;
      const label = kind === 'electronic' ? WORDS.signatures.boxElectronic : WORDS.signatures.paper;
      doc.fillColor('black').text(inLang(label, lang), x + 3, box + 6, { width: 90, align: 'center' });
      if (serial)
        doc
          .moveDown(0.3)
          .fontSize(6)
          .text(serial, x + 2, doc.y, { width: 92, align: 'center', lineBreak: false });
    } else {
      doc.text(t('stampDuty'), x + 3, box + 12, { width: 90, align: 'center' });
      doc.text(t('eStamp'), x + 3, doc.y, { width: 90, align: 'center' });
    }
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
    doc.text(inLang(signatoryTitle(party.signatory.title, LABELS), lang), x, doc.y, { width });
    // Clause 1.1 dates the signatures "under each signature": a blank line to fill by hand on a printed copy.
    const blank = '______________________';
    doc.moveDown(0.4);
    doc.text(`${t('place')}: ${signature?.place ?? blank}`, x, doc.y, { width });
    // Both languages' dates on lines of their own: joined by " / " they broke mid-date ("WIB / 4 | January 2027").
    const signedAt = signature && wib(signature.at);
    const when = signedAt ? (lang === 'bilingual' ? `${signedAt.id}\n${signedAt.en}` : signedAt[lang]) : blank;
    doc.text(`${t('date')}: ${when}`, x, doc.y, { width });
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
  doc.moveDown(0.4).fontSize(STYLE.table).fillColor('#444444');
  doc.text(w.executedNote.id, x, doc.y, { width });
  doc.text(w.executedNote.en, x, doc.y, { width });
  doc.fillColor('black').fontSize(STYLE.body).moveDown(0.8);
  // Times in Jakarta time with dates in words, each language its own way; other cells are the same in both.
  const cell = (c: string | Bilingual): Bilingual => (typeof c === 'string' ? { id: c, en: c } : c);
  const table = (headings: Bilingual[], rows: Array<Array<string | Bilingual>>, shares?: number[]): void =>
    drawTable(doc, { headings, rows: rows.map((r) => r.map(cell)) }, 'bilingual', shares);
  // One two-column table per signature: too many facts for one row each.
  for (const s of certificate.signatures) {
    const title = signatoryTitle(s.signerTitle, LABELS);
    const authority = s.recordedSignatory ? w.recordedSignatory : w.statedBySigner;
    table(
      [w.party, cell(s.party)],
      [
        [w.signer, s.signerName],
        [
          w.authority,
          { id: fill(authority.id, { title: title.id, party: s.party }), en: fill(authority.en, { title: title.en, party: s.party }) },
        ],
        [w.account, s.account ?? '-'],
        [w.time, wib(s.at)],
        [w.place, s.place ?? '-'],
        [w.meterai, s.meterai ? meteraiText(s.meterai) : '-'],
        [w.ip, s.ip || '-'],
        [w.userAgent, s.userAgent || '-'],
      ],
      [1, 3],
    );
  }
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
      : keptHeight(doc, cols, clause.paragraphs[0], lang);
    ensureRoom(doc, Math.min(headingHeight(doc, cols, clause) + 4 + keep, usable));
    const top = doc.y;
    cols.langs.forEach((l, i) =>
      doc.font('Bold').fontSize(STYLE.heading).text(headingText(clause, l), cols.x[i], top, { width: cols.width }),
    );
    doc.y = top + headingHeight(doc, cols, clause) + 4;
    for (const paragraph of clause.paragraphs) {
      ensureRoom(doc, Math.min(keptHeight(doc, cols, paragraph, lang), usable));
      drawParagraph(doc, cols, paragraph);
      for (const table of paragraph.tables) drawTable(doc, table, lang);
    }
    doc.y += 4;
  });
  drawSignatures(doc, agreement, lang, certificate?.signatures);
  if (certificate) drawCertificate(doc, agreement, certificate);
  const verifyUrl = agreement.verifyUrl;
  finish(doc, (page, pages) => footerText(agreement, lang, page, pages), verifyUrl ? (d) => drawQr(d, verifyUrl) : undefined);
  return finished;
}
