import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { digestBody, type PdfDigest } from './pdf-body.js';

function digest(chunks: Buffer[], limit: number, contentLength = NaN): Promise<PdfDigest> {
  const stream = new PassThrough();
  const result = new Promise<PdfDigest>((resolve, reject) =>
    digestBody(stream, limit, contentLength, (error, body) => (error ? reject(error) : resolve(body!))),
  );
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return result;
}

describe('digestBody', () => {
  it('hashes the body chunk by chunk: the sha256 and size of the whole', async () => {
    const chunks = Array.from({ length: 50 }, () => randomBytes(65_536));
    await expect(digest(chunks, 20 * 1024 * 1024)).resolves.toEqual({
      sha256: createHash('sha256').update(Buffer.concat(chunks)).digest('hex'),
      bytes: 50 * 65_536,
    });
  });

  it('refuses a body over the limit as Fastify does (413), from Content-Length or while it streams', async () => {
    const tooLarge = { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 };
    await expect(digest([Buffer.alloc(10)], 100, 101)).rejects.toMatchObject(tooLarge);
    await expect(digest([Buffer.alloc(60), Buffer.alloc(41)], 100)).rejects.toMatchObject(tooLarge);
    await expect(digest([Buffer.alloc(60), Buffer.alloc(40)], 100)).resolves.toMatchObject({ bytes: 100 });
  });
});
