import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAgreementPdf } from '../src/agreements/pdf-layout.js';
import { TemplateRegistry } from '../src/agreements/template-registry.js';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { sealPdf } from '../src/documents/pdf-seal.js';
import { pdfText } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/app.js';
import { driveTo, pair } from './support/lifecycle.js';

// The executed copy carries a PAdES signature by the service; poppler's pdfsig checks it as any reader would.
describe('sealed executed copy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kolabora-seal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pdfsig = (pdf: Buffer, name: string): string => {
    const file = join(dir, name);
    writeFileSync(file, pdf);
    return spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
  };

  /** Drives a collaboration until both parties have signed, and downloads the executed copy over HTTP. */
  async function executedCopy(t: TestApp): Promise<{ id: string; pdf: Buffer }> {
    const p = await pair(t);
    const id = await driveTo(t, p, 'ipChecklist');
    for (let i = 0; i < 100; i++) {
      const res = await t
        .http()
        .get(`/api/v1/collaborations/${id}/agreements/1/executed.pdf`)
        .set(p.partner.auth)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      if (res.status === 200) return { id, pdf: res.body as Buffer };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no executed copy');
  }

  describe('with the generated seal', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => t.close());

    it('pdfsig finds the issued file validly signed, and one changed byte of page content breaks it', async () => {
      const { pdf } = await executedCopy(t);
      const report = pdfsig(pdf, 'executed.pdf');
      expect(report).toContain('Signer Certificate Common Name: Kolabora agreement seal');
      expect(report).toContain('Signature Type: adbe.pkcs7.detached');
      expect(report).toContain('Signing Hash Algorithm: SHA-256');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      // Self-signed: no certificate authority vouches for it, and pdfsig says so.
      expect(report).toContain('Certificate Validation: Certificate issuer is unknown.');
      // The certificate tells a reader the file is sealed, in both languages.
      const readable = (await pdfText(pdf)).join(' ');
      expect(readable).toContain('Kolabora menyegel berkas salinan ini secara elektronik (PAdES)');
      expect(readable).toContain("Kolabora seals this copy's file electronically (PAdES)");

      // The stored hash is of the sealed bytes: /verify still knows the file as the executed copy.
      const verified = await t.http().post('/api/v1/verify').set('Content-Type', 'application/pdf').send(pdf).expect(200);
      expect(verified.body).toMatchObject({ genuine: true, kind: 'executed', sha256: createHash('sha256').update(pdf).digest('hex') });

      // One byte inside the first page's (first) content stream, well before the signature.
      const tampered = Buffer.from(pdf);
      const text = pdf.toString('latin1');
      const contents = /\/Type \/Page\n[^>]*?\/Contents \[?(\d+) 0 R/.exec(text)![1];
      const at = text.indexOf('stream\n', text.indexOf(`\n${contents} 0 obj\n`)) + 'stream\n'.length + 10;
      expect(at).toBeLessThan(pdf.lastIndexOf('/Contents <'));
      tampered[at] ^= 0x01;
      const broken = pdfsig(tampered, 'tampered.pdf');
      expect(broken).toContain('Signature Validation: Digest Mismatch.');
      expect(broken).not.toContain('Signature is Valid');
    });

    it('keeps the generated seal in DATA_DIR/seal.pem (mode 0600) and reuses it on the next start', async () => {
      const file = join(t.env.DATA_DIR, 'seal.pem');
      const first = readFileSync(file, 'utf8');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(first).toContain('-----BEGIN PRIVATE KEY-----');
      const second = await startTestApp({}, { shareWith: t });
      try {
        expect(second.config.seal).toEqual(t.config.seal);
        expect(readFileSync(file, 'utf8')).toBe(first);
      } finally {
        await second.close();
      }
    });
  });

  describe('with SEAL_P12_PATH', () => {
    let p12: string;
    beforeAll(() => {
      // An organization's own seal, as a CA would issue it: RSA in a PKCS#12 file with OpenSSL's defaults (AES, PBKDF2).
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '3650',
          '-subj',
          '/CN=CV Batik Kita Seal/O=Batik Kita',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      p12 = join(dir, 'seal.p12');
      execFileSync(
        'openssl',
        ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-out', p12, '-passout', 'pass:kain-tenun'],
        {
          stdio: 'ignore',
        },
      );
    });

    it('seals with the configured key and certificate, generating no seal file', async () => {
      const t = await startTestApp({ SEAL_P12_PATH: p12, SEAL_P12_PASSWORD: 'kain-tenun' });
      try {
        const { pdf } = await executedCopy(t);
        const report = pdfsig(pdf, 'configured.pdf');
        expect(report).toContain('Signer Certificate Common Name: CV Batik Kita Seal');
        expect(report).toContain('Signature Validation: Signature is Valid.');
        expect(() => statSync(join(t.env.DATA_DIR, 'seal.pem'))).toThrow();
      } finally {
        await t.close();
      }
    });

    it('takes an ECDSA key too (forge reads only RSA keys; the others come as PKCS#8)', async () => {
      const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
      openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'ec.pem'));
      openssl(
        'req',
        '-x509',
        '-key',
        join(dir, 'ec.pem'),
        '-days',
        '3650',
        '-subj',
        '/CN=CV Lookout EC Seal',
        '-out',
        join(dir, 'ec-cert.pem'),
      );
      openssl(
        'pkcs12',
        '-export',
        '-inkey',
        join(dir, 'ec.pem'),
        '-in',
        join(dir, 'ec-cert.pem'),
        '-out',
        join(dir, 'ec.p12'),
        '-passout',
        'pass:ec',
      );
      const { seal } = loadConfig({ DATA_DIR: join(dir, 'data'), SEAL_P12_PATH: join(dir, 'ec.p12'), SEAL_P12_PASSWORD: 'ec' });
      const registry = new TemplateRegistry();
      const template = registry.forForm('nda');
      const document = registry.document(template, template.sample, new Date('2027-01-04T00:00:00Z'));
      const pdf = sealPdf(await renderAgreementPdf(document, 'bilingual'), seal, new Date('2027-01-04T02:00:00Z'), 'Test');
      const report = pdfsig(pdf, 'ec.pdf');
      expect(report).toContain('Signer Certificate Common Name: CV Lookout EC Seal');
      expect(report).toContain('Signature Validation: Signature is Valid.');
    });

    it('stops the start with one line when the file cannot be read or opened, or holds a key a seal cannot use', () => {
      const start = (env: Record<string, string>): string => {
        try {
          loadConfig({ DATA_DIR: join(dir, 'data'), ...env });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return (error as Error).message;
        }
        throw new Error('started');
      };
      expect(start({ SEAL_P12_PATH: p12, SEAL_P12_PASSWORD: 'salah' })).toBe(
        `Invalid configuration: SEAL_P12_PATH ${p12} cannot be opened with SEAL_P12_PASSWORD (a wrong password, or not a PKCS#12 file)`,
      );
      expect(start({ SEAL_P12_PATH: join(dir, 'missing.p12') })).toBe(
        `Invalid configuration: SEAL_P12_PATH ${join(dir, 'missing.p12')} cannot be read (ENOENT)`,
      );
      expect(start({ SEAL_P12_PATH: join(dir, 'cert.pem'), SEAL_P12_PASSWORD: 'kain-tenun' })).toMatch(
        /cannot be opened with SEAL_P12_PASSWORD/,
      );
      expect(start({ SEAL_P12_PASSWORD: 'kain-tenun' })).toBe('Invalid configuration: SEAL_P12_PASSWORD is set without SEAL_P12_PATH');
      // A key the CMS signature cannot name (Ed25519) is refused at start, not when the first copy is sealed.
      const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
      openssl('genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'ed.pem'));
      openssl('req', '-x509', '-key', join(dir, 'ed.pem'), '-days', '10', '-subj', '/CN=Ed', '-out', join(dir, 'ed-cert.pem'));
      openssl(
        'pkcs12',
        '-export',
        '-inkey',
        join(dir, 'ed.pem'),
        '-in',
        join(dir, 'ed-cert.pem'),
        '-out',
        join(dir, 'ed.p12'),
        '-passout',
        'pass:x',
      );
      expect(start({ SEAL_P12_PATH: join(dir, 'ed.p12'), SEAL_P12_PASSWORD: 'x' })).toBe(
        `Invalid configuration: SEAL_P12_PATH ${join(dir, 'ed.p12')} holds a key of type ed25519; a seal takes an RSA or ECDSA key`,
      );
    });
  });
});
