import { api, call } from '../api/client';

// Home's queries, started by main.tsx (and preloaded by the page, index.html) before Home renders. Fresh for 5 s, so
// Home does not ask again on mounting what was fetched a moment earlier, yet Home opened again later asks anew: what
// the other party did meanwhile (an invitation, a signature) is not in this browser's writes, which invalidate them.
const FRESH = 5_000;
export const homeQueries = {
  collaborations: {
    queryKey: ['collaborations'],
    queryFn: () => call(api.GET('/api/v1/collaborations', { params: { query: { limit: 100 } } })),
    staleTime: FRESH,
  },
  reminders: {
    queryKey: ['reminders'],
    queryFn: () => call(api.GET('/api/v1/reminders', { params: { query: { within: '60d' } } })),
    staleTime: FRESH,
  },
  notifications: {
    queryKey: ['notifications'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { limit: 10 } } })),
    staleTime: FRESH,
  },
};
