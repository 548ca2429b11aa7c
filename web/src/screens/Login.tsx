import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { hasDraftAt } from '../lib/draft';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNote, Field, Page } from '../lib/ui';

/** Only a path inside the console is a place to come back to (never another site). */
export const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export default function Login() {
  const { t } = useI18n();
  const { query } = useLocation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(query.get('next'));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/login', { params: { query: { session: 'cookie' } }, body: { email, password } }));
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure); // what was typed stays in the form
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('login.title')}>
      <form onSubmit={(e) => void submit(e)} className="card narrow">
        {next !== '/' && <p className="hint">{t('login.comeBack')}</p>}
        {hasDraftAt(next) && <p className="hint">{t('session.draftKept')}</p>}
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error !== null && <ErrorNote error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.wait') : t('login.submit')}
        </button>
        <p>
          {t('login.noAccount')}{' '}
          <Link href={`/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('login.toSignup')}</Link>
        </p>
      </form>
    </Page>
  );
}
