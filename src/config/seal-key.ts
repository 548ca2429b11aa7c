import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { bitString, contextTag, der, integer, NULL, octetString, oid, sequence, setOf, time, utf8String } from './der.js';

export const SEAL_SUBJECT = 'Kolabora agreement seal';

/** The service's seal: a private key (PKCS#8 PEM) and its certificate chain (DER, base64), the signer's first. */
export interface SealKey {
  key: string;
  certificates: string[];
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
};

export const algorithm = (id: string, withNull = false): Buffer => sequence(oid(id), ...(withNull ? [NULL] : []));
export const signatureAlgorithm = (key: KeyObject): Buffer =>
  key.asymmetricKeyType === 'rsa' ? algorithm(OID.sha256WithRsa, true) : algorithm(OID.ecdsaWithSha256);

/**
 * A new ECDSA P-256 key and a self-signed certificate for it, valid 10 years: the seal a service without SEAL_P12_PATH
 * uses. It proves a file is unchanged since it was issued, not who issued it (no certificate authority vouches for it).
 */
export function selfSignedSeal(subject: string, now = new Date()): SealKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(
    setOf(sequence(oid(OID.organization), utf8String('Kolabora'))),
    setOf(sequence(oid(OID.commonName), utf8String(subject))),
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + 10);
  const tbs = sequence(
    contextTag(0, integer(2)),
    integer(serial),
    signatureAlgorithm(privateKey),
    name,
    sequence(time(now), time(until)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    contextTag(
      3,
      sequence(
        // keyUsage (critical): digitalSignature and nonRepudiation, the bits a document signature needs.
        sequence(oid(OID.keyUsage), der(0x01, Buffer.from([0xff])), octetString(der(0x03, Buffer.from([6, 0xc0])))),
        sequence(oid(OID.basicConstraints), octetString(sequence())),
      ),
    ),
  );
  const certificate = sequence(tbs, signatureAlgorithm(privateKey), bitString(sign('sha256', tbs, privateKey)));
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certificates: [certificate.toString('base64')] };
}

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

/** The key, then the signer's certificate and any chain after it: the signer is the certificate of the key. */
function sealOf(key: KeyObject, certificates: Buffer[], where: string): SealKey {
  // The CMS signature names rsaEncryption or ecdsa-with-SHA256 (pdf-seal.ts): other kinds of key would be mislabelled.
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    throw new Error(`${where} holds a key of type ${key.asymmetricKeyType}; a seal takes an RSA or ECDSA key`);
  }
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
