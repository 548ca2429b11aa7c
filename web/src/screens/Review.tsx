import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { api, ApiError, call, type EventBody, type Schemas } from '../api/client';
import { type MessageKey, useI18n } from '../i18n';
import { useDraft } from '../lib/draft';
import { KPI_INPUTS, kpisBody, requiredFor } from '../lib/review-inputs';
import { Link } from '../lib/router';
import { Empty, ErrorNote, Field, formatDate, Loading, Page, Select } from '../lib/ui';

type ReviewView = Schemas['ReviewViewDto'];
type Party = Schemas['PartyReviewDto'];
type Evaluation = Schemas['KpiEvaluationDto'];
type Computed = { value: number | null; reason: string | null };

const RATINGS = ['communication', 'commitment', 'quality', 'timeliness'] as const;
const OUTCOMES = ['followerGrowthPct', 'engagementRatePct', 'ctrPct', 'netRevenue', 'profit', 'marginPct', 'roiPct'] as const;
const RUPIAH_OUTCOMES = new Set(['netRevenue', 'profit']);
const RUPIAH_KPIS = new Set(['net_revenue', 'profit']);

/** Screen 10: the KPI form from the review plan, then outcomes, charts, recommendations and the PDF. */
export default function Review({ id }: { id: string }) {
  const { t } = useI18n();
  const review = useQuery({
    queryKey: ['review', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/review', { params: { path: { id } } })),
  });
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
  });
  const back = <Link href={`/collaborations/${id}`}>{t('review.back')}</Link>;
  if (review.isPending || view.isPending) return <Page title={t('review.title')}>{<Loading />}</Page>;
  if (review.isError || view.isError)
    return (
      <Page title={t('review.title')} actions={back}>
        <ErrorNote
          error={review.error ?? view.error}
          onRetry={() => {
            void review.refetch();
            void view.refetch();
          }}
        />
      </Page>
    );
  const data = review.data;
  const canSubmit = view.data.allowedEvents.includes('review.submit');
  return (
    <Page title={t('review.titleOf', { title: data.title })} actions={back}>
      <Status review={data} />
      {canSubmit && <KpiForm review={data} collaboration={view.data} />}
      <div className="grid">
        {data.parties
          .filter((p) => p.evaluations || p.outcomes)
          .map((p) => (
            <PartyOutcomes key={p.organizationId} party={p} />
          ))}
        <Recommendations review={data} />
      </div>
    </Page>
  );
}

function Status({ review }: { review: ReviewView }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby="review-status">
      <h2 id="review-status">{t('review.status')}</h2>
      <ul className="list">
        {review.parties.map((p) => (
          <li key={p.organizationId}>
            <strong>{p.name}</strong> <span className="badge">{t(`partyRole.${p.role}` as MessageKey)}</span>
            <br />
            <span className="hint">
              {t(`review.party.${p.status}` as MessageKey)}
              {p.submittedAt && ` · ${formatDate(p.submittedAt, lang)}`}
            </span>
          </li>
        ))}
      </ul>
      {!review.revealed && <p className="hint">{t('review.hiddenUntil')}</p>}
      <p>
        <a className="button" href={`/api/v1/collaborations/${review.collaborationId}/review.pdf?lang=${lang}`} download>
          {t('review.pdf')}
        </a>
      </p>
    </section>
  );
}

const labelOf = (path: string): MessageKey => `reviewField.${path.split('.').pop()}` as MessageKey;

function KpiForm({ review, collaboration }: { review: ReviewView; collaboration: Schemas['CollaborationViewDto'] }) {
  const { t, tx } = useI18n();
  const queryClient = useQueryClient();
  const required = requiredFor(review.plan.map((k) => k.key));
  const [form, setForm, clearDraft] = useDraft('review', {
    values: {} as Record<string, string>,
    ratings: {} as Record<string, string>,
    lessons: '',
  });
  const submit = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id: collaboration.id }, header: { 'If-Match': `"${collaboration.version}"` } },
          body: {
            type: 'review.submit',
            kpis: kpisBody(form.values),
            ratings: Object.fromEntries(
              Object.entries(form.ratings)
                .filter(([, v]) => v)
                .map(([k, v]) => [k, Number(v)]),
            ),
            lessons: form.lessons.trim(),
          } as EventBody,
        }),
      ),
    onSuccess: async (next) => {
      clearDraft();
      queryClient.setQueryData(['collaboration', collaboration.id], next);
      await queryClient.invalidateQueries({ queryKey: ['review', collaboration.id] });
      await queryClient.invalidateQueries({ queryKey: ['history', collaboration.id] });
    },
  });
  const problems = submit.error instanceof ApiError ? submit.error.fieldProblems() : {};
  const asked = KPI_INPUTS.filter(([path]) => required.has(path));
  const optional = KPI_INPUTS.filter(([path]) => !required.has(path));
  const input = ([path, kind]: (typeof KPI_INPUTS)[number]) => (
    <Field
      key={path}
      label={t(labelOf(path))}
      hint={kind === 'percent' ? t('review.percentHint') : undefined}
      type="number"
      inputMode={kind === 'percent' ? 'decimal' : 'numeric'}
      min={0}
      max={kind === 'percent' ? 100 : undefined}
      step={kind === 'percent' ? 'any' : 1}
      required={required.has(path)}
      value={form.values[path] ?? ''}
      onChange={(e) => setForm({ ...form, values: { ...form.values, [path]: e.target.value } })}
      error={problems[path]}
    />
  );
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    submit.mutate();
  };
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('review.form')}</h2>
      <p className="why">{t('review.formWhy')}</p>
      <p className="hint">{t('review.rupiahHint')}</p>
      {review.plan.length > 0 && (
        <p className="hint">{t('review.planned', { kpis: review.plan.map((k) => tx(`kpi.${k.key}`, k.key)).join(' · ') })}</p>
      )}
      {asked.length > 0 && (
        <fieldset>
          <legend>{t('review.required')}</legend>
          <div className="row-fields">{asked.map(input)}</div>
        </fieldset>
      )}
      <details open={asked.length === 0}>
        <summary>{t('review.otherFigures')}</summary>
        <div className="row-fields">{optional.map(input)}</div>
      </details>
      <fieldset>
        <legend>{t('review.ratings')}</legend>
        <div className="row-fields">
          {RATINGS.map((r) => (
            <Select
              key={r}
              label={t(`review.rating.${r}` as MessageKey)}
              options={[{ value: '', label: '—' }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} / 5` }))]}
              value={form.ratings[r] ?? ''}
              onChange={(e) => setForm({ ...form, ratings: { ...form.ratings, [r]: e.target.value } })}
              error={problems[`ratings.${r}`]}
            />
          ))}
        </div>
      </fieldset>
      <Lessons value={form.lessons} onChange={(lessons) => setForm({ ...form, lessons })} error={problems.lessons} />
      {submit.isError && <ErrorNote error={submit.error} />}
      <button type="submit" className="primary" disabled={submit.isPending}>
        {submit.isPending ? t('common.wait') : t('event.review.submit')}
      </button>
    </form>
  );
}

function Lessons({ value, onChange, error }: { value: string; onChange: (text: string) => void; error?: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('review.lessons')}</label>
      <textarea id={id} value={value} maxLength={4000} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const number = (value: number, lang: string, rupiah = false): string =>
  (rupiah ? 'Rp ' : '') + value.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 });

function PartyOutcomes({ party }: { party: Party }) {
  const { t, tx, lang } = useI18n();
  const outcomes = party.outcomes as unknown as Record<string, Computed> | null;
  return (
    <section className="card" aria-labelledby={`outcomes-${party.organizationId}`}>
      <h2 id={`outcomes-${party.organizationId}`}>{t('review.outcomesOf', { name: party.name })}</h2>
      {party.evaluations && party.evaluations.length > 0 && (
        <>
          <h3>{t('review.chart')}</h3>
          <ul className="bars" aria-label={t('review.chart')}>
            {party.evaluations.map((e) => (
              <KpiBars key={e.key} evaluation={e} />
            ))}
          </ul>
        </>
      )}
      {outcomes && (
        <>
          <h3>{t('review.computed')}</h3>
          <dl className="stats">
            {OUTCOMES.filter((key) => typeof outcomes[key]?.value === 'number').map((key) => (
              <div key={key}>
                <dt>{t(`review.outcome.${key}` as MessageKey)}</dt>
                <dd>{number(outcomes[key].value!, lang, RUPIAH_OUTCOMES.has(key))}</dd>
              </div>
            ))}
          </dl>
          {/* Figures left blank are not errors: one line names what could not be computed, not each missing field. */}
          {OUTCOMES.some((key) => typeof outcomes[key]?.value !== 'number') && (
            <p className="hint">
              {t('review.notComputedList', {
                outcomes: OUTCOMES.filter((key) => typeof outcomes[key]?.value !== 'number')
                  .map((key) => t(`review.outcome.${key}` as MessageKey))
                  .join(', '),
              })}
            </p>
          )}
        </>
      )}
      {!outcomes && !party.evaluations && <Empty>{tx(`review.party.${party.status}`, party.status)}</Empty>}
    </section>
  );
}

/** Baseline, target and actual of one KPI as CSS bars on one scale; the figures are written beside them. */
function KpiBars({ evaluation: e }: { evaluation: Evaluation }) {
  const { t, tx, lang } = useI18n();
  const rows = [
    ['baseline', e.baseline],
    ['target', e.target],
    ['actual', e.actual],
  ] as const;
  const scale = Math.max(1, ...rows.map(([, v]) => Math.abs(v ?? 0)));
  const rupiah = RUPIAH_KPIS.has(e.key);
  return (
    <li>
      <strong>{tx(`kpi.${e.key}`, e.key)}</strong>{' '}
      {e.met !== null && <span className={e.met ? 'badge ok' : 'badge warn'}>{e.met ? t('review.met') : t('review.missed')}</span>}
      {rows.map(([name, value]) => (
        <div className={`bar-row bar-${name}`} key={name}>
          <span className="bar-label">{t(`review.${name}`)}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar" style={{ width: `${(Math.max(0, value ?? 0) / scale) * 100}%` }} />
          </span>
          <span className="bar-value">{value === null ? '—' : number(value, lang, rupiah)}</span>
        </div>
      ))}
      {e.actual === null && e.reason && <p className="hint">{t('review.notComputed', { reason: e.reason })}</p>}
    </li>
  );
}

function Recommendations({ review }: { review: ReviewView }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby="advice-title">
      <h2 id="advice-title">{t('review.recommendations')}</h2>
      {review.recommendations.items.length === 0 ? (
        <Empty>{t('review.noRecommendations')}</Empty>
      ) : (
        <ul className="list">
          {review.recommendations.items.map((r) => (
            <li key={r.id}>
              {r.advice[lang as 'id' | 'en']}
              {r.toBeConfirmed && <span className="badge warn">{t('common.toBeConfirmed')}</span>}
              <br />
              <span className="hint">{t('review.source', { source: r.source })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
