// The bench's HTML twin of an agreement PDF (src/agreements/pdf-layout.ts): the same text in the same A4 layout (two
// language columns, tables, signature blocks, the signature certificate, a footer and a QR code on every page, DejaVu
// Sans), for Chromium to print. Only for comparing the two ways of making the file; the service does not use it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import QRCode from 'qrcode';

const FONTS = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const both = (b) => `${b.id} / ${b.en}`;

const table = (t) =>
  `<table><thead><tr>${t.headings.map((h) => `<th>${esc(both(h))}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(both(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

const paragraph = (p, lang) =>
  `<div class="p"><span class="n">${esc(p.number)}</span><div>${p.text[lang] ? esc(p.text[lang]) : ''}${p.items
    .map((i) => `<div class="i"><span class="l">${esc(i.label)}</span>${esc(i.text[lang])}</div>`)
    .join('')}</div></div>`;

/** The page's HTML, and the footer template (page numbers and the QR code) Chromium prints on every page. */
export async function agreementHtml(doc, certificate) {
  const clauses = doc.clauses
    .map(
      (c) =>
        `<section><div class="cols"><h2>${esc(`${c.number}. ${c.heading.id}`)}</h2><h2>${esc(`${c.number}. ${c.heading.en}`)}</h2></div>${c.paragraphs
          .map((p) => `<div class="cols">${paragraph(p, 'id')}${paragraph(p, 'en')}</div>${p.tables.map(table).join('')}`)
          .join('')}</section>`,
    )
    .join('');
  const signatures = doc.parties
    .map(
      (p) =>
        `<div class="sig"><div>Untuk dan atas nama / For and on behalf of</div><b>${esc(p.legalName)}</b><div class="stamp">Meterai Rp10.000<br>e-meterai</div><div class="line"></div><div>${esc(p.signatory.name)}</div><div>${esc(p.signatory.title)}</div></div>`,
    )
    .join('');
  const cert = certificate
    ? `<section class="cert"><h1>Sertifikat Tanda Tangan / Signature Certificate</h1><p>${esc(doc.number)} · v${certificate.version}<br>SHA-256: ${certificate.sha256}<br>${doc.contentHash}</p>${table(
        {
          headings: ['Pihak / Party', 'Penanda tangan / Signer', 'Waktu / Time', 'IP', 'User agent'].map((h) => ({ id: h, en: h })),
          rows: certificate.signatures.map((s) =>
            [s.party, `${s.signerName}, ${s.signerTitle}`, s.at, s.ip ?? '-', s.userAgent ?? '-'].map((c) => ({ id: c, en: c })),
          ),
        },
      )}${table({
        headings: ['Waktu / Time', 'Peristiwa / Event', 'Oleh / By'].map((h) => ({ id: h, en: h })),
        rows: certificate.history.map((h) => [h.at, h.event, h.by].map((c) => ({ id: c, en: c }))),
      })}</section>`
    : '';
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face { font-family: 'DejaVu Sans'; src: url('file://${FONTS}/DejaVuSans.ttf'); }
@font-face { font-family: 'DejaVu Sans'; font-weight: bold; src: url('file://${FONTS}/DejaVuSans-Bold.ttf'); }
body { font: 9pt/1.25 'DejaVu Sans'; margin: 0; }
h1 { font-size: 14pt; text-align: center; margin: 0; } h2 { font-size: 9.5pt; margin: 8pt 0 4pt; }
.sub { text-align: center; color: #444; font-size: 11pt; } .no { text-align: center; margin: 6pt 0 18pt; }
.cols { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16pt; break-inside: avoid; }
.p { display: grid; grid-template-columns: 26pt 1fr; margin-bottom: 5pt; } .i { display: grid; grid-template-columns: 18pt 1fr; margin-top: 2pt; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; margin-bottom: 6pt; } th, td { border: 0.5pt solid #888; padding: 3pt; text-align: left; vertical-align: top; }
.sigs { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16pt; break-inside: avoid; margin-top: 12pt; }
.stamp { width: 96pt; height: 48pt; border: 0.5pt dashed #888; font-size: 6.5pt; color: #666; text-align: center; padding-top: 12pt; box-sizing: border-box; margin: 6pt 0; }
.cert p { word-break: break-all; }
.line { border-bottom: 0.5pt solid #000; height: 16pt; margin-bottom: 4pt; } .cert { break-before: page; }
</style></head><body><h1>${esc(doc.title.id)}</h1><div class="sub">${esc(doc.title.en)}</div><div class="no">Nomor ${esc(doc.number)} · Versi ${doc.version} / No. ${esc(doc.number)} · Version ${doc.version}</div>${clauses}<div class="sigs">${signatures}</div>${cert}</body></html>`;
  const qr = doc.verifyUrl ? await QRCode.toString(doc.verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : '';
  const footer = `<div style="font: 7px 'DejaVu Sans'; color: #555; width: 100%; margin: 0 50px; position: relative; text-align: center;">Halaman <span class="pageNumber"></span> dari <span class="totalPages"></span> / Page <span class="pageNumber"></span> of <span class="totalPages"></span> · ${esc(doc.number)} v${doc.version} · ${doc.contentHash.slice(0, 16)}<div style="position: absolute; right: 0; top: -20px; width: 54px; height: 54px;">${qr}</div></div>`;
  return { html, footer };
}
