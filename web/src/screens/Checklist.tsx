import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type EventBody } from '../api/client';
import type { operations } from '../api/schema';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { Empty, ErrorNote, formatDate, Loading, Page } from '../lib/ui';

/** The IP checklist: items by category; complete with evidence, waive with a reason, reopen; launch when nothing blocks. */
export default function Checklist({ id }: { id: string }) {
  const { t, tx, lang } = useI18n();
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
  });
  const checklist = useQuery({
    queryKey: ['checklist', id, view.data?.version],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/checklist', { params: { path: { id } } })),
    enabled: Boolean(view.data),
  });
  const send = useMutation({
    mutationFn: (body: EventBody) =>
      call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id }, header: { 'If-Match': `"${view.data!.version}"` } },
          body,
        }),
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(['collaboration', id], next);
      return queryClient.invalidateQueries({ queryKey: ['collaborations'] });
    },
  });

  const title = view.data ? t('checklist.titleOf', { title: view.data.title }) : t('checklist.title');
  if (view.isPending || (view.data && checklist.isPending)) return <Page title={title}>{<Loading />}</Page>;
  if (view.isError || checklist.isError)
    return (
      <Page title={title}>
        <ErrorNote error={view.error ?? checklist.error} onRetry={() => void (view.isError ? view.refetch() : checklist.refetch())} />
      </Page>
    );
  const data = checklist.data!;
  const allowed = new Set(view.data.allowedEvents);
  const categories = [...new Set(data.items.map((i) => i.category))];
  const blocking = data.items.filter((i) => data.openBlocking.includes(i.id));
  const orgId = view.data.context.initiatorOrganizationId;

  return (
    <Page title={title} actions={<Link href={`/collaborations/${id}`}>{t('checklist.back')}</Link>}>
      <section className="card" aria-labelledby="launch-title">
        <h2 id="launch-title">{t('checklist.launch')}</h2>
        {blocking.length > 0 ? (
          <>
            <p>{t('checklist.blocked', { n: blocking.length })}</p>
            <ul>
              {blocking.map((i) => (
                <li key={i.id}>
                  <a href={`#item-${i.id}`}>{i.title[lang]}</a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('checklist.ready')}</p>
        )}
        {blocking.length === 0 && !allowed.has('collaboration.launch') && view.data.state === 'ipChecklist' && (
          <p className="hint">{t('checklist.launchByOther')}</p>
        )}
        <button
          type="button"
          className="primary"
          disabled={blocking.length > 0 || !allowed.has('collaboration.launch') || send.isPending}
          onClick={() => send.mutate({ type: 'collaboration.launch' })}
        >
          {t('event.collaboration.launch')}
        </button>
        {send.isError && <ErrorNote error={send.error} />}
        <p className="hint">
          {t('checklist.subscribe')} <a href={`/api/v1/collaborations/${id}/checklist.ics`}>{t('checklist.ics')}</a>
          {' · '}
          <a href={`/api/v1/organizations/${orgId}/deadlines.ics`}>{t('checklist.deadlinesIcs')}</a>
        </p>
      </section>
      {data.items.length === 0 && <Empty>{t('checklist.empty')}</Empty>}
      {categories.map((category) => (
        <section className="card" key={category} aria-labelledby={`cat-${category}`}>
          <h2 id={`cat-${category}`}>{tx(`category.${category}`, category.replace(/_/g, ' '))}</h2>
          <ul className="list">
            {data.items
              .filter((i) => i.category === category)
              .map((item) => (
                <Item key={item.id} item={item} allowed={allowed} busy={send.isPending} onSend={(body) => send.mutate(body)} />
              ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}

type ChecklistItem = operations['CollaborationChecklistController_get']['responses'][200]['content']['application/json']['items'][number];

function Item({
  item,
  allowed,
  busy,
  onSend,
}: {
  item: ChecklistItem;
  allowed: Set<string>;
  busy: boolean;
  onSend: (body: EventBody) => void;
}) {
  const { t, tx, lang } = useI18n();
  const [mode, setMode] = useState<'complete' | 'waive' | null>(null);
  const [text, setText] = useState('');
  const open = item.status === 'todo' || item.status === 'inProgress';
  return (
    <li id={`item-${item.id}`} className={item.overdue ? 'overdue' : undefined}>
      <strong>{item.title[lang]}</strong>{' '}
      <span className={`badge status-${item.status}`}>{tx(`itemStatus.${item.status}`, item.status)}</span>
      {item.launchBlocking && open && <span className="badge warn">{t('checklist.blocking')}</span>}
      {item.toBeConfirmed && <span className="badge warn">{t('common.toBeConfirmed')}</span>}
      <p className="hint">{item.explanation[lang]}</p>
      <dl className="facts">
        {item.responsible && (
          <>
            <dt>{t('checklist.responsible')}</dt>
            <dd>{item.responsible.name}</dd>
          </>
        )}
        {item.due && (
          <>
            <dt>{t('checklist.due')}</dt>
            <dd>
              {formatDate(item.due, lang)}
              {item.overdue && ` · ${t('checklist.overdue')}`}
            </dd>
          </>
        )}
        {item.fee && (
          <>
            <dt>{t('checklist.fee')}</dt>
            <dd>
              Rp{item.fee.amount.toLocaleString('id-ID')} ({item.fee.per[lang]})
            </dd>
          </>
        )}
        {item.legalBasis && (
          <>
            <dt>{t('checklist.basis')}</dt>
            <dd>{item.legalBasis}</dd>
          </>
        )}
        {item.waiverReason && (
          <>
            <dt>{t('checklist.waivedBecause')}</dt>
            <dd>{item.waiverReason}</dd>
          </>
        )}
      </dl>
      <div className="buttons">
        {open && allowed.has('checklist.complete') && (
          <button type="button" onClick={() => setMode('complete')} aria-expanded={mode === 'complete'}>
            {t('event.checklist.complete')}
          </button>
        )}
        {open && allowed.has('checklist.waive') && (
          <button type="button" onClick={() => setMode('waive')} aria-expanded={mode === 'waive'}>
            {t('event.checklist.waive')}
          </button>
        )}
        {!open && item.status !== 'notApplicable' && allowed.has('checklist.reopen') && (
          <button type="button" disabled={busy} onClick={() => onSend({ type: 'checklist.reopen', itemId: item.id })}>
            {t('event.checklist.reopen')}
          </button>
        )}
      </div>
      {mode && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSend(
              mode === 'complete'
                ? { type: 'checklist.complete', itemId: item.id, evidence: { note: text } }
                : { type: 'checklist.waive', itemId: item.id, reason: text },
            );
            setMode(null);
          }}
        >
          <div className="field">
            <label htmlFor={`text-${item.id}`}>{mode === 'complete' ? t('checklist.evidence') : t('checklist.reason')}</label>
            <textarea id={`text-${item.id}`} required value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {mode === 'complete' ? t('event.checklist.complete') : t('event.checklist.waive')}
          </button>{' '}
          <button type="button" onClick={() => setMode(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </li>
  );
}
