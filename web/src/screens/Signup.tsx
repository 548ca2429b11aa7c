import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../lib/router';
import { emptySignup, register, SignupFields } from '../lib/signup-form';
import { ErrorNote, Page } from '../lib/ui';
import { safeNext } from './Login';

/** User and organization in one step, as POST /auth/register takes them. */
export default function Signup() {
  const { t } = useI18n();
  const { query } = useLocation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(emptySignup);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await register(form);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      navigate(safeNext(query.get('next')), { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signup.title')}>
      <form onSubmit={(e) => void submit(e)} className="card narrow">
        <p className="hint">{t('signup.intro')}</p>
        <SignupFields values={form} onChange={setForm} error={error} />
        {error !== null && <ErrorNote error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.wait') : t('signup.submit')}
        </button>
        <p>
          {t('signup.haveAccount')} <Link href="/login">{t('signup.toLogin')}</Link>
        </p>
      </form>
    </Page>
  );
}
