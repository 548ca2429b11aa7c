import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n';
import { useDraft } from '../../lib/draft';
import { FORMS } from '../../lib/elements';
import { splitList } from '../../lib/org-options';
import { ErrorNote, Field, formatDate, Loading, Select } from '../../lib/ui';

type Org = Schemas['OrganizationWithRoleDto'];
type Profile = Schemas['PartnerProfileResponseDto'];
type Body = Schemas['UpdateOrganizationDto'];

// The API's vocabularies (src/organizations/dto/partner-profile.dto.ts).
const PRICE_TIERS = ['budget', 'mid', 'premium'] as const;
const CHANNELS = ['offline_store', 'marketplace', 'instagram', 'tiktok', 'website', 'consignment'] as const;
const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55+'] as const;

const fromProfile = (p: Profile | null | undefined) => ({
  listed: p?.listed ?? false,
  story: p?.story ?? '',
  priceTier: p?.priceTier ?? 'mid',
  ageBands: p?.audience.ageBands ?? [],
  femalePercent: p?.audience.femalePercent?.toString() ?? '',
  cities: p?.audience.cities.join(', ') ?? '',
  instagram: p?.audience.followers.instagram?.toString() ?? '',
  tiktok: p?.audience.followers.tiktok?.toString() ?? '',
  capacityPerMonth: p?.capacityPerMonth.toString() ?? '',
  leadTimeDays: p?.leadTimeDays.toString() ?? '',
  channels: (p?.channels ?? []) as string[],
  tags: p?.tags.join(', ') ?? '',
  openToForms: (p?.openToForms ?? []) as string[],
});

/** The public directory profile: what other founders see when they look for a partner; listing is opt-in. */
export function DirectoryProfile({ org }: { org: Org }) {
  const { t } = useI18n();
  const full = useQuery({
    queryKey: ['organization', org.id],
    queryFn: () => call(api.GET('/api/v1/organizations/{id}', { params: { path: { id: org.id } } })),
  });
  return (
    <section className="card" aria-labelledby="directory-title">
      <h2 id="directory-title">{t('directory.title')}</h2>
      <p className="why">{t('directory.why')}</p>
      {full.isPending ? (
        <Loading />
      ) : full.isError ? (
        <ErrorNote error={full.error} onRetry={() => void full.refetch()} />
      ) : (
        <ProfileForm org={org} profile={full.data.profile} />
      )}
    </section>
  );
}

function ProfileForm({ org, profile }: { org: Org; profile: Profile | null }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm, clearDraft] = useDraft('directory', fromProfile(profile));
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const toggle = (key: 'ageBands' | 'channels' | 'openToForms', value: string) =>
    setForm({ ...form, [key]: form[key].includes(value) ? form[key].filter((v) => v !== value) : [...form[key], value] });
  const save = useMutation({
    mutationFn: () => {
      const count = (text: string): number => Number(text.trim() || 'NaN');
      const optional = (text: string): number | undefined => (text.trim() ? Number(text) : undefined);
      return call(
        api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id: org.id } },
          // (as Body: the generated schema types these enum arrays of the request as single values; the API takes arrays)
          body: {
            profile: {
              listed: form.listed,
              story: form.story,
              priceTier: form.priceTier as (typeof PRICE_TIERS)[number],
              audience: {
                ageBands: form.ageBands,
                femalePercent: optional(form.femalePercent),
                cities: splitList(form.cities),
                followers: { instagram: optional(form.instagram), tiktok: optional(form.tiktok) },
              },
              capacityPerMonth: count(form.capacityPerMonth),
              leadTimeDays: count(form.leadTimeDays),
              channels: form.channels as (typeof CHANNELS)[number][],
              tags: splitList(form.tags),
              openToForms: form.openToForms as (typeof FORMS)[number][],
            },
          } as unknown as Body,
        }),
      );
    },
    onSuccess: async (saved) => {
      clearDraft();
      queryClient.setQueryData(['organization', org.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const problems = save.error instanceof ApiError ? save.error.fieldProblems() : {};
  const p = (field: string): string | undefined => problems[`profile.${field}`];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    save.mutate();
  };
  const editable = org.role !== 'member';
  const storyId = useId();
  return (
    <form onSubmit={submit}>
      {profile?.listedAt && profile.listed && (
        <p className="hint">{t('directory.listedSince', { date: formatDate(profile.listedAt, lang) })}</p>
      )}
      <fieldset className="plain" disabled={!editable}>
        <label className="choice">
          <input type="checkbox" checked={form.listed} onChange={(e) => setForm({ ...form, listed: e.target.checked })} />
          <span>{t('directory.listed')}</span>
        </label>
        <div className="field">
          <label htmlFor={storyId}>{t('directory.story')}</label>
          <textarea id={storyId} maxLength={2000} value={form.story} onChange={set('story')} aria-invalid={p('story') ? true : undefined} />
          {p('story') && (
            <p className="field-error" role="alert">
              {p('story')}
            </p>
          )}
        </div>
        <Select
          label={t('directory.priceTier')}
          options={PRICE_TIERS.map((value) => ({ value, label: t(`priceTier.${value}` as MessageKey) }))}
          value={form.priceTier}
          onChange={set('priceTier')}
        />
        <Checkboxes
          legend={t('directory.ageBands')}
          values={AGE_BANDS}
          label={(v) => v}
          checked={form.ageBands}
          onToggle={(v) => toggle('ageBands', v)}
          error={p('audience.ageBands')}
        />
        <Field
          label={t('directory.femalePercent')}
          type="number"
          min={0}
          max={100}
          inputMode="decimal"
          value={form.femalePercent}
          onChange={set('femalePercent')}
          error={p('audience.femalePercent')}
        />
        <Field
          label={t('directory.cities')}
          hint={t('common.commaList')}
          value={form.cities}
          onChange={set('cities')}
          error={p('audience.cities')}
        />
        <Field
          label={t('directory.instagram')}
          type="number"
          min={0}
          inputMode="numeric"
          value={form.instagram}
          onChange={set('instagram')}
          error={p('audience.followers.instagram')}
        />
        <Field
          label={t('directory.tiktok')}
          type="number"
          min={0}
          inputMode="numeric"
          value={form.tiktok}
          onChange={set('tiktok')}
          error={p('audience.followers.tiktok')}
        />
        <Field
          label={t('directory.capacity')}
          type="number"
          min={0}
          inputMode="numeric"
          required
          value={form.capacityPerMonth}
          onChange={set('capacityPerMonth')}
          error={p('capacityPerMonth')}
        />
        <Field
          label={t('directory.leadTime')}
          type="number"
          min={0}
          max={365}
          inputMode="numeric"
          required
          value={form.leadTimeDays}
          onChange={set('leadTimeDays')}
          error={p('leadTimeDays')}
        />
        <Checkboxes
          legend={t('directory.channels')}
          values={CHANNELS}
          label={(v) => t(`channel.${v}` as MessageKey)}
          checked={form.channels}
          onToggle={(v) => toggle('channels', v)}
          error={p('channels')}
        />
        <Field label={t('directory.tags')} hint={t('common.commaList')} value={form.tags} onChange={set('tags')} error={p('tags')} />
        <Checkboxes
          legend={t('directory.openToForms')}
          values={FORMS}
          label={(v) => t(`form.${v}` as MessageKey)}
          checked={form.openToForms}
          onToggle={(v) => toggle('openToForms', v)}
          error={p('openToForms')}
        />
      </fieldset>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">{t('common.saved')}</p>}
      {editable && (
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('common.wait') : t('directory.save')}
        </button>
      )}
    </form>
  );
}

function Checkboxes({
  legend,
  values,
  label,
  checked,
  onToggle,
  error,
}: {
  legend: string;
  values: readonly string[];
  label: (value: string) => string;
  checked: string[];
  onToggle: (value: string) => void;
  error?: string;
}) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="choice">
          <input type="checkbox" checked={checked.includes(value)} onChange={() => onToggle(value)} />
          <span>{label(value)}</span>
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
