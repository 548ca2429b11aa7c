import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n';
import { useDraft } from '../../lib/draft';
import { Empty, ErrorNote, Field, formatDate, Loading, Select } from '../../lib/ui';

type Org = Schemas['OrganizationWithRoleDto'];
// The path segment of each kind of record (GET/POST /organizations/:id/{marks|designs|copyrights}).
const KINDS = ['marks', 'designs', 'copyrights'] as const;
type Kind = (typeof KINDS)[number];
const STATUSES = ['none', 'searching', 'filed', 'published', 'opposed', 'examination', 'registered', 'refused', 'lapsed'] as const;

interface Deadline {
  kind: string;
  due: string;
  title: { id: string; en: string };
  legalBasis: string | null;
  toBeConfirmed: boolean;
  overdue: boolean;
}
interface IpRecord {
  id: string;
  kind: string;
  name: string;
  classes: number[];
  status: string;
  applicationNumber: string | null;
  filingDate: string | null;
  registrationDate: string | null;
  firstDisclosureDate: string | null;
  deadlines: Deadline[];
}

const EMPTY = {
  kind: 'marks' as Kind,
  name: '',
  status: 'none',
  classes: '',
  applicationNumber: '',
  filingDate: '',
  registrationDate: '',
  firstDisclosureDate: '',
};

/** Marks, industrial designs and copyright recordals, each with the statutory deadlines the API computes. */
export function IpRecords({ org }: { org: Org }) {
  const { t } = useI18n();
  const lists = useQueries({
    queries: KINDS.map((kind) => ({
      queryKey: ['ip-records', org.id, kind],
      queryFn: async () =>
        (await call(api.GET('/api/v1/organizations/{id}/{kind}', { params: { path: { id: org.id, kind } } }))) as unknown as IpRecord[],
    })),
  });
  return (
    <section className="card" aria-labelledby="ip-title">
      <h2 id="ip-title">{t('ip.title')}</h2>
      <p className="why">{t('ip.why')}</p>
      {KINDS.map((kind, i) => (
        <div key={kind}>
          <h3>{t(`ip.kind.${kind}` as MessageKey)}</h3>
          {lists[i].isPending ? (
            <Loading />
          ) : lists[i].isError ? (
            <ErrorNote error={lists[i].error} onRetry={() => void lists[i].refetch()} />
          ) : lists[i].data.length === 0 ? (
            <Empty>{t('ip.none')}</Empty>
          ) : (
            <ul className="list">
              {lists[i].data.map((record) => (
                <Record key={record.id} record={record} />
              ))}
            </ul>
          )}
        </div>
      ))}
      {org.role !== 'member' && <AddRecord org={org} />}
    </section>
  );
}

function Record({ record }: { record: IpRecord }) {
  const { t, lang } = useI18n();
  return (
    <li>
      <strong>{record.name}</strong> <span className="badge">{t(`ipStatus.${record.status}` as MessageKey)}</span>
      {record.classes.length > 0 && <span className="hint"> · {t('ip.classesOf', { classes: record.classes.join(', ') })}</span>}
      {record.applicationNumber && <span className="hint"> · {record.applicationNumber}</span>}
      {record.deadlines.length === 0 ? (
        <p className="hint">{t('ip.noDeadlines')}</p>
      ) : (
        <ul className="deadlines" aria-label={t('ip.deadlinesOf', { name: record.name })}>
          {record.deadlines.map((d) => (
            <li key={d.kind} className={d.overdue ? 'overdue' : undefined}>
              <strong>{d.title[lang as 'id' | 'en']}</strong>: <time dateTime={d.due}>{formatDate(d.due, lang)}</time>
              {d.overdue && <span className="badge warn">{t('ip.overdue')}</span>}
              {d.toBeConfirmed && <span className="badge warn">{t('common.toBeConfirmed')}</span>}
              {d.legalBasis && (
                <>
                  <br />
                  <span className="hint">{d.legalBasis}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function AddRecord({ org }: { org: Org }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm, clearDraft] = useDraft('ip-record', EMPTY);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const add = useMutation({
    mutationFn: () => {
      const date = (text: string): string | null => text || null;
      const body = {
        name: form.name,
        status: form.status as (typeof STATUSES)[number],
        applicationNumber: form.applicationNumber.trim() || null,
        filingDate: date(form.filingDate),
        registrationDate: date(form.registrationDate),
        ...(form.kind === 'designs' ? { firstDisclosureDate: date(form.firstDisclosureDate) } : {}),
        ...(form.kind === 'marks'
          ? {
              classes: form.classes
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean)
                .map(Number),
            }
          : {}),
      };
      return call(api.POST('/api/v1/organizations/{id}/{kind}', { params: { path: { id: org.id, kind: form.kind } }, body }));
    },
    onSuccess: async () => {
      const kind = form.kind;
      clearDraft({ ...EMPTY, kind });
      await queryClient.invalidateQueries({ queryKey: ['ip-records', org.id, kind] });
      await queryClient.invalidateQueries({ queryKey: ['reminders'] });
    },
  });
  const problems = add.error instanceof ApiError ? add.error.fieldProblems() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="ip-add-title">
      <h3 id="ip-add-title">{t('ip.add')}</h3>
      <Select
        label={t('ip.kindLabel')}
        options={KINDS.map((value) => ({ value, label: t(`ip.kind.${value}` as MessageKey) }))}
        value={form.kind}
        onChange={set('kind')}
      />
      <Field label={t('ip.name')} required maxLength={200} value={form.name} onChange={set('name')} error={problems.name} />
      <Select
        label={t('ip.status')}
        options={STATUSES.map((value) => ({ value, label: t(`ipStatus.${value}` as MessageKey) }))}
        value={form.status}
        onChange={set('status')}
        error={problems.status}
      />
      {form.kind === 'marks' && (
        <Field
          label={t('ip.classes')}
          hint={t('ip.classesHint')}
          inputMode="numeric"
          value={form.classes}
          onChange={set('classes')}
          error={problems.classes}
        />
      )}
      <Field
        label={t('ip.applicationNumber')}
        value={form.applicationNumber}
        onChange={set('applicationNumber')}
        error={problems.applicationNumber}
      />
      <Field label={t('ip.filingDate')} type="date" value={form.filingDate} onChange={set('filingDate')} error={problems.filingDate} />
      <Field
        label={t('ip.registrationDate')}
        type="date"
        value={form.registrationDate}
        onChange={set('registrationDate')}
        error={problems.registrationDate}
      />
      {form.kind === 'designs' && (
        <Field
          label={t('ip.firstDisclosureDate')}
          hint={t('ip.firstDisclosureHint')}
          type="date"
          value={form.firstDisclosureDate}
          onChange={set('firstDisclosureDate')}
          error={problems.firstDisclosureDate}
        />
      )}
      {add.isError && <ErrorNote error={add.error} />}
      {add.isSuccess && <p role="status">{t('ip.added')}</p>}
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? t('common.wait') : t('ip.addSubmit')}
      </button>
    </form>
  );
}
