import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** An error answer of the API: {statusCode, code, message, details?}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Problems per field, from a VALIDATION_FAILED body's details.fields. */
  fieldProblems(): Record<string, string> {
    const fields = (this.details?.fields ?? []) as { field: string; problems: string[] }[];
    return Object.fromEntries(fields.map((f) => [f.field, f.problems.join('; ')]));
  }
}

/**
 * Cookie session: the browser sends the HttpOnly cookie; every write carries the CSRF header the API requires. Reads go
 * without it, as plain requests, so they can take the responses the page preloaded (index.html, kolabora-home-preload).
 */
const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-Kolabora-CSRF', '1');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** Listeners told when the API says the session is gone (the console then asks to log in and comes back). */
const expired = new Set<() => void>();
export const onSessionExpired = (listener: () => void): (() => void) => {
  expired.add(listener);
  return () => expired.delete(listener);
};

/** The data of an openapi-fetch result, or an ApiError; a lost connection becomes a NETWORK error in plain words. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const body = (error ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
    if (response.status === 401 && body.code === 'UNAUTHENTICATED') for (const listener of expired) listener();
    throw new ApiError(response.status, body.code ?? 'HTTP_' + response.status, body.message ?? response.statusText, body.details);
  }
  return data as T;
}

/** The body of POST /collaborations/:id/events: one of the lifecycle's events. */
export type EventBody = import('./schema').operations['CollaborationsController_send']['requestBody']['content']['application/json'];
