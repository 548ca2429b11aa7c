import { api, call } from '../api/client';

// Home's queries, in the entry chunk so the first load can start them while Home's own chunk is still on its way.
export const homeQueries = {
  collaborations: {
    queryKey: ['collaborations'],
    queryFn: () => call(api.GET('/api/v1/collaborations', { params: { query: { limit: 100 } } })),
  },
  reminders: { queryKey: ['reminders'], queryFn: () => call(api.GET('/api/v1/reminders', { params: { query: { within: '60d' } } })) },
  notifications: {
    queryKey: ['notifications'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { limit: 10 } } })),
  },
};
