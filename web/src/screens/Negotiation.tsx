import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api, ApiError, call, type EventBody, type Schemas } from '../api/client';
import { type MessageKey, type Translate, useI18n } from '../i18n';
import { Link, navigate } from '../lib/router';
import { useMe } from '../lib/session';
import {
  type Draft,
  fromTerms,
  groupRupiah,
  inputId,
  type OpenApiDocument,
  showValue,
  splitSum,
  type TermField,
  termFields,
  toTerms,
} from '../lib/terms-form';
import { Empty, ErrorNote, formatDate, formatDateTime, Loading, Page } from '../lib/ui';

type View = Schemas['CollaborationViewDto'];
type Revision = { revision: number; authorOrganizationId: string; proposedAt: string; terms?: Record<string, unknown> };

// The OpenAPI document never changes while the page is open: fetched once, only by the screens that build forms from it.
const schemaQuery = {
  queryKey: ['openapi'],
  queryFn: async (): Promise<OpenApiDocument> => {
    const response = await fetch('/docs-json', { credentials: 'same-origin' }).catch(() => null);
    if (!response) throw new ApiError(0, 'NETWORK', 'network');
    if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
    return (await response.json()) as OpenApiDocument;
  },
  staleTime: Infinity,
};

/** Negotiation: the terms of the chosen form, revisions compared side by side, and accepting the latest one. */
export default function Negotiation({ id }: { id: string }) {
  const { t } = useI18n();
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
  });
  const schema = useQuery(schemaQuery);
  const title = view.data ? t('terms.titleOf', { title: view.data.title }) : t('terms.title');
  const back = <Link href={`/collaborations/${id}`}>{t('checklist.back')}</Link>;
  if (view.isPending || schema.isPending)
    return (
      <Page title={title} actions={back}>
        <Loading />
      </Page>
    );
  if (view.isError || schema.isError)
    return (
      <Page title={title} actions={back}>
        <ErrorNote error={view.error ?? schema.error} onRetry={() => void (view.isError ? view.refetch() : schema.refetch())} />
      </Page>
    );
  return (
    <Page title={title} actions={back}>
      <Terms view={view.data} fields={termFields(schema.data, view.data.form)} />
    </Page>
  );
}

function Terms({ view, fields }: { view: View; fields: TermField[] }) {
  const { t, tx, lang } = useI18n();
  const queryClient = useQueryClient();
  const revisions = view.context.termsRevisions as unknown as Revision[];
  const latest = revisions.at(-1);
  // The form starts from the latest proposal; afterwards it is the person's own, kept through failed saves and lost connections.
  const [draft, setDraft] = useState<Draft>(() => fromTerms(fields, latest?.terms ?? {}));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const allowed = new Set(view.allowedEvents);
  const partyName = (orgId: string): string => view.parties.find((p) => p.organizationId === orgId)?.name ?? '—';

  const send = useMutation({
    mutationFn: (body: EventBody) =>
      call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id: view.id }, header: { 'If-Match': `"${view.version}"` } },
          body,
        }),
      ),
    onSuccess: async (next, body) => {
      queryClient.setQueryData(['collaboration', view.id], next);
      await queryClient.invalidateQueries({ queryKey: ['collaborations'] });
      setErrors({});
      setMissing([]);
      if (body.type === 'terms.accept') navigate(`/collaborations/${view.id}/agreement`);
      else setSent((next.context.termsRevisions as unknown as Revision[]).at(-1)?.revision ?? null);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      // The service names fields as `terms.<path>`: the form shows each problem under its own input.
      setErrors(
        Object.fromEntries(Object.entries(error.fieldProblems()).map(([field, problem]) => [field.replace(/^terms\./, ''), problem])),
      );
      setMissing(error.code === 'AGREEMENT_DATA_INCOMPLETE' ? ((error.details?.missing as string[] | undefined) ?? []) : []);
    },
  });
  const splitsOff = fields.some(
    (f) => f.kind === 'split' && ![null, 100].includes(splitSum(draft[f.name] as Record<string, string>, f.sides)),
  );

  const propose = (event: FormEvent): void => {
    event.preventDefault();
    setSent(null);
    send.mutate({ type: 'terms.propose', terms: toTerms(fields, draft) } as EventBody);
  };

  return (
    <>
      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">{t('terms.status')}</h2>
        {latest ? (
          <p>
            {t('terms.latest', { n: latest.revision, party: partyName(latest.authorOrganizationId) })}{' '}
            <span className="hint">
              <time dateTime={latest.proposedAt}>{formatDateTime(latest.proposedAt, lang)}</time>
            </span>
          </p>
        ) : (
          <Empty>{t('terms.none')}</Empty>
        )}
        {view.state !== 'negotiation' && <p className="badge">{tx(`state.${view.state}`, view.state)}</p>}
        {latest && allowed.has('terms.accept') && (
          <>
            <p className="hint">{t('terms.acceptMeans')}</p>
            <button
              type="button"
              className="primary"
              disabled={send.isPending}
              onClick={() => send.mutate({ type: 'terms.accept', revision: latest.revision })}
            >
              {t('terms.acceptN', { n: latest.revision })}
            </button>
          </>
        )}
        {latest && view.state === 'negotiation' && !allowed.has('terms.accept') && <p className="hint">{t('terms.waitOther')}</p>}
        {missing.length > 0 && <Missing missing={missing} view={view} />}
        {view.state === 'agreement' && <Link href={`/collaborations/${view.id}/agreement`}>{t('terms.toAgreement')}</Link>}
      </section>

      {allowed.has('terms.propose') && (
        <form className="card" onSubmit={propose} noValidate aria-labelledby="form-title">
          <h2 id="form-title">{latest ? t('terms.revise') : t('terms.first')}</h2>
          <p className="hint">{t('terms.formHint')}</p>
          <div className="terms-grid">
            {fields.map((field) => (
              <Input
                key={field.name}
                field={field}
                path={field.name}
                value={draft[field.name]}
                errors={errors}
                onChange={(v) => setDraft({ ...draft, [field.name]: v })}
              />
            ))}
          </div>
          {send.isError && !(send.error instanceof ApiError && send.error.code === 'AGREEMENT_DATA_INCOMPLETE') && (
            <ErrorNote error={send.error} />
          )}
          {sent !== null && (
            <p role="status" className="saved">
              {t('terms.sent', { n: sent })}
            </p>
          )}
          <button type="submit" className="primary" disabled={send.isPending || splitsOff}>
            {send.isPending ? t('common.wait') : t('event.terms.propose')}
          </button>
          {splitsOff && <p className="hint">{t('terms.fixSplits')}</p>}
        </form>
      )}

      <Revisions view={view} revisions={revisions} fields={fields} />
    </>
  );
}

/** AGREEMENT_DATA_INCOMPLETE as a to-do list: each missing terms field links to its input; party details to the organization page. */
function Missing({ missing, view }: { missing: string[]; view: View }) {
  const { t, tx } = useI18n();
  const me = useMe();
  const mine = new Set(me.data?.organizations.map((o) => o.id));
  const orgOf = (label: string): string | undefined =>
    label === 'initiator'
      ? view.context.initiatorOrganizationId
      : view.context.partnerOrganizationIds[label === 'partner' ? 0 : Number(label.slice(7)) - 1];
  return (
    <div className="todo" role="alert">
      <p>
        <strong>{t('error.AGREEMENT_DATA_INCOMPLETE')}</strong>
      </p>
      <ul>
        {missing.map((item) => {
          const [scope, label, detail] = item.split('.');
          if (scope === 'terms') {
            const focus = () => document.getElementById(inputId(label))?.focus();
            return (
              <li key={item}>
                <a href={`#${inputId(label)}`} onClick={focus}>
                  {t('terms.fill', { field: tx(`terms.${label}`, label) })}
                </a>
              </li>
            );
          }
          const party = view.parties.find((p) => p.organizationId === orgOf(label))?.name ?? label;
          const what = tx(`terms.party.${detail ?? 'all'}`, detail ?? label);
          return (
            <li key={item}>
              {mine.has(orgOf(label) ?? '') ? (
                <Link href="/organization">{t('terms.fillOrg', { what, party })}</Link>
              ) : (
                t('terms.askOrg', { what, party })
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const humanize = (name: string): string => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** One input of the terms form, by the kind of its schema; lists and objects nest. */
function Input({
  field,
  path,
  value,
  errors,
  onChange,
}: {
  field: TermField;
  path: string;
  value: unknown;
  errors: Record<string, string>;
  onChange: (value: unknown) => void;
}) {
  const { t, tx } = useI18n();
  const label = tx(`terms.${field.name}`, humanize(field.name));
  const id = inputId(path);
  // A problem with a list as a whole (`terms.marks`) or any of its items shows at the list; an item's field at that field.
  const error = errors[path];
  const text = typeof value === 'string' ? value : '';
  // The problem in plain words first (what to type), the service's own wording under it.
  const errorLine = error ? (
    <div className="field-error" id={`${id}-error`} role="alert">
      <p>{problemFor(field, t)}</p>
      <p className="hint" lang="en">
        {error}
      </p>
    </div>
  ) : null;
  const described = [error ? `${id}-error` : '', hintFor(field) ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const hint = hintFor(field);
  const hintLine = hint ? (
    <p className="hint" id={`${id}-hint`}>
      {t(hint.key, { min: hint.min ?? '', max: hint.max ?? '' })}
    </p>
  ) : null;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described };

  switch (field.kind) {
    case 'enum':
    case 'bool': {
      const options: string[] = field.kind === 'enum' ? field.values : ['true', 'false'];
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          {hintLine}
          <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('terms.choose')}</option>
            {options.map((v) => (
              <option key={v} value={v}>
                {field.kind === 'bool' ? t(v === 'true' ? 'common.yes' : 'common.no') : tx(`termValue.${v}`, v)}
              </option>
            ))}
          </select>
          {errorLine}
        </div>
      );
    }
    case 'multi': {
      const chosen = (value as string[] | undefined) ?? [];
      return (
        <fieldset id={id} tabIndex={-1} aria-describedby={described}>
          <legend>{label}</legend>
          {field.values.map((v) => (
            <label key={v} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(v)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))}
              />
              <span>{tx(`termValue.${v}`, v)}</span>
            </label>
          ))}
          {errorLine}
        </fieldset>
      );
    }
    case 'split': {
      const shares = (value as Record<string, string> | undefined) ?? {};
      const sum = splitSum(shares, field.sides);
      return (
        <fieldset id={id} tabIndex={-1} aria-describedby={described}>
          <legend>{label}</legend>
          <div className="row">
            {field.sides.map((side) => (
              <div className="field" key={side}>
                <label htmlFor={`${id}-${side}`}>{t('terms.sharePct', { side: tx(`termValue.${side}`, side) })}</label>
                <input
                  id={`${id}-${side}`}
                  inputMode="decimal"
                  value={shares[side] ?? ''}
                  aria-invalid={error || (sum !== null && sum !== 100) ? true : undefined}
                  onChange={(e) => onChange({ ...shares, [side]: e.target.value })}
                />
              </div>
            ))}
          </div>
          {sum !== null && (
            <p className={sum === 100 ? 'sum ok' : 'sum'} aria-live="polite">
              {sum === 100 ? t('terms.sumOk') : t('terms.sumOff', { sum })}
            </p>
          )}
          {errorLine}
        </fieldset>
      );
    }
    case 'object':
    case 'list': {
      const rows = field.kind === 'list' ? ((value as Draft[] | undefined) ?? []) : [(value as Draft | undefined) ?? {}];
      const setRow = (i: number, row: Draft): void => {
        if (field.kind === 'object') onChange(row);
        else onChange(rows.map((r, j) => (j === i ? row : r)));
      };
      return (
        <fieldset id={id} tabIndex={-1} aria-describedby={described}>
          <legend>{label}</legend>
          {field.kind === 'list' && rows.length === 0 && <p className="hint">{t('terms.noRows')}</p>}
          {rows.map((row, i) => {
            const rowPath = field.kind === 'list' ? `${path}.${i}` : path;
            const body: ReactNode = field.fields.map((inner) => (
              <Input
                key={inner.name}
                field={inner}
                path={`${rowPath}.${inner.name}`}
                value={row[inner.name]}
                errors={errors}
                onChange={(v) => setRow(i, { ...row, [inner.name]: v })}
              />
            ));
            return field.kind === 'list' ? (
              <fieldset key={i} className="item">
                <legend>{t('terms.item', { field: label, n: i + 1 })}</legend>
                {body}
                <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  {t('terms.removeItem', { n: i + 1 })}
                </button>
              </fieldset>
            ) : (
              <div key={i}>{body}</div>
            );
          })}
          {field.kind === 'list' && (
            <button type="button" onClick={() => onChange([...rows, {}])}>
              {t('terms.addItem', { field: label })}
            </button>
          )}
          {errorLine}
        </fieldset>
      );
    }
    default: {
      const input =
        field.kind === 'text' && field.long ? (
          <textarea {...common} value={text} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            type={field.kind === 'date' ? 'date' : 'text'}
            inputMode={field.kind === 'rupiah' || field.kind === 'int' ? 'numeric' : undefined}
            value={text}
            onChange={(e) => onChange(field.kind === 'rupiah' ? groupRupiah(e.target.value) : e.target.value)}
          />
        );
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          {hintLine}
          {field.kind === 'rupiah' ? (
            <div className="money">
              <span aria-hidden="true">Rp</span>
              {input}
            </div>
          ) : (
            input
          )}
          {errorLine}
        </div>
      );
    }
  }
}

function problemFor(field: TermField, t: Translate): string {
  if (field.kind === 'int' && field.max !== undefined) return t('terms.problem.range', { min: field.min ?? 0, max: field.max });
  if (field.kind === 'rupiah') return t('terms.problem.rupiah');
  if (field.kind === 'date') return t('terms.problem.date');
  if (field.kind === 'list') return t('terms.problem.list');
  if (field.kind === 'split') return t('terms.problem.split');
  return t('terms.problem.other');
}

function hintFor(field: TermField): { key: MessageKey; min?: number; max?: number } | null {
  if (field.kind === 'rupiah') return { key: 'terms.hint.rupiah' };
  if (field.kind === 'numbers' || field.kind === 'strings') return { key: 'common.commaList' };
  if (field.kind === 'int' && field.max === 100 && /Percent$/.test(field.name)) return { key: 'terms.hint.percent' };
  if (field.kind === 'int' && field.max !== undefined) return { key: 'terms.hint.range', min: field.min, max: field.max };
  return null;
}

/** The revisions, and two of them side by side: every field, the changed ones marked. */
function Revisions({ view, revisions, fields }: { view: View; revisions: Revision[]; fields: TermField[] }) {
  const { t, tx, lang } = useI18n();
  const [pick, setPick] = useState<[number, number] | null>(null);
  const count = revisions.length;
  useEffect(() => setPick(count >= 2 ? [count - 1, count] : null), [count]);
  const revision = (n: number) => ({
    queryKey: ['terms', view.id, n],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/terms/{revision}', { params: { path: { id: view.id, revision: n } } })),
    enabled: pick !== null,
    staleTime: Infinity, // a revision never changes
  });
  const left = useQuery(revision(pick?.[0] ?? 1));
  const right = useQuery(revision(pick?.[1] ?? 1));
  const partyName = (orgId: string): string => view.parties.find((p) => p.organizationId === orgId)?.name ?? '—';
  const yesNo = (v: boolean): string => t(v ? 'common.yes' : 'common.no');
  // A value as people read it: choices in words, rupiah grouped, an item's fields by their labels.
  const display = (field: TermField, value: unknown): string => {
    if (value === undefined || value === null) return '—';
    if (field.kind === 'enum' || field.kind === 'multi')
      return ([] as unknown[])
        .concat(value)
        .map((v) => tx(`termValue.${String(v)}`, String(v)))
        .join(', ');
    if (field.kind === 'rupiah' && typeof value === 'number') return `Rp${value.toLocaleString('id-ID')}`;
    if (field.kind === 'date' && typeof value === 'string') return formatDate(value, lang);
    if (field.kind === 'split' && typeof value === 'object')
      return Object.entries(value as Record<string, unknown>)
        .map(([side, share]) => `${tx(`termValue.${side}`, side)} ${String(share)}%`)
        .join(' · ');
    if ((field.kind === 'list' || field.kind === 'object') && typeof value === 'object') {
      const rows = field.kind === 'list' ? (value as Record<string, unknown>[]) : [value as Record<string, unknown>];
      return rows
        .map((row) =>
          field.fields.map((inner) => `${tx(`terms.${inner.name}`, humanize(inner.name))}: ${display(inner, row[inner.name])}`).join(', '),
        )
        .join(' | ');
    }
    return showValue(value, yesNo);
  };
  const options = revisions.map((r) => ({ value: String(r.revision), label: t('terms.revisionN', { n: r.revision }) }));

  return (
    <section className="card" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t('terms.revisions')}</h2>
      {count === 0 ? (
        <Empty>{t('terms.noRevisions')}</Empty>
      ) : (
        <ol className="timeline">
          {[...revisions].reverse().map((r) => (
            <li key={r.revision}>
              <strong>{t('terms.revisionN', { n: r.revision })}</strong>
              {view.context.acceptedRevision === r.revision && <span className="badge status-done">{t('terms.accepted')}</span>}
              <br />
              <span className="hint">
                {partyName(r.authorOrganizationId)} · <time dateTime={r.proposedAt}>{formatDateTime(r.proposedAt, lang)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
      {count >= 2 && pick && (
        <>
          <h3>{t('terms.compare')}</h3>
          <div className="row">
            {([0, 1] as const).map((side) => (
              <div className="field" key={side}>
                <label htmlFor={`compare-${side}`}>{side === 0 ? t('terms.compareFrom') : t('terms.compareTo')}</label>
                <select
                  id={`compare-${side}`}
                  value={String(pick[side])}
                  onChange={(e) => setPick(side === 0 ? [Number(e.target.value), pick[1]] : [pick[0], Number(e.target.value)])}
                >
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          {left.isPending || right.isPending ? (
            <Loading />
          ) : left.isError || right.isError ? (
            <ErrorNote error={left.error ?? right.error} onRetry={() => void (left.refetch(), right.refetch())} />
          ) : (
            <div className="table-wrap">
              <table className="compare">
                <caption className="hint">{t('terms.compareCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('terms.field')}</th>
                    <th scope="col">{t('terms.revisionN', { n: pick[0] })}</th>
                    <th scope="col">{t('terms.revisionN', { n: pick[1] })}</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => {
                    const a = display(f, left.data.terms[f.name]);
                    const b = display(f, right.data.terms[f.name]);
                    const changed = a !== b;
                    return (
                      <tr key={f.name} className={changed ? 'changed' : undefined}>
                        <th scope="row">
                          {tx(`terms.${f.name}`, humanize(f.name))}
                          {changed && <span className="badge warn">{t('terms.changed')}</span>}
                        </th>
                        <td data-label={t('terms.revisionN', { n: pick[0] })}>{changed ? <del>{a}</del> : a}</td>
                        <td data-label={t('terms.revisionN', { n: pick[1] })}>{changed ? <ins>{b}</ins> : b}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
