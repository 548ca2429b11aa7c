import { api, ApiError, call } from '../api/client';
import { useI18n } from '../i18n';
import { legalFormOptions, LEGAL_FORMS, scaleOptions, SCALES, splitList } from './org-options';
import { Field, Select } from './ui';

/** A person and their organization, as POST /auth/register takes them (the sign-up page and an invitation use it). */
export type SignupValues = {
  name: string;
  email: string;
  password: string;
  orgName: string;
  legalForm: (typeof LEGAL_FORMS)[number];
  scale: (typeof SCALES)[number];
  city: string;
  brands: string;
  categories: string;
  instagram: string;
};

export const emptySignup = (): SignupValues => ({
  name: '',
  email: '',
  password: '',
  orgName: '',
  legalForm: 'cv',
  scale: 'small',
  city: '',
  brands: '',
  categories: '',
  instagram: '',
});

/** Registers and starts a cookie session. */
export const register = (values: SignupValues) =>
  call(
    api.POST('/api/v1/auth/register', {
      params: { query: { session: 'cookie' } },
      body: {
        name: values.name,
        email: values.email,
        password: values.password,
        organization: {
          name: values.orgName,
          legalForm: values.legalForm,
          scale: values.scale,
          city: values.city,
          brands: splitList(values.brands),
          categories: splitList(values.categories),
          instagram: values.instagram.trim() || null,
        },
      },
    }),
  );

/** The sign-up fields: you, then your organization; each field shows its own problem from a failed attempt. */
export function SignupFields({
  values,
  onChange,
  error,
}: {
  values: SignupValues;
  onChange: (values: SignupValues) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const set = (key: keyof SignupValues) => (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value });
  const problems = error instanceof ApiError ? error.fieldProblems() : {};
  const fieldError = (field: string): string | undefined =>
    problems[field] ?? (error instanceof ApiError && error.details?.field === field ? error.message : undefined);
  return (
    <>
      <fieldset>
        <legend>{t('signup.you')}</legend>
        <Field label={t('field.name')} autoComplete="name" required value={values.name} onChange={set('name')} error={fieldError('name')} />
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="email"
          required
          value={values.email}
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
          value={values.password}
          onChange={set('password')}
          error={fieldError('password')}
        />
      </fieldset>
      <fieldset>
        <legend>{t('signup.organization')}</legend>
        <Field label={t('org.name')} required value={values.orgName} onChange={set('orgName')} error={fieldError('organization.name')} />
        <Select label={t('org.legalForm')} options={legalFormOptions(t)} value={values.legalForm} onChange={set('legalForm')} />
        <Select label={t('org.scale')} options={scaleOptions(t)} value={values.scale} onChange={set('scale')} />
        <Field label={t('org.city')} required value={values.city} onChange={set('city')} error={fieldError('organization.city')} />
        <Field
          label={t('org.brands')}
          hint={t('common.commaList')}
          required
          value={values.brands}
          onChange={set('brands')}
          error={fieldError('organization.brands')}
        />
        <Field
          label={t('org.categories')}
          hint={t('org.categoriesHint')}
          required
          value={values.categories}
          onChange={set('categories')}
          error={fieldError('organization.categories')}
        />
        <Field
          label={t('org.instagram')}
          value={values.instagram}
          onChange={set('instagram')}
          error={fieldError('organization.instagram')}
        />
      </fieldset>
    </>
  );
}
