import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { startTestApp, type TestApp } from './support/app.js';
import type { Registered } from './support/factories.js';
import { driveTo, eventually, pair, send, view } from './support/lifecycle.js';

// jsqr is CommonJS whose types claim an ES default export: under Node's ESM loader the function is the module itself.
type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: JsQR = (jsQRModule as unknown as { default?: JsQR }).default ?? (jsQRModule as unknown as JsQR);

/** The QR code in the bottom-right corner of every page, read from the page rendered at 300 dpi by poppler. */
function qrCodes(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kolabora-qr-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    // A4 is 595 × 842 pt: the corner 150 × 100 pt, in pixels at 300 dpi.
    const crop = ['-x', '1854', '-y', '3092', '-W', '625', '-H', '417'];
    const run = spawnSync('pdftoppm', ['-r', '300', '-png', ...crop, join(dir, 'doc.pdf'), join(dir, 'page')]);
    if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr.toString()}`);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => {
        const png = PNG.sync.read(readFileSync(join(dir, f)));
        return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? `no QR on ${f}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Issue 14 §1: a QR code on every page of versions and executed copies, leading to a public page without party data.
describe('the public verification page behind the QR code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '50', PUBLIC_URL: 'https://kolabora.example' });
  });
  afterAll(async () => t?.close());

  const download = (who: Registered, path: string) =>
    t
      .http()
      .get(path)
      .set(who.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
  const publicPage = (fingerprint: string) => t.http({ unchecked: 'an HTML page outside the API document' }).get(`/v/${fingerprint}`);

  it('links every page to /v/<fingerprint>, which shows the status as signatures come in, and no party data', async () => {
    const parties = await pair(t);
    const id = await driveTo(t, parties, 'agreement');
    const [version] = (await t.http().get(`/api/v1/collaborations/${id}/agreements`).set(parties.initiator.auth).expect(200)).body.items;
    const url = `https://kolabora.example/v/${version.contentHash}`;
    const pdf = (await download(parties.partner, `/api/v1/collaborations/${id}/agreements/1/pdf`)).body as Buffer;
    const codes = qrCodes(pdf);
    expect(codes.length).toBeGreaterThan(1);
    expect(new Set(codes)).toEqual(new Set([url]));

    const generated = await publicPage(version.contentHash)
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(generated.text).toContain('Dibuat, belum ditandatangani');
    expect(generated.text).toContain('Generated, not signed yet');
    expect(generated.text).toContain(version.contentHash);
    const agreement = (await view(t, parties.initiator, id)).context.agreement;
    for (const privateDetail of ['CV Lookout Kreasi', 'CV Batik Kita', 'Jl. Braga', '9120001234567', 'Dewi Lestari']) {
      expect(generated.text).not.toContain(privateDetail);
    }

    const sign = { type: 'agreement.sign', version: agreement.version, sha256: agreement.sha256 };
    expect((await send(t, parties.initiator, id, { ...sign, meterai: { kind: 'paper' } })).status).toBe(200);
    expect((await publicPage(version.contentHash).expect(200)).text).toContain('Signed by 1 of 2 parties');
    expect((await send(t, parties.partner, id, { ...sign, meterai: { kind: 'paper' } })).status).toBe(200);
    await eventually(t, parties.initiator, id, (v) => Boolean(v.context.checklist));
    let executed: Buffer | undefined;
    for (let i = 0; i < 100 && !executed; i++) {
      const res = await t.http().get(`/api/v1/collaborations/${id}/agreements/1/executed.pdf`).set(parties.initiator.auth);
      if (res.status === 200) executed = (await download(parties.initiator, `/api/v1/collaborations/${id}/agreements/1/executed.pdf`)).body;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(new Set(qrCodes(executed!))).toEqual(new Set([url]));
    const done = await publicPage(version.contentHash).expect(200);
    expect(done.text).toContain('Berlaku: ditandatangani oleh semua pihak');
    expect(done.text).toMatch(/\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    // Two documents of 10–11 pages rendered and QR-decoded page by page: ~20 s alone, near 30 s on a loaded machine.
  }, 90_000);

  it('answers 404 for a fingerprint it does not hold, and for anything that is not one', async () => {
    expect((await publicPage('0'.repeat(64)).expect(404)).text).toContain('Kolabora holds no agreement');
    await publicPage('not-a-fingerprint').expect(404);
  });
});
