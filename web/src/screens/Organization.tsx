import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { legalFormOptions, LEGAL_FORMS, ROLES, scaleOptions, SCALES, splitList } from '../lib/org-options';
import { useMe } from '../lib/session';
import { Empty, ErrorNote, Field, formatDate, Loading, Page, Select } from '../lib/ui';
import { DirectoryProfile } from './organization/DirectoryProfile';
import { IpRecords } from './organization/IpRecords';

type Org = Schemas['OrganizationWithRoleDto'];

/** Profile, legal details and members of the signed-in user's (first) organization. */
export default function Organization() {
  const { t } = useI18n();
  const me = useMe();
  const org = me.data?.organizations[0];
  if (!org) return <Page title={t('org.title')}>{me.isPending ? <Loading /> : <Empty>{t('org.none')}</Empty>}</Page>;
  return (
    <Page title={t('org.title')}>
      <div className="grid">
        <Profile org={org} key={`p-${org.id}`} />
        <LegalDetails org={org} key={`l-${org.id}`} />
      </div>
      <Members org={org} />
      <DirectoryProfile org={org} />
      <IpRecords org={org} />
    </Page>
  );
}

function useSave(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateOrganizationDto']) =>
      call(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id: orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}

const problemsOf = (error: unknown): Record<string, string> => (error instanceof ApiError ? error.fieldProblems() : {});

function Profile({ org }: { org: Org }) {
  const { t } = useI18n();
  const save = useSave(org.id);
  const [form, setForm] = useState({
    name: org.name,
    legalForm: org.legalForm,
    scale: org.scale,
    city: org.city,
    brands: org.brands.join(', '),
    categories: org.categories.join(', '),
    instagram: org.instagram ?? '',
    website: org.website ?? '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const problems = problemsOf(save.error);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    save.mutate({
      name: form.name,
      legalForm: form.legalForm as (typeof LEGAL_FORMS)[number],
      scale: form.scale as (typeof SCALES)[number],
      city: form.city,
      brands: splitList(form.brands),
      categories: splitList(form.categories),
      instagram: form.instagram.trim() || null,
      website: form.website.trim() || null,
    });
  };
  const editable = org.role !== 'member';
  return (
    <form className="card" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">{t('org.profile')}</h2>
      <fieldset className="plain" disabled={!editable}>
        <Field label={t('org.name')} required value={form.name} onChange={set('name')} error={problems.name} />
        <Select label={t('org.legalForm')} options={legalFormOptions(t)} value={form.legalForm} onChange={set('legalForm')} />
        <Select label={t('org.scale')} options={scaleOptions(t)} value={form.scale} onChange={set('scale')} />
        <Field label={t('org.city')} required value={form.city} onChange={set('city')} error={problems.city} />
        <Field label={t('org.brands')} hint={t('common.commaList')} value={form.brands} onChange={set('brands')} error={problems.brands} />
        <Field
          label={t('org.categories')}
          hint={t('org.categoriesHint')}
          value={form.categories}
          onChange={set('categories')}
          error={problems.categories}
        />
        <Field label={t('org.instagram')} value={form.instagram} onChange={set('instagram')} error={problems.instagram} />
        <Field label={t('org.website')} type="url" value={form.website} onChange={set('website')} error={problems.website} />
      </fieldset>
      {!editable && <p className="hint">{t('org.membersCannotEdit')}</p>}
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">{t('common.saved')}</p>}
      {editable && (
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('common.wait') : t('common.save')}
        </button>
      )}
    </form>
  );
}

function LegalDetails({ org }: { org: Org }) {
  const { t } = useI18n();
  const save = useSave(org.id);
  const [form, setForm] = useState({
    legalName: org.legalName ?? '',
    address: org.address ?? '',
    nib: org.nib ?? '',
    ktp: org.ktp ?? '',
    signatoryName: org.signatory?.name ?? '',
    signatoryTitle: org.signatory?.title ?? '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const problems = problemsOf(save.error);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const blank = (text: string): string | null => text.trim() || null;
    save.mutate({
      legalName: blank(form.legalName),
      address: blank(form.address),
      nib: blank(form.nib),
      ktp: blank(form.ktp),
      signatory: form.signatoryName.trim() ? { name: form.signatoryName.trim(), title: form.signatoryTitle.trim() } : null,
    });
  };
  const editable = org.role !== 'member';
  return (
    <form className="card" onSubmit={submit} aria-labelledby="legal-title">
      <h2 id="legal-title">{t('org.legal')}</h2>
      <p className="why">{t('org.legalWhy')}</p>
      <fieldset className="plain" disabled={!editable}>
        <Field label={t('org.legalName')} value={form.legalName} onChange={set('legalName')} error={problems.legalName} />
        <Field label={t('org.address')} value={form.address} onChange={set('address')} error={problems.address} />
        <Field
          label={t('org.nib')}
          hint={t('org.nibHint')}
          inputMode="numeric"
          value={form.nib}
          onChange={set('nib')}
          error={problems.nib}
        />
        <Field
          label={t('org.ktp')}
          hint={t('org.ktpHint')}
          inputMode="numeric"
          value={form.ktp}
          onChange={set('ktp')}
          error={problems.ktp}
        />
        <Field
          label={t('org.signatoryName')}
          value={form.signatoryName}
          onChange={set('signatoryName')}
          error={problems['signatory.name']}
        />
        <Field
          label={t('org.signatoryTitle')}
          value={form.signatoryTitle}
          onChange={set('signatoryTitle')}
          error={problems['signatory.title']}
        />
      </fieldset>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">{t('common.saved')}</p>}
      {editable && (
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('common.wait') : t('common.save')}
        </button>
      )}
    </form>
  );
}

function Members({ org }: { org: Org }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: ['members', org.id],
    queryFn: () => call(api.GET('/api/v1/organizations/{id}/members', { params: { path: { id: org.id } } })),
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('member');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const manages = org.role !== 'member';
  const pending = useQuery({
    queryKey: ['member-invitations', org.id],
    queryFn: () => call(api.GET('/api/v1/organizations/{id}/members/invitations', { params: { path: { id: org.id } } })),
    enabled: manages,
  });
  // An invitation, not a membership: the person joins only by accepting the mailed link.
  const add = useMutation({
    mutationFn: () => call(api.POST('/api/v1/organizations/{id}/members', { params: { path: { id: org.id } }, body: { email, role } })),
    onSuccess: async (invitation) => {
      setSentTo(invitation.email);
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: ['member-invitations', org.id] });
    },
  });
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('org.members')}</h2>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorNote error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <Empty>{t('org.noMembers')}</Empty>
      ) : (
        <ul className="list">
          {members.data.map((m) => (
            <li key={m.userId}>
              <strong>{m.name}</strong> <span className="badge">{t(`role.${m.role}`)}</span>
              <br />
              <span className="hint">
                {m.email} · {t('org.joined', { date: formatDate(m.joinedAt, lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {manages && pending.data && pending.data.length > 0 && (
        <>
          <h3>{t('org.pendingInvitations')}</h3>
          <ul className="list">
            {pending.data.map((i) => (
              <li key={i.id}>
                {i.email} <span className="badge">{t(`role.${i.role}`)}</span>
                <br />
                <span className="hint">{t('org.invitationExpires', { date: formatDate(i.expiresAt, lang) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {manages && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <h3>{t('org.addMember')}</h3>
          <p className="hint">{t('org.addMemberHint')}</p>
          <Field label={t('field.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <Select
            label={t('org.role')}
            // Admins invite members; only owners invite admins and owners.
            options={ROLES.filter((value) => org.role === 'owner' || value === 'member').map((value) => ({
              value,
              label: t(`role.${value}`),
            }))}
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}
          />
          {add.isError && <ErrorNote error={add.error} />}
          {add.isSuccess && sentTo && <p role="status">{t('org.invitationSent', { email: sentTo })}</p>}
          <button type="submit" disabled={add.isPending}>
            {t('org.addMemberSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
