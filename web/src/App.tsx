import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { api, call, onSessionExpired } from './api/client';
import { useI18n } from './i18n';
import { clearDrafts } from './lib/draft';
import { Link, match, navigate, useLocation } from './lib/router';
import { hasSessionMarker, useMe } from './lib/session';
import { ErrorNote, Loading } from './lib/ui';
import Home from './screens/Home';

// Every screen is its own chunk: the first visit loads the shell and the screen it opened. Home, the page most visits
// open, comes with the shell: a separate chunk cost a round trip (≈0.6 s on Fast 3G) before its first paint.
const Login = lazy(() => import('./screens/Login'));
const Signup = lazy(() => import('./screens/Signup'));
const Organization = lazy(() => import('./screens/Organization'));
const Collaboration = lazy(() => import('./screens/Collaboration'));
const NewCollaboration = lazy(() => import('./screens/NewCollaboration'));
const Checklist = lazy(() => import('./screens/Checklist'));
const Negotiation = lazy(() => import('./screens/Negotiation'));
const Agreement = lazy(() => import('./screens/Agreement'));
const Membership = lazy(() => import('./screens/Membership'));
const Partners = lazy(() => import('./screens/Partners'));
const Invitation = lazy(() => import('./screens/Invitation'));
const Review = lazy(() => import('./screens/Review'));
const Insights = lazy(() => import('./screens/Insights'));
const NotFound = lazy(() => import('./screens/NotFound'));

const PUBLIC = ['/login', '/signup'];
// Mailed links (to join an organization, to collaborate) are opened before logging in.
const isPublicPath = (path: string): boolean =>
  PUBLIC.includes(path) || path.startsWith('/memberships/') || path.startsWith('/invitations/');

function route(path: string) {
  if (path === '/') return <Home />;
  if (path === '/login') return <Login />;
  if (path === '/signup') return <Signup />;
  if (path === '/organization') return <Organization />;
  if (path === '/collaborations/new') return <NewCollaboration />;
  if (path === '/insights') return <Insights />;
  let params = match('/memberships/:token', path);
  if (params) return <Membership token={params.token} />;
  // The link sent to a contact not on Kolabora yet ($PUBLIC_URL/invitations/<token>; the service puts its text in the page).
  params = match('/invitations/:token', path);
  if (params) return <Invitation token={params.token} />;
  params = match('/collaborations/:id/edit', path);
  if (params) return <NewCollaboration id={params.id} />;
  params = match('/collaborations/:id/partners', path);
  if (params) return <Partners id={params.id} />;
  params = match('/collaborations/:id/negotiation', path);
  if (params) return <Negotiation id={params.id} />;
  params = match('/collaborations/:id/agreement', path);
  if (params) return <Agreement id={params.id} />;
  params = match('/collaborations/:id/review', path);
  if (params) return <Review id={params.id} />;
  params = match('/collaborations/:id/checklist', path);
  if (params) return <Checklist id={params.id} />;
  params = match('/collaborations/:id', path);
  if (params) return <Collaboration id={params.id} />;
  return <NotFound />;
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const { path, href } = useLocation();
  const me = useMe();
  const queryClient = useQueryClient();
  const main = useRef<HTMLElement>(null);
  const isPublic = isPublicPath(path);

  // An expired session: log in again, then come back to this very page.
  useEffect(
    () =>
      onSessionExpired(() => {
        queryClient.setQueryData(['me'], null);
        const here = window.location.pathname + window.location.search;
        if (!isPublicPath(window.location.pathname)) navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
      }),
    [queryClient],
  );
  useEffect(() => {
    if (me.data === null && !isPublic) navigate(`/login?next=${encodeURIComponent(href)}`, { replace: true });
  }, [me.data, isPublic, href]);
  // Focus the new page's heading after navigation, so screen readers announce it.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [path]);

  const logout = async (): Promise<void> => {
    await call(api.POST('/api/v1/auth/logout')).catch(() => undefined);
    queryClient.clear();
    clearDrafts();
    queryClient.setQueryData(['me'], null);
    navigate('/login');
  };

  // While /me is on its way, the marker cookie stands in for it, so the page renders without waiting a round trip.
  const signedIn = me.isPending ? hasSessionMarker() : Boolean(me.data);
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <Link href={signedIn ? '/' : '/login'} className="brand">
          Kolabora
        </Link>
        {signedIn && (
          <nav aria-label={t('nav.label')}>
            <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
              {t('nav.home')}
            </Link>
            <Link href="/collaborations/new" aria-current={path === '/collaborations/new' ? 'page' : undefined}>
              {t('nav.new')}
            </Link>
            <Link href="/organization" aria-current={path === '/organization' ? 'page' : undefined}>
              {t('nav.organization')}
            </Link>
            <Link href="/insights" aria-current={path === '/insights' ? 'page' : undefined}>
              {t('nav.insights')}
            </Link>
          </nav>
        )}
        {signedIn && (
          <button type="button" className="link logout" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        )}
        <button
          type="button"
          className="lang"
          onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
          aria-label={t('nav.language')}
          lang={lang === 'id' ? 'en' : 'id'}
        >
          {lang === 'id' ? 'EN' : 'ID'}
        </button>
      </header>
      <main id="main" ref={main}>
        {me.isPending && !signedIn ? (
          <Loading />
        ) : me.isError ? (
          <ErrorNote error={me.error} onRetry={() => void me.refetch()} />
        ) : !signedIn && !isPublic ? (
          <Loading />
        ) : (
          <Suspense fallback={<Loading />}>{route(path)}</Suspense>
        )}
      </main>
    </>
  );
}
