import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, call } from '../api/client';
import { useI18n } from '../i18n';
import { legalFormOptions, LEGAL_FORMS, scaleOptions, SCALES, splitList } from '../lib/org-options';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNote, Field, Page, Select } from '../lib/ui';
import { safeNext } from './Login';

/** User and organization in one step, as POST /auth/register takes them. */
export default function Signup() {
  const { t } = useI18n();
  const { query } = useLocation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    email: '',
    password: '',
    orgName: '',
    legalForm: 'cv' as (typeof LEGAL_FORMS)[number],
    scale: 'small' as (typeof SCALES)[number],
    city: '',
    brands: '',
    categories: '',
    instagram: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const problems = error instanceof ApiError ? error.fieldProblems() : {};
  const fieldError = (field: string): string | undefined =>
    problems[field] ?? (error instanceof ApiError && error.details?.field === field ? error.message : undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/auth/register', {
          params: { query: { session: 'cookie' } },
          body: {
            name: form.name,
            email: form.email,
            password: form.password,
            organization: {
              name: form.orgName,
              legalForm: form.legalForm,
              scale: form.scale,
              city: form.city,
              brands: splitList(form.brands),
              categories: splitList(form.categories),
              instagram: form.instagram.trim() || null,
            },
          },
        }),
      );
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
        <fieldset>
          <legend>{t('signup.you')}</legend>
          <Field label={t('field.name')} autoComplete="name" required value={form.name} onChange={set('name')} error={fieldError('name')} />
          <Field
            label={t('field.email')}
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={set('email')}
            error={fieldError('email')}
          />
          <Field
            label={t('field.password')}
            hint={t('signup.passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={form.password}
            onChange={set('password')}
            error={fieldError('password')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('signup.organization')}</legend>
          <Field label={t('org.name')} required value={form.orgName} onChange={set('orgName')} error={fieldError('organization.name')} />
          <Select label={t('org.legalForm')} options={legalFormOptions(t)} value={form.legalForm} onChange={set('legalForm')} />
          <Select label={t('org.scale')} options={scaleOptions(t)} value={form.scale} onChange={set('scale')} />
          <Field label={t('org.city')} required value={form.city} onChange={set('city')} error={fieldError('organization.city')} />
          <Field
            label={t('org.brands')}
            hint={t('common.commaList')}
            required
            value={form.brands}
            onChange={set('brands')}
            error={fieldError('organization.brands')}
          />
          <Field
            label={t('org.categories')}
            hint={t('org.categoriesHint')}
            required
            value={form.categories}
            onChange={set('categories')}
            error={fieldError('organization.categories')}
          />
          <Field
            label={t('org.instagram')}
            value={form.instagram}
            onChange={set('instagram')}
            error={fieldError('organization.instagram')}
          />
        </fieldset>
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
