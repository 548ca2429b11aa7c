import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { CRITERIA, type Criterion, type Form, FORMS, GOALS, type Goal, type KpiKey, KPIS } from '../lib/elements';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNote, Field, Loading, Page } from '../lib/ui';

type Fields = Omit<Schemas['ProposalFieldsDto'], 'vision'> & { vision?: Vision | null };
type Vision = { statement: string; goals: Goal[]; objectives: string[] };
type Draft = {
  title: string;
  form: Form;
  vision: Vision;
  weights: Record<Criterion, number>;
  roles: { initiator: string; partner: string };
  milestones: { title: string; due: string }[];
  kpis: { key: KpiKey; baseline: string; target: string }[];
  reviewWindowDays: string;
};

const STEPS = ['basics', 'vision', 'partners', 'structure', 'review'] as const;

const emptyDraft = (): Draft => ({
  title: '',
  form: 'co_branding',
  vision: { statement: '', goals: [], objectives: [] },
  weights: Object.fromEntries(CRITERIA.map((c) => [c, 0])) as Record<Criterion, number>,
  roles: { initiator: '', partner: '' },
  milestones: [{ title: '', due: '' }],
  kpis: [{ key: 'follower_growth_pct', baseline: '', target: '' }],
  reviewWindowDays: '30',
});

/** The draft as the server keeps it (the collaboration's context), back into the wizard's fields. */
function draftOf(view: Schemas['CollaborationViewDto']): Draft {
  const context = view.context as unknown as {
    vision: Vision | null;
    partnerRequirements: { criterion: Criterion; weight: number }[];
    structure: {
      roles: { party: 'initiator' | 'partner'; responsibilities: string[] }[];
      milestones: { title: string; due: string }[];
    } | null;
    reviewPlan: { kpis: { key: KpiKey; baseline?: number | null; target?: number | null }[]; reviewWindowDays?: number | null } | null;
  };
  const draft = emptyDraft();
  draft.title = view.title;
  draft.form = view.form;
  if (context.vision) draft.vision = context.vision;
  for (const r of context.partnerRequirements ?? []) draft.weights[r.criterion] = r.weight;
  for (const role of context.structure?.roles ?? []) draft.roles[role.party] = role.responsibilities.join('\n');
  if (context.structure?.milestones.length) draft.milestones = context.structure.milestones;
  if (context.reviewPlan?.kpis.length)
    draft.kpis = context.reviewPlan.kpis.map((k) => ({ key: k.key, baseline: String(k.baseline ?? ''), target: String(k.target ?? '') }));
  if (context.reviewPlan?.reviewWindowDays) draft.reviewWindowDays = String(context.reviewPlan.reviewWindowDays);
  return draft;
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** The proposal.update fields for one step of the wizard. */
function fieldsOf(step: (typeof STEPS)[number], draft: Draft): Fields {
  switch (step) {
    case 'basics':
      return { title: draft.title, form: draft.form };
    case 'vision':
      return { vision: draft.vision };
    case 'partners':
      return {
        partnerRequirements: CRITERIA.filter((c) => draft.weights[c] > 0).map((criterion) => ({
          criterion,
          weight: draft.weights[criterion],
        })),
      };
    case 'structure':
      return {
        structure: {
          roles: (['initiator', 'partner'] as const)
            .map((party) => ({ party, responsibilities: lines(draft.roles[party]) }))
            .filter((r) => r.responsibilities.length > 0),
          milestones: draft.milestones.filter((m) => m.title.trim() || m.due),
        },
      };
    case 'review':
      return {
        reviewPlan: {
          kpis: draft.kpis.map((k) => ({ key: k.key, baseline: numberOrNull(k.baseline), target: numberOrNull(k.target) })),
          reviewWindowDays: numberOrNull(draft.reviewWindowDays),
        },
      };
  }
}

export default function NewCollaboration({ id }: { id?: string }) {
  const { t } = useI18n();
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  if (id && view.isPending) return <Page title={t('wizard.title')}>{<Loading />}</Page>;
  if (id && view.isError)
    return (
      <Page title={t('wizard.title')}>
        <ErrorNote error={view.error} onRetry={() => void view.refetch()} />
      </Page>
    );
  return <Wizard id={id} initial={view.data ? draftOf(view.data) : emptyDraft()} version={view.data?.version} key={id ?? 'new'} />;
}

function Wizard({ id, initial, version }: { id?: string; initial: Draft; version?: number }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const queryClient = useQueryClient();
  const step = id ? Math.min(Math.max(Number(query.get('step') ?? 1), 0), STEPS.length - 1) : 0;
  const name = STEPS[step];
  const [draft, setDraft] = useState<Draft>(initial);
  const [currentVersion, setVersion] = useState(version);
  const weightSum = CRITERIA.reduce((sum, c) => sum + draft.weights[c], 0);

  const save = useMutation({
    mutationFn: async (submit: boolean): Promise<string> => {
      if (!id) {
        const created = await call(api.POST('/api/v1/collaborations', { body: { title: draft.title, form: draft.form } }));
        return created.id;
      }
      const fields = fieldsOf(name, draft) as Schemas['ProposalFieldsDto'];
      let next = await call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id }, header: { 'If-Match': `"${currentVersion}"` } },
          body: { type: 'proposal.update', ...fields },
        }),
      );
      if (submit) {
        next = await call(
          api.POST('/api/v1/collaborations/{id}/events', {
            params: { path: { id }, header: { 'If-Match': `"${next.version}"` } },
            body: { type: 'proposal.submit' },
          }),
        );
      }
      setVersion(next.version);
      queryClient.setQueryData(['collaboration', id], next);
      return id;
    },
    onSuccess: async (savedId, submit) => {
      await queryClient.invalidateQueries({ queryKey: ['collaborations'] });
      if (submit) navigate(`/collaborations/${savedId}`);
      else navigate(`/collaborations/${savedId}/edit?step=${step + 1}`, { replace: !id });
    },
  });
  const problems = save.error instanceof ApiError ? save.error.fieldProblems() : {};
  const last = step === STEPS.length - 1;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    save.mutate(last);
  };
  const blocked = name === 'partners' && weightSum !== 100 && weightSum !== 0;

  return (
    <Page title={t('wizard.title')}>
      <ol className="wizard-steps" aria-label={t('wizard.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} className={i === step ? 'current' : i < step ? 'done' : undefined}>
            {id && i > 0 ? <Link href={`/collaborations/${id}/edit?step=${i}`}>{t(`wizard.${s}`)}</Link> : t(`wizard.${s}`)}
          </li>
        ))}
      </ol>
      <form className="card" onSubmit={submit}>
        <h2>{t(`wizard.${name}`)}</h2>
        <p className="why">{t(`wizard.${name}Why`)}</p>
        {name === 'basics' && (
          <>
            <Field
              label={t('wizard.name')}
              required
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              error={problems.title}
            />
            <fieldset>
              <legend>{t('wizard.form')}</legend>
              {FORMS.map((form) => (
                <div key={form} className="choice-block">
                  <label className="choice">
                    <input
                      type="radio"
                      name="form"
                      value={form}
                      checked={draft.form === form}
                      onChange={() => setDraft({ ...draft, form })}
                      aria-describedby={`form-${form}-about`}
                    />
                    <strong>{t(`form.${form}`)}</strong>
                  </label>
                  <p className="hint choice-about" id={`form-${form}-about`}>
                    {t(`formWhat.${form}`)} {t(`formLegal.${form}`)}
                  </p>
                </div>
              ))}
            </fieldset>
          </>
        )}
        {name === 'vision' && (
          <>
            <div className="field">
              <label htmlFor="statement">{t('wizard.statement')}</label>
              <textarea
                id="statement"
                required
                value={draft.vision.statement}
                onChange={(e) => setDraft({ ...draft, vision: { ...draft.vision, statement: e.target.value } })}
              />
            </div>
            <fieldset>
              <legend>{t('wizard.goals')}</legend>
              {GOALS.map((goal) => (
                <label key={goal} className="choice">
                  <input
                    type="checkbox"
                    checked={draft.vision.goals.includes(goal)}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        vision: {
                          ...draft.vision,
                          goals: e.target.checked ? [...draft.vision.goals, goal] : draft.vision.goals.filter((g) => g !== goal),
                        },
                      })
                    }
                  />
                  <span>{t(`goal.${goal}`)}</span>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="objectives">{t('wizard.objectives')}</label>
              <p className="hint">{t('common.onePerLine')}</p>
              <textarea
                id="objectives"
                value={draft.vision.objectives.join('\n')}
                onChange={(e) => setDraft({ ...draft, vision: { ...draft.vision, objectives: e.target.value.split('\n') } })}
                onBlur={() => setDraft({ ...draft, vision: { ...draft.vision, objectives: lines(draft.vision.objectives.join('\n')) } })}
              />
            </div>
          </>
        )}
        {name === 'partners' && (
          <>
            {CRITERIA.map((criterion) => (
              <Field
                key={criterion}
                label={t(`criterion.${criterion}`)}
                hint={t(`criterionWhat.${criterion}`)}
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                value={String(draft.weights[criterion])}
                onChange={(e) => setDraft({ ...draft, weights: { ...draft.weights, [criterion]: Number(e.target.value) || 0 } })}
              />
            ))}
            <p className={weightSum === 100 ? 'sum ok' : 'sum'} role="status" aria-live="polite">
              {t('wizard.weightSum', { sum: weightSum })}
            </p>
          </>
        )}
        {name === 'structure' && (
          <>
            {(['initiator', 'partner'] as const).map((party) => (
              <div className="field" key={party}>
                <label htmlFor={`role-${party}`}>{t(`wizard.role.${party}`)}</label>
                <p className="hint">{t('common.onePerLine')}</p>
                <textarea
                  id={`role-${party}`}
                  value={draft.roles[party]}
                  onChange={(e) => setDraft({ ...draft, roles: { ...draft.roles, [party]: e.target.value } })}
                />
              </div>
            ))}
            <fieldset>
              <legend>{t('wizard.milestones')}</legend>
              {draft.milestones.map((m, i) => (
                <div className="row" key={i}>
                  <Field
                    label={t('wizard.milestoneTitle', { n: i + 1 })}
                    value={m.title}
                    onChange={(e) =>
                      setDraft({ ...draft, milestones: draft.milestones.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })
                    }
                  />
                  <Field
                    label={t('wizard.milestoneDue', { n: i + 1 })}
                    type="date"
                    value={m.due}
                    onChange={(e) =>
                      setDraft({ ...draft, milestones: draft.milestones.map((x, j) => (j === i ? { ...x, due: e.target.value } : x)) })
                    }
                  />
                </div>
              ))}
              <button type="button" onClick={() => setDraft({ ...draft, milestones: [...draft.milestones, { title: '', due: '' }] })}>
                {t('wizard.addMilestone')}
              </button>
            </fieldset>
          </>
        )}
        {name === 'review' && (
          <>
            {draft.kpis.map((k, i) => (
              <fieldset key={i}>
                <legend>{t('wizard.kpi', { n: i + 1 })}</legend>
                <div className="field">
                  <label htmlFor={`kpi-${i}`}>{t('wizard.kpiKey')}</label>
                  <select
                    id={`kpi-${i}`}
                    value={k.key}
                    onChange={(e) =>
                      setDraft({ ...draft, kpis: draft.kpis.map((x, j) => (j === i ? { ...x, key: e.target.value as KpiKey } : x)) })
                    }
                  >
                    {KPIS.map((key) => (
                      <option key={key} value={key}>
                        {t(`kpi.${key}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="row">
                  <Field
                    label={t('wizard.baseline')}
                    type="number"
                    value={k.baseline}
                    onChange={(e) =>
                      setDraft({ ...draft, kpis: draft.kpis.map((x, j) => (j === i ? { ...x, baseline: e.target.value } : x)) })
                    }
                  />
                  <Field
                    label={t('wizard.target')}
                    type="number"
                    value={k.target}
                    onChange={(e) =>
                      setDraft({ ...draft, kpis: draft.kpis.map((x, j) => (j === i ? { ...x, target: e.target.value } : x)) })
                    }
                  />
                </div>
              </fieldset>
            ))}
            <button
              type="button"
              onClick={() => setDraft({ ...draft, kpis: [...draft.kpis, { key: 'units_sold', baseline: '', target: '' }] })}
            >
              {t('wizard.addKpi')}
            </button>
            <Field
              label={t('wizard.reviewWindow')}
              type="number"
              min={1}
              value={draft.reviewWindowDays}
              onChange={(e) => setDraft({ ...draft, reviewWindowDays: e.target.value })}
            />
          </>
        )}
        {save.isError && <ErrorNote error={save.error} />}
        <div className="buttons">
          {step > 0 && id && (
            <Link className="button" href={`/collaborations/${id}/edit?step=${step - 1}`}>
              {t('wizard.back')}
            </Link>
          )}
          <button type="submit" className="primary" disabled={save.isPending || blocked}>
            {save.isPending ? t('common.wait') : last ? t('wizard.submit') : t('wizard.next')}
          </button>
        </div>
        {blocked && <p className="hint">{t('wizard.weightsMust')}</p>}
      </form>
    </Page>
  );
}
