import { createHash, createPrivateKey, sign } from 'node:crypto';
import { children, contextTag, integer, octetString, oid, sequence, setOf, time } from '../config/der.js';
import { algorithm, OID, type SealKey } from '../config/seal-key.js';

/** A detached CMS SignedData (adbe.pkcs7.detached) over `digest`, with the signing time among the signed attributes. */
function cmsSignature(digest: Buffer, seal: SealKey, signedAt: Date): Buffer {
  const key = createPrivateKey(seal.key);
  const certificates = seal.certificates.map((c) => Buffer.from(c, 'base64'));
  const [tbs] = children(certificates[0]);
  const fields = children(tbs);
  const offset = fields[0][0] === 0xa0 ? 1 : 0; // the version field is absent in a v1 certificate
  const [serial, , issuer] = fields.slice(offset);
  const attributes = [
    sequence(oid(OID.contentType), setOf(oid(OID.data))),
    sequence(oid(OID.signingTime), setOf(time(signedAt))),
    sequence(oid(OID.messageDigest), setOf(octetString(digest))),
  ];
  // The signature covers the attributes encoded as a SET; they are sent under the [0] IMPLICIT tag.
  const signedAttributes = setOf(...attributes);
  const signature = sign('sha256', signedAttributes, key);
  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serial),
    algorithm(OID.sha256),
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    key.asymmetricKeyType === 'rsa' ? algorithm(OID.rsaEncryption, true) : algorithm(OID.ecdsaWithSha256),
    octetString(signature),
  );
  const signedData = sequence(
    integer(1),
    setOf(algorithm(OID.sha256)),
    sequence(oid(OID.data)),
    contextTag(0, ...certificates),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), contextTag(0, signedData));
}

// A PDF literal string of printable ASCII: anything else would need escapes the reason does not need.
const pdfText = (text: string): string => `(${text.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '\\$&')})`;
const pdfDate = (date: Date): string => `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** The dictionary of object `number` as written, without its `<< >>`, found through the xref table. */
function objectDictionary(pdf: Buffer, xrefAt: number, number: number): string {
  const table = pdf.toString('latin1', xrefAt, xrefAt + 64 + 20 * (number + 1));
  const section = /^xref\s+0\s+\d+\s+/.exec(table);
  if (!section) throw new Error('PDF seal: expected a single xref table from pdfkit');
  const offset = Number(table.slice(section[0].length + 20 * number, section[0].length + 20 * number + 10));
  const text = pdf.toString('latin1', offset, pdf.indexOf('endobj', offset, 'latin1'));
  const body = /^\s*\d+ 0 obj\s*<<([\s\S]*)>>\s*$/.exec(text);
  if (!body) throw new Error(`PDF seal: object ${number} is not a dictionary`);
  return body[1];
}

// Room for the CMS signature in /Contents beyond the certificates: the attributes, the signer and an RSA-4096 signature.
const SIGNATURE_ROOM = 3072;

/**
 * Seals a PDF as pdfkit wrote it: an incremental update adds an invisible signature field whose value signs every byte
 * of the file but the signature itself, with SHA-256 (PAdES, /SubFilter /adbe.pkcs7.detached). A reader then shows
 * whether the file changed since.
 */
export function sealPdf(pdf: Buffer, seal: SealKey, signedAt: Date, reason: string): Buffer {
  const tail = pdf.toString('latin1', Math.max(0, pdf.length - 1024));
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!trailer) throw new Error('PDF seal: no trailer');
  const xrefAt = Number(trailer[2]);
  const size = Number(/\/Size (\d+)/.exec(trailer[1])![1]);
  const root = Number(/\/Root (\d+) 0 R/.exec(trailer[1])![1]);
  const info = /\/Info \d+ 0 R/.exec(trailer[1])?.[0] ?? '';
  const id = /\/ID \[[^\]]*\]/.exec(trailer[1])?.[0] ?? '';
  const catalog = objectDictionary(pdf, xrefAt, root);
  if (catalog.includes('/AcroForm')) throw new Error('PDF seal: the document already has a form');
  const pagesRef = Number(/\/Pages (\d+) 0 R/.exec(catalog)![1]);
  const kids = /\/Kids \[([^\]]*)\]/.exec(objectDictionary(pdf, xrefAt, pagesRef))![1].match(/\d+(?= 0 R)/g)!;
  // The field's widget sits, invisible, on the last page: the signature certificate.
  const page = Number(kids[kids.length - 1]);
  const pageDictionary = objectDictionary(pdf, xrefAt, page);
  if (pageDictionary.includes('/Annots')) throw new Error('PDF seal: the last page already has annotations');

  const [signatureObject, fieldObject] = [size, size + 1];
  const certificatesLength = seal.certificates.reduce((sum, c) => sum + Buffer.byteLength(c, 'base64'), 0);
  const contentsLength = 2 * (certificatesLength + SIGNATURE_ROOM);
  const byteRangePlaceholder = `/ByteRange [0 ${' '.repeat(32)}]`;
  const objects: Array<[number, string]> = [
    [
      signatureObject,
      `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /adbe.pkcs7.detached\n${byteRangePlaceholder}\n` +
        `/Contents <${'0'.repeat(contentsLength)}>\n/M (${pdfDate(signedAt)})\n/Reason ${pdfText(reason)}\n>>`,
    ],
    [
      fieldObject,
      `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Kolabora seal)\n/F 132\n/Rect [0 0 0 0]\n/P ${page} 0 R\n/V ${signatureObject} 0 R\n>>`,
    ],
    [root, `<<${catalog}/AcroForm << /Fields [${fieldObject} 0 R] /SigFlags 3 >>\n>>`],
    [page, `<<${pageDictionary}/Annots [${fieldObject} 0 R]\n>>`],
  ];
  let update = '\n';
  const offsets = new Map<number, number>();
  for (const [number, body] of objects) {
    offsets.set(number, pdf.length + update.length);
    update += `${number} 0 obj\n${body}\nendobj\n`;
  }
  const xref = pdf.length + update.length;
  update += 'xref\n';
  for (const number of [...offsets.keys()].sort((a, b) => a - b)) {
    update += `${number} 1\n${String(offsets.get(number)).padStart(10, '0')} 00000 n \n`;
  }
  update += `trailer\n<<\n/Size ${size + 2}\n/Root ${root} 0 R\n${info}\n${id}\n/Prev ${xrefAt}\n>>\nstartxref\n${xref}\n%%EOF\n`;

  const file = Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
  const contentsAt = file.indexOf(`/Contents <${'0'.repeat(32)}`, pdf.length, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsAt + contentsLength + 2;
  const byteRange = `/ByteRange [0 ${contentsAt} ${contentsEnd} ${file.length - contentsEnd}`.padEnd(byteRangePlaceholder.length - 1) + ']';
  file.write(byteRange, file.indexOf(byteRangePlaceholder, pdf.length, 'latin1'), 'latin1');
  const digest = createHash('sha256').update(file.subarray(0, contentsAt)).update(file.subarray(contentsEnd)).digest();
  const signature = cmsSignature(digest, seal, signedAt).toString('hex');
  if (signature.length > contentsLength) throw new Error('PDF seal: the signature does not fit its placeholder');
  file.write(signature, contentsAt + 1, 'latin1');
  return file;
}
