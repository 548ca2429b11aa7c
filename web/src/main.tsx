import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import { hasSessionMarker, meQuery } from './lib/session';
import { homeQueries } from './screens/home-queries';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // An answer the server gave (4xx) will not change on a retry; a lost connection might.
    queries: { retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500) },
    // A save while offline fails at once with the NETWORK note (the form keeps its contents), not a silent pause.
    mutations: { networkMode: 'always' },
  },
});

// First paint on a phone: who is signed in, and (on Home) its data, are asked for at once, not one after the other.
const first = [queryClient.prefetchQuery(meQuery)];
if (window.location.pathname === '/' && hasSessionMarker()) {
  first.push(
    queryClient.prefetchQuery(homeQueries.collaborations),
    queryClient.prefetchQuery(homeQueries.reminders),
    queryClient.prefetchQuery(homeQueries.notifications),
  );
}
// The page preloaded these reads (index.html), so they are usually here before this script runs: wait a moment for
// them and paint Home once, complete, rather than its placeholders first; a slow answer never holds the page long.
const ready = first.length > 1 ? Promise.race([Promise.allSettled(first), new Promise((resolve) => setTimeout(resolve, 150))]) : null;

function render(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <App />
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
if (ready) void ready.then(render);
else render();
