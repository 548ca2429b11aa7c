import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type EventBody, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { lifecycleSteps, type WorkflowDescription } from '../lib/stepper';
import { Empty, ErrorNote, Field, formatDate, formatDateTime, Loading, Page } from '../lib/ui';

type View = Schemas['CollaborationViewDto'];

// Events sent with nothing but their type, straight from a button.
const PLAIN = new Set([
  'proposal.submit',
  'proposal.reopen',
  'invitation.accept',
  'invitation.revoke',
  'collaboration.launch',
  'collaboration.end',
  'review.close',
]);
// Events whose only field is a reason, asked for in the page.
const WITH_REASON = new Set(['collaboration.cancel', 'collaboration.terminate', 'invitation.decline', 'agreement.requestChanges']);
// Events asked for in a small form of their own in the page.
const WITH_FORM = new Set(['milestone.record']);
// The partner search's events: one link to its screen.
const PARTNER_SEARCH = new Set(['partner.shortlist', 'partner.rate', 'partner.invite']);
// Events that have their own screen.
const SCREEN: Record<string, (id: string) => string> = {
  'proposal.update': (id) => `/collaborations/${id}/edit`,
  'terms.propose': (id) => `/collaborations/${id}/negotiation`,
  'terms.accept': (id) => `/collaborations/${id}/negotiation`,
  'agreement.sign': (id) => `/collaborations/${id}/agreement`,
  'checklist.complete': (id) => `/collaborations/${id}/checklist`,
  'checklist.waive': (id) => `/collaborations/${id}/checklist`,
  'checklist.reopen': (id) => `/collaborations/${id}/checklist`,
  'review.submit': (id) => `/collaborations/${id}/review`,
};
// States nothing follows: no one's turn any more.
const FINAL = new Set(['completed', 'cancelled']);
// From the review phase on, the review screen holds the outcomes, advice and PDF.
const REVIEWED = new Set(['postReview', 'completed']);

export default function Collaboration({ id }: { id: string }) {
  const { t } = useI18n();
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
  });
  if (view.isPending) return <Page title={t('collab.title')}>{<Loading />}</Page>;
  if (view.isError)
    return (
      <Page title={t('collab.title')}>
        <ErrorNote error={view.error} onRetry={() => void view.refetch()} />
        <Link href="/">{t('notFound.home')}</Link>
      </Page>
    );
  return (
    <Page title={view.data.title}>
      <Stepper view={view.data} />
      <div className="grid">
        <div>
          <Actions view={view.data} />
          <Milestones view={view.data} />
        </div>
        <Timeline id={id} version={view.data.version} />
      </div>
    </Page>
  );
}

function Stepper({ view }: { view: View }) {
  const { t, tx } = useI18n();
  const workflow = useQuery({
    queryKey: ['workflow', view.workflow.id, view.workflow.version],
    queryFn: () =>
      call(api.GET('/api/v1/workflows/{id}/{version}', { params: { path: { id: view.workflow.id, version: view.workflow.version } } })),
    staleTime: Infinity, // a released version never changes
  });
  if (workflow.isPending) return <Loading />;
  if (workflow.isError) return <ErrorNote error={workflow.error} onRetry={() => void workflow.refetch()} />;
  const steps = lifecycleSteps(workflow.data as WorkflowDescription);
  const at = steps.indexOf(view.state);
  return (
    <nav aria-label={t('collab.lifecycle')} className="stepper-wrap">
      {at === -1 && <p className="badge warn">{tx(`state.${view.state}`, view.state)}</p>}
      <ol className="stepper">
        {steps.map((step, i) => (
          <li key={step} className={i < at ? 'done' : i === at ? 'current' : undefined} aria-current={i === at ? 'step' : undefined}>
            <span className="dot" aria-hidden="true">
              {i < at ? '✓' : i + 1}
            </span>
            <span>{tx(`state.${step}`, step)}</span>
          </li>
        ))}
      </ol>
      <p className="hint">
        {tx(`form.${view.form}`, view.form)} · {t('collab.version', { version: view.workflow.version })}
      </p>
    </nav>
  );
}

function Actions({ view }: { view: View }) {
  const { t, tx } = useI18n();
  const queryClient = useQueryClient();
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [milestone, setMilestone] = useState<{ title: string; date: string; notes: string } | null>(null);
  const send = useMutation({
    mutationFn: (body: EventBody) =>
      call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id: view.id }, header: { 'If-Match': `"${view.version}"` } },
          body,
        }),
      ),
    onSuccess: async (next) => {
      setReasonFor(null);
      setReason('');
      setMilestone(null);
      queryClient.setQueryData(['collaboration', view.id], next);
      await queryClient.invalidateQueries({ queryKey: ['history', view.id] });
      await queryClient.invalidateQueries({ queryKey: ['collaborations'] });
    },
  });
  // Actions the console has a control for; the rest are listed as reachable through the API for now.
  const actionable = view.allowedEvents.filter((e) => PLAIN.has(e) || WITH_REASON.has(e) || WITH_FORM.has(e) || SCREEN[e]);
  const elsewhere = view.allowedEvents.filter((e) => !actionable.includes(e) && !PARTNER_SEARCH.has(e));
  const searching = view.allowedEvents.includes('partner.shortlist');
  const inviting = view.state === 'invitation' && view.allowedEvents.includes('invitation.revoke');
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('collab.actions')}</h2>
      {(searching || inviting) && (
        <p>
          <Link className="button primary" href={`/collaborations/${view.id}/partners`}>
            {searching ? t('collab.findPartners') : t('collab.seeInvitation')}
          </Link>
        </p>
      )}
      {actionable.length === 0 ? (
        <Empty>
          {FINAL.has(view.state) ? t('collab.finished', { state: tx(`state.${view.state}`, view.state) }) : t('collab.noActions')}
        </Empty>
      ) : (
        <ul className="actions">
          {actionable.map((event) => (
            <li key={event}>
              {PLAIN.has(event) ? (
                <button
                  type="button"
                  className="primary"
                  disabled={send.isPending}
                  onClick={() => send.mutate({ type: event } as EventBody)}
                >
                  {tx(`event.${event}`, event)}
                </button>
              ) : WITH_FORM.has(event) ? (
                <button
                  type="button"
                  onClick={() => setMilestone({ title: '', date: new Date().toISOString().slice(0, 10), notes: '' })}
                  aria-expanded={milestone !== null}
                >
                  {tx(`event.${event}`, event)}
                </button>
              ) : WITH_REASON.has(event) ? (
                <button type="button" onClick={() => setReasonFor(event)} aria-expanded={reasonFor === event}>
                  {tx(`event.${event}`, event)}
                </button>
              ) : (
                <Link className="button" href={SCREEN[event](view.id)}>
                  {tx(`event.${event}`, event)}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {elsewhere.length > 0 && (
        <p className="hint">{t('collab.later', { actions: elsewhere.map((event) => tx(`event.${event}`, event)).join(' · ') })}</p>
      )}
      {reasonFor && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate({ type: reasonFor, reason } as EventBody);
          }}
        >
          <div className="field">
            <label htmlFor="reason">{t('collab.reason', { action: tx(`event.${reasonFor}`, reasonFor) })}</label>
            <textarea id="reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="danger" disabled={send.isPending}>
            {tx(`event.${reasonFor}`, reasonFor)}
          </button>{' '}
          <button type="button" onClick={() => setReasonFor(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {milestone && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const notes = milestone.notes.trim();
            send.mutate({ type: 'milestone.record', title: milestone.title, date: milestone.date, ...(notes ? { notes } : {}) });
          }}
        >
          <Field
            label={t('collab.milestoneTitle')}
            required
            value={milestone.title}
            onChange={(e) => setMilestone({ ...milestone, title: e.target.value })}
          />
          <Field
            label={t('collab.milestoneDate')}
            type="date"
            required
            value={milestone.date}
            onChange={(e) => setMilestone({ ...milestone, date: e.target.value })}
          />
          <div className="field">
            <label htmlFor="milestone-notes">{t('collab.milestoneNotes')}</label>
            <textarea
              id="milestone-notes"
              value={milestone.notes}
              onChange={(e) => setMilestone({ ...milestone, notes: e.target.value })}
            />
          </div>
          <button type="submit" className="primary" disabled={send.isPending}>
            {t('event.milestone.record')}
          </button>{' '}
          <button type="button" onClick={() => setMilestone(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {send.isError && <ErrorNote error={send.error} />}
      <ul className="links">
        {view.context.termsRevisions.length > 0 && (
          <li>
            <Link href={`/collaborations/${view.id}/negotiation`}>{t('collab.toTerms')}</Link>
          </li>
        )}
        {view.context.agreement && (
          <li>
            <Link href={`/collaborations/${view.id}/agreement`}>{t('collab.toAgreement')}</Link>
          </li>
        )}
        <li>
          <Link href={`/collaborations/${view.id}/checklist`}>{t('collab.toChecklist')}</Link>
        </li>
        {REVIEWED.has(view.state) && (
          <li>
            <Link href={`/collaborations/${view.id}/review`}>{t('collab.toReview')}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}

/** The milestones the parties recorded as reached (the view carries the latest), with their notes. */
function Milestones({ view }: { view: View }) {
  const { t, lang } = useI18n();
  const milestones = view.context.milestones as unknown as Array<{ title: string; date: string; notes?: string }>;
  if (milestones.length === 0) return null;
  return (
    <section className="card" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t('collab.milestones')}</h2>
      <ul className="list">
        {milestones.map((m, i) => (
          <li key={i}>
            <strong>{m.title}</strong> · <time dateTime={m.date}>{formatDate(m.date, lang)}</time>
            {m.notes && <p className="hint">{m.notes}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ id, version }: { id: string; version: number }) {
  const { t, tx, lang } = useI18n();
  const history = useQuery({
    queryKey: ['history', id, version],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/history', { params: { path: { id } } })),
  });
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('collab.history')}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorNote error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Empty>{t('collab.noHistory')}</Empty>
      ) : (
        <ol className="timeline">
          {[...history.data].reverse().map((entry) => (
            <li key={entry.seq}>
              <strong>{tx(`event.${entry.type}`, entry.type)}</strong>
              <br />
              <span className="hint">
                <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                {typeof entry.actor.name === 'string' && ` · ${entry.actor.name}`}
                {entry.from !== entry.to && ` · ${tx(`state.${entry.from}`, entry.from)} → ${tx(`state.${entry.to}`, entry.to)}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
