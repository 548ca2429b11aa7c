import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../api/client';

/** The readable marker the API sets beside the HttpOnly session cookie: a session probably exists. */
export const hasSessionMarker = (): boolean => /(^|;\s*)kolabora_signed_in=1/.test(document.cookie);

/** Who is signed in: GET /me through the session cookie; null when nobody is. */
export const meQuery = {
  queryKey: ['me'],
  queryFn: async (): Promise<Schemas['MeResponseDto'] | null> => {
    // No marker cookie, no session: skip the request (and the 401 it would log) and show the login page.
    if (!hasSessionMarker()) return null;
    try {
      return await call(api.GET('/api/v1/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
};

export const useMe = () => useQuery(meQuery);
