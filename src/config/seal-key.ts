import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { type SealKey, selfSignedSeal } from '../documents/pdf-seal.js';

export const SEAL_SUBJECT = 'Kolabora agreement seal';

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

/** The key, then the signer's certificate and any chain after it: the signer is the certificate of the key. */
function sealOf(key: KeyObject, certificates: Buffer[], where: string): SealKey {
  const signer = certificates.findIndex((der) => new X509Certificate(der).checkPrivateKey(key));
  if (signer === -1) throw new Error(`${where} holds no certificate for its private key`);
  const ordered = [certificates[signer], ...certificates.filter((_, i) => i !== signer)];
  return { key: key.export({ type: 'pkcs8', format: 'pem' }) as string, certificates: ordered.map((der) => der.toString('base64')) };
}

/** The seal from a PKCS#12 file (SEAL_P12_PATH); throws a one-line message saying what is wrong with it. */
export function sealFromP12(path: string, password: string): SealKey {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new Error(`SEAL_P12_PATH ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      cause: error,
    });
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file.toString('binary')), password);
  } catch (error) {
    throw new Error(`SEAL_P12_PATH ${path} cannot be opened with SEAL_P12_PASSWORD (a wrong password, or not a PKCS#12 file)`, {
      cause: error,
    });
  }
  const bags = p12.safeContents.flatMap((contents) => contents.safeBags);
  const toBuffer = (asn1: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  const keyBag = bags.find((bag) => bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag);
  if (!keyBag) throw new Error(`SEAL_P12_PATH ${path} holds no private key`);
  // forge reads RSA keys only; any other key (ECDSA) it hands over as its PKCS#8 structure.
  const key = keyBag.key
    ? createPrivateKey(forge.pki.privateKeyToPem(keyBag.key))
    : createPrivateKey({ key: toBuffer(keyBag.asn1 as forge.asn1.Asn1), format: 'der', type: 'pkcs8' });
  const certificates = bags
    .filter((bag) => bag.type === forge.pki.oids.certBag)
    .map((bag) => (bag.cert ? toBuffer(forge.pki.certificateToAsn1(bag.cert)) : toBuffer(bag.asn1 as forge.asn1.Asn1)));
  return sealOf(key, certificates, `SEAL_P12_PATH ${path}`);
}

/** The generated seal's file: the private key and the self-signed certificate, in PEM. */
export const generatedSealPem = (): string => {
  const seal = selfSignedSeal(SEAL_SUBJECT);
  return seal.key + seal.certificates.map((c) => pem('CERTIFICATE', Buffer.from(c, 'base64'))).join('');
};

export function sealFromPem(text: string, where: string): SealKey {
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/g)];
  const keyBlock = blocks.find((b) => b[1] === 'PRIVATE KEY');
  const certificates = blocks.filter((b) => b[1] === 'CERTIFICATE').map((b) => Buffer.from(b[2].replace(/\s/g, ''), 'base64'));
  if (!keyBlock || certificates.length === 0) throw new Error(`${where} does not hold a private key and a certificate in PEM`);
  return sealOf(createPrivateKey(keyBlock[0]), certificates, where);
}
