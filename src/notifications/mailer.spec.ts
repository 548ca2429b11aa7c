import { describe, expect, it } from '@jest/globals';
import { unlinkForeignUrls } from './mailer.js';

const OURS = 'https://kolabora.example';

describe('unlinkForeignUrls', () => {
  it('keeps links to this service, also with a path, query or fragment', () => {
    for (const url of [OURS, `${OURS}/`, `${OURS}/invitations/abc`, `${OURS}?x=1`, `${OURS}#top`]) {
      expect(unlinkForeignUrls(`lihat ${url} ya`, OURS)).toBe(`lihat ${url} ya`);
    }
  });

  it('defangs a host that only starts like this service', () => {
    expect(unlinkForeignUrls('https://kolabora.example.evil.com/x', OURS)).toBe('kolabora[.]example[.]evil[.]com/x');
    expect(unlinkForeignUrls('https://kolabora.example@evil.com/', OURS)).not.toMatch(/https?:\/\//);
  });

  it('defangs other schemes, www. names and bare domains, but leaves email addresses and numbers alone', () => {
    expect(unlinkForeignUrls('ftp://files.example/a.zip', OURS)).toBe('files[.]example/a.zip');
    expect(unlinkForeignUrls('javascript://x.example', OURS)).toBe('x[.]example');
    expect(unlinkForeignUrls('Toko: WWW.Batik.example.', OURS)).toBe('Toko: WWW[.]Batik[.]example.');
    expect(unlinkForeignUrls('tokoku.co.id/promo', OURS)).toBe('tokoku[.]co[.]id/promo');
    expect(unlinkForeignUrls('email sari@tenun-sari.id, Rp15.000.000, versi 1.2', OURS)).toBe(
      'email sari@tenun-sari.id, Rp15.000.000, versi 1.2',
    );
  });
});
