import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The console's session: the JWT in an HttpOnly cookie that page scripts cannot read, sent only to the API.
 * CSRF: a cookie-authenticated write must carry `X-Kolabora-CSRF: 1`. A cross-site form cannot set a header, and a
 * cross-site fetch with one needs a CORS preflight this API never grants, so only the console's own pages can write.
 * (A custom header instead of a double-submit token: nothing to store, rotate or leak, and SameSite=Lax already keeps
 * the cookie off cross-site subresource requests.)
 */
export const SESSION_COOKIE = 'kolabora_session';
/** Beside it, readable by the page and holding nothing secret: tells the console a session exists, so it asks /me only then. */
export const SIGNED_IN_COOKIE = 'kolabora_signed_in';
export const CSRF_HEADER = 'x-kolabora-csrf';
const COOKIE_PATH = '/api';

/** The session cookie's token, if the request carries one. */
export function sessionCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Reads that change nothing need no CSRF header. */
export const isSafeMethod = (method: string): boolean => ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/** Secure when the request came over HTTPS (directly, or per X-Forwarded-Proto with TRUST_PROXY) or the public URL is HTTPS. */
function secure(request: FastifyRequest, publicUrl: string): boolean {
  return request.protocol === 'https' || publicUrl.startsWith('https://');
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  publicUrl: string,
): void {
  const flags = ['SameSite=Lax', ...(secure(request, publicUrl) ? ['Secure'] : [])];
  void reply.header('set-cookie', [
    [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, `Path=${COOKIE_PATH}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', ...flags].join('; '),
    [`${SIGNED_IN_COOKIE}=1`, 'Path=/', `Max-Age=${maxAgeSeconds}`, ...flags].join('; '),
  ]);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, publicUrl: string): void {
  const flags = ['SameSite=Lax', ...(secure(request, publicUrl) ? ['Secure'] : [])];
  void reply.header('set-cookie', [
    [`${SESSION_COOKIE}=`, `Path=${COOKIE_PATH}`, 'Max-Age=0', 'HttpOnly', ...flags].join('; '),
    [`${SIGNED_IN_COOKIE}=`, 'Path=/', 'Max-Age=0', ...flags].join('; '),
  ]);
}
