import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, ApiError, call, type EventBody, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useMe } from '../lib/session';
import { Empty, ErrorNote, Field, formatDateTime, Loading, Page } from '../lib/ui';

// pdf.js is heavy: loaded with this screen's viewer only, never with the first page.
const PdfView = lazy(() => import('../lib/PdfView'));

type View = Schemas['CollaborationViewDto'];
type Current = { version: number; revision: number; sha256: string | null; generatedAt: string | null };
type Signature = {
  organizationId: string;
  signerName: string;
  signerTitle: string;
  version: number;
  sha256: string;
  at: string;
  place?: string;
  meterai?: { kind: (typeof METERAI)[number]; serial?: string };
};
type Change = { op: 'add' | 'remove' | 'same'; text: string };
const LANGS = ['bilingual', 'id', 'en'] as const;
/** What a meterai may be (agreement.sign's meterai.kind). */
const METERAI = ['electronic', 'paper'] as const;

const pdfUrl = (id: string, version: number, lang: string): string => `/api/v1/collaborations/${id}/agreements/${version}/pdf?lang=${lang}`;

/** The agreement: the PDF in the page, downloads, versions and their differences, signing, the executed copy, and verifying a file. */
export default function Agreement({ id }: { id: string }) {
  const { t } = useI18n();
  const view = useQuery({
    queryKey: ['collaboration', id],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
    // The document is generated after the terms are accepted: look again until its fingerprint is there.
    refetchInterval: (query) => {
      const agreement = query.state.data?.context.agreement as unknown as Current | null | undefined;
      return agreement && !agreement.sha256 ? 1000 : false;
    },
  });
  const title = view.data ? t('agreement.titleOf', { title: view.data.title }) : t('agreement.title');
  const back = <Link href={`/collaborations/${id}`}>{t('checklist.back')}</Link>;
  if (view.isPending)
    return (
      <Page title={title} actions={back}>
        <Loading />
      </Page>
    );
  if (view.isError)
    return (
      <Page title={title} actions={back}>
        <ErrorNote error={view.error} onRetry={() => void view.refetch()} />
      </Page>
    );
  const current = view.data.context.agreement as unknown as Current | null;
  return (
    <Page title={title} actions={back}>
      {!current ? (
        <section className="card">
          <Empty>{t('agreement.none')}</Empty>
          <Link href={`/collaborations/${id}/negotiation`}>{t('agreement.toTerms')}</Link>
        </section>
      ) : !current.sha256 ? (
        <section className="card">
          <p className="loading" role="status">
            {t('agreement.generating')}
          </p>
        </section>
      ) : (
        <Document view={view.data} current={current as Current & { sha256: string }} />
      )}
      <Verify />
    </Page>
  );
}

function Document({ view, current }: { view: View; current: Current & { sha256: string } }) {
  const { t, tx, lang } = useI18n();
  const versions = useQuery({
    queryKey: ['agreements', view.id, current.version],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/agreements', { params: { path: { id: view.id } } })),
  });
  const [shown, setShown] = useState(current.version);
  useEffect(() => setShown(current.version), [current.version]);
  const signatures = (view.context.signatures as unknown as Signature[]).filter((s) => s.version === current.version);
  const parties = view.parties.filter((p) => p.role !== 'invited');
  const executed = signatures.length >= parties.length;
  const partyName = (orgId: string): string => parties.find((p) => p.organizationId === orgId)?.name ?? '—';

  return (
    <>
      <div className="grid doc">
        <section className="card" aria-labelledby="doc-title">
          <h2 id="doc-title">{t('agreement.versionN', { n: shown })}</h2>
          {shown !== current.version && <p className="badge warn">{t('agreement.older', { n: current.version })}</p>}
          <Viewer id={view.id} version={shown} />
        </section>
        <div>
          <section className="card" aria-labelledby="download-title">
            <h2 id="download-title">{t('agreement.download')}</h2>
            <ul className="actions">
              {LANGS.map((l) => (
                <li key={l}>
                  <a className="button" href={pdfUrl(view.id, shown, l)} download>
                    {t(`agreement.lang.${l}`)}
                  </a>
                </li>
              ))}
            </ul>
            {executed && (
              <>
                <h3>{t('agreement.executed')}</h3>
                <p className="hint">{t('agreement.executedAbout')}</p>
                <a
                  className="button primary"
                  href={`/api/v1/collaborations/${view.id}/agreements/${current.version}/executed.pdf`}
                  download
                >
                  {t('agreement.executedDownload')}
                </a>
              </>
            )}
          </section>
          <section className="card" aria-labelledby="sign-title">
            <h2 id="sign-title">{t('agreement.signatures')}</h2>
            {signatures.length === 0 ? (
              <Empty>{t('agreement.noSignatures')}</Empty>
            ) : (
              <ul className="list">
                {signatures.map((s) => (
                  <li key={s.organizationId}>
                    <strong>{partyName(s.organizationId)}</strong> · {s.signerName}, {s.signerTitle}
                    <br />
                    <span className="hint">
                      <time dateTime={s.at}>{formatDateTime(s.at, lang)}</time>
                      {s.place ? ` · ${s.place}` : ''}
                      {s.meterai ? ` · ${t(`agreement.meterai.${s.meterai.kind}`)}${s.meterai.serial ? ` ${s.meterai.serial}` : ''}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {parties
              .filter((p) => !signatures.some((s) => s.organizationId === p.organizationId))
              .map((p) => (
                <p key={p.organizationId} className="hint">
                  {t('agreement.waitingFor', { party: p.name })}
                </p>
              ))}
            {view.allowedEvents.includes('agreement.sign') && <SignForm view={view} current={current} />}
            {view.state !== 'agreement' && !executed && <p className="badge">{tx(`state.${view.state}`, view.state)}</p>}
            {executed && (
              <p>
                <Link href={`/collaborations/${view.id}/checklist`}>{t('collab.toChecklist')}</Link>
              </p>
            )}
          </section>
        </div>
      </div>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('agreement.versions')}</h2>
        {versions.isPending ? (
          <Loading />
        ) : versions.isError ? (
          <ErrorNote error={versions.error} onRetry={() => void versions.refetch()} />
        ) : (
          <>
            <ul className="list">
              {[...versions.data.items].reverse().map((v) => (
                <li key={v.version}>
                  <strong>{t('agreement.versionN', { n: v.version })}</strong> · {v.template} ·{' '}
                  <time dateTime={v.createdAt}>{formatDateTime(v.createdAt, lang)}</time>
                  <br />
                  <code className="hash">sha256 {v.sha256}</code>
                  <br />
                  {v.version !== shown && (
                    <button type="button" onClick={() => setShown(v.version)}>
                      {t('agreement.show', { n: v.version })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {versions.data.items.length >= 2 && <Diff id={view.id} versions={versions.data.items.map((v) => v.version)} />}
          </>
        )}
      </section>
    </>
  );
}

/** The PDF of one version, fetched once per version and drawn by pdf.js. */
function Viewer({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const pdf = useQuery({
    queryKey: ['agreement-pdf', id, version],
    queryFn: async () => {
      const response = await fetch(pdfUrl(id, version, 'bilingual'), { credentials: 'same-origin' }).catch(() => null);
      if (!response) throw new ApiError(0, 'NETWORK', 'network');
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
        throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText);
      }
      return response.arrayBuffer();
    },
    staleTime: Infinity, // a version's PDF never changes
  });
  if (pdf.isPending) return <Loading />;
  if (pdf.isError) return <ErrorNote error={pdf.error} onRetry={() => void pdf.refetch()} />;
  return (
    <Suspense fallback={<Loading />}>
      <PdfView data={pdf.data} label={t('agreement.versionN', { n: version })} />
    </Suspense>
  );
}

/**
 * Signing: the fingerprint being signed, what signing means, who signs (only the organization's recorded signatory's own
 * account may: the service answers anyone else 403 SIGNING_AUTHORITY_REQUIRED) and the party's meterai.
 */
function SignForm({ view, current }: { view: View; current: Current & { sha256: string } }) {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const mine = me.data?.organizations.find((o) => view.parties.some((p) => p.organizationId === o.id));
  const signatory = mine?.signatory ?? null;
  const maySign = Boolean(signatory?.userId && signatory.userId === me.data?.user.id);
  const [meterai, setMeterai] = useState<(typeof METERAI)[number]>('electronic');
  const [serial, setSerial] = useState('');
  const [understood, setUnderstood] = useState(false);
  const sign = useMutation({
    mutationFn: (body: EventBody) =>
      call(
        api.POST('/api/v1/collaborations/{id}/events', {
          params: { path: { id: view.id }, header: { 'If-Match': `"${view.version}"` } },
          body,
        }),
      ),
    onSuccess: async (next) => {
      queryClient.setQueryData(['collaboration', view.id], next);
      await queryClient.invalidateQueries({ queryKey: ['collaborations'] });
    },
  });
  const problems = sign.error instanceof ApiError ? sign.error.fieldProblems() : {};
  return (
    <form
      className="sign"
      onSubmit={(e) => {
        e.preventDefault();
        const stamp = serial.trim() ? { kind: meterai, serial: serial.trim() } : { kind: meterai };
        sign.mutate({ type: 'agreement.sign', version: current.version, sha256: current.sha256, meterai: stamp });
      }}
    >
      <h3>{t('agreement.signTitle', { n: current.version })}</h3>
      <p>{t('agreement.signMeans')}</p>
      <p className="hint" id="sha-about">
        {t('agreement.shaAbout')}
      </p>
      <p>
        <code className="hash" aria-describedby="sha-about" data-testid="sha256">
          {current.sha256}
        </code>
      </p>
      <p data-testid="signatory">
        {t('agreement.signer')}: <strong>{signatory ? `${signatory.name}, ${signatory.title}` : t('agreement.noSignatory')}</strong>
      </p>
      {!maySign && (
        <p className="hint">
          {t('agreement.onlySignatory')} <Link href="/organization">{t('nav.organization')}</Link>
        </p>
      )}
      <fieldset>
        <legend>{t('agreement.meterai')}</legend>
        <p className="hint">{t('agreement.meteraiAbout')}</p>
        {METERAI.map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name="meterai" value={kind} checked={meterai === kind} onChange={() => setMeterai(kind)} />
            <span>{t(`agreement.meterai.${kind}`)}</span>
          </label>
        ))}
        <Field
          label={t('agreement.meteraiSerial')}
          hint={t('agreement.meteraiSerialHint')}
          value={serial}
          onChange={(e) => setSerial(e.target.value)}
          required={meterai === 'electronic'}
          error={problems['meterai.serial']}
        />
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        <span>{t('agreement.confirm', { sha: current.sha256.slice(0, 16) })}</span>
      </label>
      {sign.isError && <ErrorNote error={sign.error} />}
      <button type="submit" className="primary" disabled={!understood || sign.isPending}>
        {sign.isPending ? t('common.wait') : t('event.agreement.sign')}
      </button>
    </form>
  );
}

/** Two versions compared clause by clause, word by word, Indonesian and English side by side. */
function Diff({ id, versions }: { id: string; versions: number[] }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(versions.at(-2)!);
  const [to, setTo] = useState(versions.at(-1)!);
  const diff = useQuery({
    queryKey: ['agreement-diff', id, from, to],
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}/agreements/{from}/diff/{to}', { params: { path: { id, from, to } } })),
    staleTime: Infinity,
  });
  const pick = (label: string, value: number, set: (n: number) => void, key: string) => (
    <div className="field">
      <label htmlFor={key}>{label}</label>
      <select id={key} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v} value={v}>
            {t('agreement.versionN', { n: v })}
          </option>
        ))}
      </select>
    </div>
  );
  const words = (changes: Change[]) =>
    changes.map((c, i) =>
      c.op === 'add' ? (
        <ins key={i}>{c.text}</ins>
      ) : c.op === 'remove' ? (
        <del key={i}>{c.text}</del>
      ) : (
        <span key={i}>{around(c.text, i > 0, i < changes.length - 1)}</span>
      ),
    );
  return (
    <>
      <h3>{t('agreement.compare')}</h3>
      <div className="row">
        {pick(t('terms.compareFrom'), from, setFrom, 'diff-from')}
        {pick(t('terms.compareTo'), to, setTo, 'diff-to')}
      </div>
      {diff.isPending ? (
        <Loading />
      ) : diff.isError ? (
        <ErrorNote error={diff.error} onRetry={() => void diff.refetch()} />
      ) : diff.data.clauses.length === 0 ? (
        <Empty>{t('agreement.same')}</Empty>
      ) : (
        diff.data.clauses.map((clause, i) => (
          <article key={i} className="clause">
            <h4>
              {clause.heading.id}{' '}
              <span className="badge warn">{t(`agreement.clause.${clause.status as 'added' | 'removed' | 'changed'}`)}</span>
            </h4>
            <div className="row">
              <p lang="id">{words(clause.changes.id as Change[])}</p>
              <p lang="en">{words(clause.changes.en as Change[])}</p>
            </div>
          </article>
        ))
      )}
    </>
  );
}

const CONTEXT_WORDS = 12;
/** Unchanged text between changes, shortened to the words next to them: the change is what the reader looks for. */
function around(text: string, afterChange: boolean, beforeChange: boolean): string {
  const words = text.split(/(\s+)/);
  const keep = CONTEXT_WORDS * 2; // words and the spaces between them
  if (words.length <= keep * (Number(afterChange) + Number(beforeChange)) + 2) return text;
  const head = afterChange ? words.slice(0, keep).join('') : '';
  const tail = beforeChange ? words.slice(-keep).join('') : '';
  return `${head}${head ? ' ' : ''}…${tail ? ' ' : ''}${tail}`;
}

type VerifyResult = { genuine: boolean; sha256: string; kind?: string; message: string; collaborationId?: string; version?: number };

/** Is this file genuine? Drop it on the page (or choose it); the service compares its sha256 with every document it issued. */
function Verify() {
  const { t } = useI18n();
  const [over, setOver] = useState(false);
  const check = useMutation({
    mutationFn: async (file: File): Promise<VerifyResult> =>
      call(
        api.POST('/api/v1/verify', {
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'Content-Type': 'application/pdf' },
        }),
      ) as Promise<VerifyResult>,
  });
  const { mutate } = check;
  const take = useCallback(
    (files: FileList | null | undefined): void => {
      const file = files?.[0];
      if (file) mutate(file);
    },
    [mutate],
  );
  // A file dropped anywhere on this page is checked (and the browser does not open it in place of the page).
  useEffect(() => {
    const dragOver = (event: globalThis.DragEvent): void => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setOver(true);
    };
    const dragLeave = (event: globalThis.DragEvent): void => {
      if (!event.relatedTarget) setOver(false); // left the window
    };
    const drop = (event: globalThis.DragEvent): void => {
      if (!event.dataTransfer?.files.length) return;
      event.preventDefault();
      setOver(false);
      take(event.dataTransfer.files);
      document.getElementById('verify-title')?.scrollIntoView({ block: 'start' });
    };
    document.addEventListener('dragover', dragOver);
    document.addEventListener('dragleave', dragLeave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', dragOver);
      document.removeEventListener('dragleave', dragLeave);
      document.removeEventListener('drop', drop);
    };
  }, [take]);
  return (
    <section className={over ? 'card dropzone over' : 'card dropzone'} aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p className="hint">{t('verify.about')}</p>
      <div className="field">
        <label htmlFor="verify-file">{t('verify.choose')}</label>
        <input id="verify-file" type="file" accept="application/pdf,.pdf" onChange={(e) => take(e.target.files)} />
      </div>
      {check.isPending && (
        <p className="loading" role="status">
          {t('verify.checking')}
        </p>
      )}
      {check.isError && <ErrorNote error={check.error} />}
      {check.data && (
        <div className={check.data.genuine ? 'verdict ok' : 'verdict bad'} role="status">
          <p>
            <strong>{check.data.genuine ? t('verify.genuine') : t('verify.notGenuine')}</strong>
          </p>
          {check.data.kind && <p>{t(`verify.kind.${check.data.kind as 'agreement' | 'executed'}`)}</p>}
          {check.data.collaborationId && (
            <p>
              <Link href={`/collaborations/${check.data.collaborationId}/agreement`}>
                {t('verify.yours', { n: check.data.version ?? '' })}
              </Link>
            </p>
          )}
          <p className="hint" lang="en">
            {check.data.message}
          </p>
          <p className="hint">
            sha256 <code className="hash">{check.data.sha256}</code>
          </p>
        </div>
      )}
    </section>
  );
}
