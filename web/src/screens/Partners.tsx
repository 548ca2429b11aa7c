import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, call, type EventBody, type Schemas } from '../api/client';
import type { operations } from '../api/schema';
import { type Translate, useI18n } from '../i18n';
import { CRITERIA, type Criterion, FORMS } from '../lib/elements';
import { Link, navigate, useLocation } from '../lib/router';
import { Empty, ErrorNote, Field, formatDate, Loading, Page, Paused, Select } from '../lib/ui';

type View = Schemas['CollaborationViewDto'];
type Profile = Schemas['PublicProfileDto'];
type Fit = {
  score: number;
  eligible: boolean;
  flags: string[];
  criteria: { key: string; score: number | null; source: 'computed' | 'rated'; explanation: { id: string; en: string } }[];
};
type Contact = { name: string; email: string; brand?: string; phone?: string };
type Candidate = {
  id: string;
  organizationId: string | null;
  contact?: Contact;
  fit?: Fit;
  scores: Partial<Record<Criterion, number>> | null;
};

const TABS = ['suggestions', 'directory', 'contact', 'shortlist'] as const;
type Tab = (typeof TABS)[number];
const FILTERS = ['q', 'category', 'city', 'form', 'priceTier', 'channel'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
type DirectoryQuery = NonNullable<operations['PartnersController_find']['parameters']['query']>;
const PRICE_TIERS = ['budget', 'mid', 'premium'] as const;
const CHANNELS = ['offline_store', 'marketplace', 'instagram', 'tiktok', 'website', 'consignment'] as const;
const SOURCES = ['event', 'referral', 'instagram', 'other'] as const;

const candidatesOf = (view: View): Candidate[] => view.context.candidates as unknown as Candidate[];

/** One lifecycle event from this screen; the answer is the collaboration's new view. */
function useSend(view: View) {
  const queryClient = useQueryClient();
  return useMutation({
    networkMode: 'online', // offline, the send waits and the screen says so (Paused), then goes once back online
    mutationFn: (body: EventBody) =>
      call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id: view.id }, header: { 'If-Match': `"${view.version}"` } },
          body,
        }),
      ),
    onSuccess: async (next) => {
      queryClient.setQueryData(['collaboration', view.id], next);
      await queryClient.invalidateQueries({ queryKey: ['suggestions', view.id] });
      await queryClient.invalidateQueries({ queryKey: ['collaborations'] });
    },
  });
}

/** The partner search of one proposal: suggestions by fit, the directory, a contact by email, the shortlist; then the invitation. */
export default function Partners({ id }: { id: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
  });
  const title = view.data ? t('partners.titleOf', { title: view.data.title }) : t('partners.title');
  const back = <Link href={`/collaborations/${id}`}>{t('partners.back')}</Link>;
  if (view.isPending) return <Page title={title}>{<Loading />}</Page>;
  if (view.isError)
    return (
      <Page title={title} actions={back}>
        <ErrorNote error={view.error} onRetry={() => void view.refetch()} />
      </Page>
    );
  const data = view.data;
  const searching = data.allowedEvents.includes('partner.shortlist');
  if (data.state === 'invitation' && data.allowedEvents.includes('invitation.revoke'))
    return (
      <Page title={title} actions={back}>
        <InvitationSent view={data} />
      </Page>
    );
  if (!searching)
    return (
      <Page title={title} actions={back}>
        <Empty>{data.state === 'proposal' ? t('partners.notYet') : t('partners.closed')}</Empty>
      </Page>
    );
  const requested = query.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'suggestions';
  const shortlisted = candidatesOf(data).length;
  return (
    <Page title={title} actions={back}>
      <nav className="tabs" aria-label={t('partners.tabs')}>
        {TABS.map((name) => (
          <Link key={name} href={`/collaborations/${id}/partners?tab=${name}`} aria-current={tab === name ? 'page' : undefined}>
            {name === 'shortlist' ? t('partners.tab.shortlistOf', { n: shortlisted }) : t(`partners.tab.${name}`)}
          </Link>
        ))}
      </nav>
      {tab === 'suggestions' && <Suggestions view={data} />}
      {/* Keyed by the address: back and forward put the filters of that search back in the form. */}
      {tab === 'directory' && <Directory key={query.toString()} view={data} />}
      {tab === 'contact' && <ContactForm view={data} />}
      {tab === 'shortlist' && <Shortlist view={data} />}
    </Page>
  );
}

/** What a flag from the fit engine says, in the reader's language (the engine writes them in English). */
function flagText(flag: string, t: Translate, criterion: (key: string) => string): string {
  let m = /^minimum not yet known: (\w+) \(needs (\d+)\)$/.exec(flag);
  if (m) return t('flag.minimumUnknown', { criterion: criterion(m[1]), minimum: m[2] });
  m = /^below the minimum: (\w+) (\d+) < (\d+)$/.exec(flag);
  if (m) return t('flag.belowMinimum', { criterion: criterion(m[1]), score: m[2], minimum: m[3] });
  m = /^mark not registered \(Nice class(?:es)? (.+)\)$/.exec(flag);
  if (m) return t('flag.markNotRegistered', { classes: m[1] });
  if (flag === 'capacity below the required volume') return t('flag.capacity');
  if (flag === 'lead time longer than the timeline') return t('flag.leadTime');
  return flag;
}

/** The fit: score, eligibility, flags, and (opened on request) each criterion with its reason. */
function FitBreakdown({ fit, open = false }: { fit: Fit; open?: boolean }) {
  const { t, tx, lang } = useI18n();
  const criterion = (key: string): string => tx(`criterion.${key}`, key);
  // "Not enough data" once, for the criteria no other note names already (the breakdown says why for each).
  const unknown = fit.flags.map((flag) => /^not enough data: (\w+)/.exec(flag)?.[1]).filter((key): key is string => Boolean(key));
  const named = fit.flags.map((flag) => /^minimum not yet known: (\w+)/.exec(flag)?.[1]);
  const rest = unknown.filter((key) => !named.includes(key));
  const notes = [
    ...fit.flags.filter((flag) => !flag.startsWith('not enough data: ')).map((flag) => flagText(flag, t, criterion)),
    ...(rest.length > 0 ? [t('flag.notEnoughData', { criteria: rest.map(criterion).join(', ') })] : []),
  ];
  return (
    <div className="fit">
      <p className="fit-score">
        <strong>{t('fit.score', { score: fit.score })}</strong>{' '}
        <span className={fit.eligible ? 'badge status-done' : 'badge warn'}>{fit.eligible ? t('fit.eligible') : t('fit.notEligible')}</span>
      </p>
      {notes.length > 0 && (
        <ul className="flags" aria-label={t('fit.flags')}>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <details open={open}>
        <summary>{t('fit.breakdown')}</summary>
        <dl className="breakdown">
          {fit.criteria.map((c) => (
            <div key={c.key}>
              <dt>
                {criterion(c.key)}{' '}
                <span className="badge">{c.score === null ? t('fit.unknown') : t('fit.outOf5', { score: c.score })}</span>{' '}
                <span className="hint">{c.source === 'rated' ? t('fit.rated') : t('fit.computed')}</span>
              </dt>
              <dd>{c.explanation[lang]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

function ProfileSummary({ profile }: { profile: Profile }) {
  const { t, tx } = useI18n();
  return (
    <>
      <p className="hint">
        {profile.city} · {profile.categories.join(', ')} · {tx(`priceTier.${profile.priceTier}`, profile.priceTier)} ·{' '}
        {t('partners.capacity', { n: profile.capacityPerMonth })}
      </p>
      {profile.story && <p>{profile.story}</p>}
    </>
  );
}

/** A shortlist button for a directory organization; its name is remembered for the shortlist. */
function ShortlistButton({ view, profile, label }: { view: View; profile: Profile; label: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const send = useSend(view);
  const already = candidatesOf(view).some((c) => c.organizationId === profile.id);
  if (already || send.isSuccess)
    return (
      <p role="status">
        <span className="badge status-done">{t('partners.onShortlist')}</span>{' '}
        <Link href={`/collaborations/${view.id}/partners?tab=shortlist`}>{t('partners.toShortlist')}</Link>
      </p>
    );
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={send.isPending}
        onClick={() => {
          queryClient.setQueryData(['partner', profile.id], profile);
          send.mutate({ type: 'partner.shortlist', organizationId: profile.id, source: 'directory' });
        }}
      >
        {label}
      </button>
      <Paused paused={send.isPaused} />
      {send.isError && <ErrorNote error={send.error} />}
    </>
  );
}

function Suggestions({ view }: { view: View }) {
  const { t } = useI18n();
  const suggestions = useQuery({
    queryKey: ['suggestions', view.id, view.version],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/suggestions', { params: { path: { id: view.id }, query: { limit: 10 } } })),
  });
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('partners.tab.suggestions')}</h2>
      <p className="why">{t('partners.suggestionsWhy')}</p>
      {suggestions.isPending ? (
        <Loading />
      ) : suggestions.isError ? (
        <ErrorNote error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : suggestions.data.items.length === 0 ? (
        <Empty>
          {t('partners.noSuggestions')}{' '}
          <Link href={`/collaborations/${view.id}/partners?tab=directory`}>{t('partners.tab.directory')}</Link>
        </Empty>
      ) : (
        <ul className="list">
          {suggestions.data.items.map(({ partner, fit }) => (
            <li key={partner.id}>
              <h3>{partner.name}</h3>
              <ProfileSummary profile={partner} />
              <FitBreakdown fit={fit as Fit} />
              <ShortlistButton view={view} profile={partner} label={t('event.partner.shortlist')} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const filtersOf = (query: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? ''])) as Filters;

function Directory({ view }: { view: View }) {
  const { t, tx } = useI18n();
  const { query } = useLocation();
  const applied = filtersOf(query);
  const [filters, setFilters] = useState<Filters>(applied);
  const set = (name: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [name]: e.target.value });
  // The address may hold any text: a value the API does not take comes back as a 400 shown in plain words.
  const params = Object.fromEntries(Object.entries(applied).filter(([, value]) => value.trim() !== '')) as DirectoryQuery;
  const results = useInfiniteQuery({
    queryKey: ['partners', params],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/partners', { params: { query: { ...params, limit: 10, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // The filters live in the address: a search can be shared, reloaded and gone back to.
  const search = (event: FormEvent): void => {
    event.preventDefault();
    const next = new URLSearchParams({ tab: 'directory' });
    for (const name of FILTERS) if (filters[name].trim()) next.set(name, filters[name].trim());
    navigate(`/collaborations/${view.id}/partners?${next.toString()}`);
  };
  const any = { value: '', label: t('partners.any') };
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <form className="card" onSubmit={search} role="search" aria-labelledby="directory-title">
        <h2 id="directory-title">{t('partners.searchTitle')}</h2>
        <Field label={t('partners.q')} hint={t('partners.qHint')} type="search" value={filters.q} onChange={set('q')} />
        <div className="row">
          <Field label={t('partners.category')} value={filters.category} onChange={set('category')} />
          <Field label={t('org.city')} value={filters.city} onChange={set('city')} />
        </div>
        <details className="more-filters" open={Boolean(applied.form || applied.priceTier || applied.channel)}>
          <summary>{t('partners.moreFilters')}</summary>
          <div className="row">
            <Select
              label={t('partners.form')}
              value={filters.form}
              onChange={set('form')}
              options={[any, ...FORMS.map((f) => ({ value: f, label: t(`form.${f}`) }))]}
            />
            <Select
              label={t('partners.priceTier')}
              value={filters.priceTier}
              onChange={set('priceTier')}
              options={[any, ...PRICE_TIERS.map((p) => ({ value: p, label: tx(`priceTier.${p}`, p) }))]}
            />
            <Select
              label={t('partners.channel')}
              value={filters.channel}
              onChange={set('channel')}
              options={[any, ...CHANNELS.map((c) => ({ value: c, label: tx(`channel.${c}`, c) }))]}
            />
          </div>
        </details>
        <div className="buttons">
          <button type="submit" className="primary">
            {t('partners.search')}
          </button>
          {Object.keys(params).length > 0 && (
            <Link
              className="button"
              href={`/collaborations/${view.id}/partners?tab=directory`}
              onClick={() => setFilters(filtersOf(new URLSearchParams()))}
            >
              {t('partners.clear')}
            </Link>
          )}
        </div>
      </form>
      <section className="card" aria-labelledby="results-title" aria-busy={results.isFetching}>
        <h2 id="results-title">{t('partners.results')}</h2>
        {results.isPending ? (
          <Loading />
        ) : results.isError ? (
          <ErrorNote error={results.error} onRetry={() => void results.refetch()} />
        ) : items.length === 0 ? (
          <Empty>{Object.keys(params).length > 0 ? t('partners.noResults') : t('partners.emptyDirectory')}</Empty>
        ) : (
          <>
            <ul className="list">
              {items.map((profile) => (
                <li key={profile.id}>
                  <h3>{profile.name}</h3>
                  <ProfileSummary profile={profile} />
                  {profile.id !== view.context.initiatorOrganizationId && (
                    <ShortlistButton view={view} profile={profile} label={t('event.partner.shortlist')} />
                  )}
                </li>
              ))}
            </ul>
            {results.hasNextPage && (
              <button type="button" disabled={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
                {t('partners.more')}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}

/** Someone not on Kolabora yet: shortlisted by email, then rated and invited like any candidate. */
function ContactForm({ view }: { view: View }) {
  const { t } = useI18n();
  const send = useSend(view);
  const [contact, setContact] = useState({ name: '', email: '', brand: '', phone: '', source: 'event' });
  const set = (name: keyof typeof contact) => (e: { target: { value: string } }) => setContact({ ...contact, [name]: e.target.value });
  const problems =
    send.error && 'fieldProblems' in send.error ? (send.error as { fieldProblems: () => Record<string, string> }).fieldProblems() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    send.mutate(
      {
        type: 'partner.shortlist',
        source: contact.source as (typeof SOURCES)[number],
        contact: {
          name: contact.name.trim(),
          email: contact.email.trim(),
          brand: contact.brand.trim() || null,
          phone: contact.phone.trim() || null,
        },
      },
      { onSuccess: () => navigate(`/collaborations/${view.id}/partners?tab=shortlist`) },
    );
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="contact-title">
      <h2 id="contact-title">{t('partners.contactTitle')}</h2>
      <p className="why">{t('partners.contactWhy')}</p>
      <Field
        label={t('partners.contactName')}
        autoComplete="off"
        required
        value={contact.name}
        onChange={set('name')}
        error={problems['contact.name']}
      />
      <Field
        label={t('field.email')}
        type="email"
        autoComplete="off"
        required
        value={contact.email}
        onChange={set('email')}
        error={problems['contact.email']}
      />
      <div className="row">
        <Field label={t('partners.contactBrand')} value={contact.brand} onChange={set('brand')} error={problems['contact.brand']} />
        <Field
          label={t('partners.contactPhone')}
          hint={t('partners.contactPhoneHint')}
          type="tel"
          value={contact.phone}
          onChange={set('phone')}
          error={problems['contact.phone']}
        />
      </div>
      <Select
        label={t('partners.source')}
        value={contact.source}
        onChange={set('source')}
        options={SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
      />
      <Paused paused={send.isPaused} />
      {send.isError && <ErrorNote error={send.error} />}
      <button type="submit" className="primary" disabled={send.isPending}>
        {send.isPending ? t('common.wait') : t('partners.addContact')}
      </button>
    </form>
  );
}

function Shortlist({ view }: { view: View }) {
  const { t } = useI18n();
  const candidates = candidatesOf(view);
  return (
    <section className="card" aria-labelledby="shortlist-title">
      <h2 id="shortlist-title">{t('partners.shortlistTitle')}</h2>
      {candidates.length === 0 ? (
        <Empty>
          {t('partners.emptyShortlist')}{' '}
          <Link href={`/collaborations/${view.id}/partners?tab=suggestions`}>{t('partners.tab.suggestions')}</Link>
        </Empty>
      ) : (
        <ul className="list">
          {candidates.map((candidate) => (
            <CandidateItem key={candidate.id} view={view} candidate={candidate} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CandidateName({ candidate }: { candidate: Candidate }) {
  const { t } = useI18n();
  const profile = useQuery({
    queryKey: ['partner', candidate.organizationId],
    queryFn: () => call(api.GET('/api/v1/partners/{id}', { params: { path: { id: candidate.organizationId! } } })),
    enabled: Boolean(candidate.organizationId),
    staleTime: Infinity,
    retry: false,
  });
  if (candidate.contact)
    return (
      <>
        {candidate.contact.name}
        {candidate.contact.brand && ` · ${candidate.contact.brand}`} <span className="badge">{t('partners.notOnKolabora')}</span>
      </>
    );
  return <>{profile.data?.name ?? t('partners.organization')}</>;
}

function CandidateItem({ view, candidate }: { view: View; candidate: Candidate }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'rate' | 'invite' | null>(null);
  const headingId = useId();
  return (
    <li aria-labelledby={headingId}>
      <h3 id={headingId}>
        <CandidateName candidate={candidate} />
      </h3>
      {candidate.contact && <p className="hint">{candidate.contact.email}</p>}
      {candidate.fit && <FitBreakdown fit={candidate.fit} />}
      <div className="buttons">
        <button type="button" onClick={() => setMode(mode === 'rate' ? null : 'rate')} aria-expanded={mode === 'rate'}>
          {t('partners.rate')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => setMode(mode === 'invite' ? null : 'invite')}
          aria-expanded={mode === 'invite'}
        >
          {t('event.partner.invite')}
        </button>
      </div>
      {mode === 'rate' && <RateForm view={view} candidate={candidate} onDone={() => setMode(null)} />}
      {mode === 'invite' && <InviteForm view={view} candidate={candidate} />}
    </li>
  );
}

/** The criteria people judge (no data can tell, or the initiator's own view replaced the computed one), 0–5. */
function RateForm({ view, candidate, onDone }: { view: View; candidate: Candidate; onDone: () => void }) {
  const { t } = useI18n();
  const send = useSend(view);
  const required = (view.context.partnerRequirements as unknown as { criterion: Criterion; minimum?: number | null }[]).map(
    (r) => r.criterion,
  );
  const judged = CRITERIA.filter((key) => {
    const fit = candidate.fit?.criteria.find((c) => c.key === key);
    return required.includes(key) && (!fit || fit.score === null || fit.source === 'rated');
  });
  const computed = CRITERIA.filter((key) => required.includes(key) && !judged.includes(key));
  const [scores, setScores] = useState<Record<string, string>>(
    Object.fromEntries(CRITERIA.map((key) => [key, candidate.scores?.[key] === undefined ? '' : String(candidate.scores[key])])),
  );
  const [more, setMore] = useState(false);
  const shown = more ? [...judged, ...computed] : judged;
  const options = [
    { value: '', label: t('fit.notRated') },
    ...[0, 1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`fit.scale${n}` as 'fit.scale0') })),
  ];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const given = Object.fromEntries(shown.filter((key) => scores[key] !== '').map((key) => [key, Number(scores[key])] as const));
    send.mutate({ type: 'partner.rate', candidateId: candidate.id, scores: given }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} className="subform">
      <p className="why">{t('partners.rateWhy')}</p>
      {shown.length === 0 && <p className="hint">{t('partners.allComputed')}</p>}
      {shown.map((key) => (
        <Select
          key={key}
          label={t(`criterion.${key}`)}
          value={scores[key]}
          onChange={(e) => setScores({ ...scores, [key]: e.target.value })}
          options={options}
        />
      ))}
      {!more && computed.length > 0 && (
        <button type="button" className="link" onClick={() => setMore(true)}>
          {t('partners.rateComputed')}
        </button>
      )}
      <Paused paused={send.isPaused} />
      {send.isError && <ErrorNote error={send.error} />}
      <div className="buttons">
        <button type="submit" className="primary" disabled={send.isPending || shown.every((key) => scores[key] === '')}>
          {t('partners.saveRating')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function InviteForm({ view, candidate }: { view: View; candidate: Candidate }) {
  const { t } = useI18n();
  const send = useSend(view);
  const [message, setMessage] = useState('');
  const [override, setOverride] = useState('');
  const eligible = candidate.fit?.eligible ?? true;
  const idPrefix = `invite-${candidate.id}`;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    send.mutate({
      type: 'partner.invite',
      candidateId: candidate.id,
      message: message.trim() || null,
      override: eligible ? null : { reason: override.trim() },
    });
  };
  return (
    <form onSubmit={submit} className="subform">
      <div className="field">
        <label htmlFor={`${idPrefix}-message`}>{t('partners.message')}</label>
        <p className="hint" id={`${idPrefix}-message-hint`}>
          {t('partners.messageHint')}
        </p>
        <textarea
          id={`${idPrefix}-message`}
          aria-describedby={`${idPrefix}-message-hint`}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      {!eligible && (
        <div className="field">
          <label htmlFor={`${idPrefix}-override`}>{t('partners.override')}</label>
          <p className="hint" id={`${idPrefix}-override-hint`}>
            {t('partners.overrideHint')}
          </p>
          <textarea
            id={`${idPrefix}-override`}
            aria-describedby={`${idPrefix}-override-hint`}
            required
            value={override}
            onChange={(e) => setOverride(e.target.value)}
          />
        </div>
      )}
      <Paused paused={send.isPaused} />
      {send.isError && <ErrorNote error={send.error} />}
      <button type="submit" className="primary" disabled={send.isPending}>
        {send.isPending ? t('common.wait') : t('partners.sendInvitation')}
      </button>
    </form>
  );
}

/** The invitation on its way: to whom, and for a contact the link to send (WhatsApp in one tap, or copied). */
function InvitationSent({ view }: { view: View }) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const pending = view.context.invitation as unknown as { contact?: Contact } | null;
  const invited = view.parties.find((p) => p.role === 'invited')?.name ?? pending?.contact?.name ?? '';
  const link = view.invitation;
  const copy = async (): Promise<void> => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.link);
      setCopied('yes');
    } catch {
      // No clipboard (an older browser, or permission refused): select the link so a long-press copies it.
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <section className="card" aria-labelledby="sent-title">
      <h2 id="sent-title">{t('partners.sentTitle')}</h2>
      <p>{t('partners.waitingFor', { name: invited })}</p>
      {link ? (
        <>
          <p className="why">{t('partners.linkWhy')}</p>
          <div className="field">
            <label htmlFor="invitation-link">{t('partners.link')}</label>
            <input id="invitation-link" ref={input} readOnly value={link.link} onFocus={(e) => e.target.select()} />
          </div>
          <p className="hint">{t('partners.linkExpires', { date: formatDate(link.expiresAt, lang) })}</p>
          <div className="buttons">
            <a className="button primary" href={link.whatsappUrl} target="_blank" rel="noopener noreferrer">
              {t('partners.whatsapp')}
            </a>
            <button type="button" onClick={() => void copy()}>
              {t('partners.copy')}
            </button>
          </div>
          <p role="status" aria-live="polite">
            {copied === 'yes' ? t('partners.copied') : copied === 'no' ? t('partners.copyByHand') : ''}
          </p>
        </>
      ) : (
        <p className="hint">{t('partners.orgNotified', { name: invited })}</p>
      )}
      <p>
        <Link href={`/collaborations/${view.id}`}>{t('partners.revokeThere')}</Link>
      </p>
    </section>
  );
}
