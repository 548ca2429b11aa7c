import { useQueries, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { Empty, ErrorNote, formatDate, Loading, Page } from '../lib/ui';
import { homeQueries } from './home-queries';

type Summary = Schemas['CollaborationSummaryDto'];
// Events open for a long stretch (editing, cancelling, undoing) are not "waiting for me"; the rest of allowedEvents is.
const ALWAYS_ALLOWED = new Set([
  'proposal.update',
  'proposal.reopen',
  'invitation.revoke',
  'checklist.waive',
  'checklist.reopen',
  'collaboration.cancel',
  'collaboration.terminate',
]);

export default function Home() {
  const { t } = useI18n();
  const collaborations = useQuery(homeQueries.collaborations);
  return (
    <Page
      title={t('home.title')}
      actions={
        <Link href="/collaborations/new" className="button primary">
          {t('home.new')}
        </Link>
      }
    >
      <div className="grid">
        <WaitingForMe collaborations={collaborations.data?.items} />
        <Deadlines />
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t('home.mine')}</h2>
          {collaborations.isPending ? (
            <Loading />
          ) : collaborations.isError ? (
            <ErrorNote error={collaborations.error} onRetry={() => void collaborations.refetch()} />
          ) : collaborations.data.items.length === 0 ? (
            <Empty>{t('home.noCollaborations')}</Empty>
          ) : (
            <ByPhase items={collaborations.data.items} />
          )}
        </section>
        <Notifications />
      </div>
    </Page>
  );
}

function ByPhase({ items }: { items: Summary[] }) {
  const { t, tx } = useI18n();
  const phases = [...new Set(items.map((c) => c.state))];
  return (
    <>
      {phases.map((phase) => (
        <div key={phase}>
          <h3>{tx(`state.${phase}`, phase)}</h3>
          <ul className="list">
            {items
              .filter((c) => c.state === phase)
              .map((c) => (
                <li key={c.id}>
                  <Link href={`/collaborations/${c.id}`}>{c.title}</Link>
                  <br />
                  <span className="hint">
                    {tx(`form.${c.form}`, c.form)} · {t(`partyRole.${c.role}`)}
                  </span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** Each active collaboration's allowedEvents, read from its own view: what this user may do now. */
function WaitingForMe({ collaborations }: { collaborations?: Summary[] }) {
  const { t, tx } = useI18n();
  const active = (collaborations ?? []).filter((c) => c.status === 'active').slice(0, 20);
  const views = useQueries({
    queries: active.map((c) => ({
      queryKey: ['collaboration', c.id],
      queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id: c.id } } })),
    })),
  });
  const waiting = views
    .map((v) => v.data)
    .filter((v): v is Schemas['CollaborationViewDto'] => Boolean(v))
    .map((v) => ({ view: v, events: v.allowedEvents.filter((e) => !ALWAYS_ALLOWED.has(e)) }))
    .filter((w) => w.events.length > 0);
  return (
    <section className="card" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('home.waiting')}</h2>
      {!collaborations || views.some((v) => v.isPending) ? (
        <Loading />
      ) : waiting.length === 0 ? (
        <Empty>{t('home.nothingWaiting')}</Empty>
      ) : (
        <ul className="list">
          {waiting.map(({ view, events }) => (
            <li key={view.id}>
              <Link href={`/collaborations/${view.id}`}>{view.title}</Link>
              <br />
              <span className="hint">{events.map((e) => tx(`event.${e}`, e)).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Deadlines() {
  const { t, lang } = useI18n();
  const reminders = useQuery(homeQueries.reminders);
  return (
    <section className="card" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('home.deadlines')}</h2>
      {reminders.isPending ? (
        <Loading />
      ) : reminders.isError ? (
        <ErrorNote error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : reminders.data.items.length === 0 ? (
        <Empty>{t('home.noDeadlines')}</Empty>
      ) : (
        <ul className="list">
          {reminders.data.items.map((r) => (
            <li key={`${r.source}-${r.itemId ?? r.record?.id}-${r.kind}-${r.due}`} className={r.overdue ? 'overdue' : undefined}>
              <strong>{r.title[lang]}</strong>
              {r.toBeConfirmed && <span className="badge warn">{t('common.toBeConfirmed')}</span>}
              <br />
              <span className="hint">
                {r.overdue ? t('home.overdue', { days: -r.daysLeft }) : t('home.dueIn', { days: r.daysLeft })} · {formatDate(r.due, lang)}
                {r.collaboration && (
                  <>
                    {' · '}
                    <Link href={`/collaborations/${r.collaboration.id}/checklist`}>{r.collaboration.title}</Link>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Notifications() {
  const { t, lang } = useI18n();
  const notifications = useQuery(homeQueries.notifications);
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('home.notifications')}</h2>
      {notifications.isPending ? (
        <Loading />
      ) : notifications.isError ? (
        <ErrorNote error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : notifications.data.items.length === 0 ? (
        <Empty>{t('home.noNotifications')}</Empty>
      ) : (
        <ul className="list">
          {notifications.data.items.map((n) => (
            <li key={n.id}>
              <strong>{n.subject[lang]}</strong>
              <br />
              <span className="hint">{formatDate(n.createdAt, lang)}</span>
              {n.collaborationId && (
                <>
                  {' · '}
                  <Link href={`/collaborations/${n.collaborationId}`}>{t('home.open')}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
