import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../api/client';

/** Who is signed in: GET /me through the session cookie; null when nobody is. */
export function useMe() {
  return useQuery<Schemas['MeResponseDto'] | null>({
    queryKey: ['me'],
    queryFn: async () => {
      // No marker cookie, no session: skip the request (and the 401 it would log) and show the login page.
      if (!/(^|;\s*)kolabora_signed_in=1/.test(document.cookie)) return null;
      try {
        return await call(api.GET('/api/v1/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}
