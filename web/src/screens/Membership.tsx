import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { Link, navigate } from '../lib/router';
import { useMe } from '../lib/session';
import { ErrorNote, Field, formatDate, Loading, Page } from '../lib/ui';

/** The mailed link to join an organization: see who invites, then accept (signed in as that address) or decline. */
export default function Membership({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const path = { params: { path: { token } } };
  const invitation = useQuery({
    queryKey: ['membership', token],
    queryFn: () => call(api.GET('/api/v1/memberships/{token}', path)),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => call(api.POST('/api/v1/memberships/{token}/accept', path)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      navigate('/organization');
    },
  });
  const decline = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/memberships/{token}/decline', { ...path, body: reason.trim() ? { reason: reason.trim() } : {} })),
  });

  if (invitation.isPending) return <Loading />;
  if (invitation.isError) {
    return (
      <Page title={t('membership.title')}>
        <ErrorNote error={invitation.error} />
        <p className="hint">{t('membership.gone')}</p>
      </Page>
    );
  }
  const data = invitation.data;
  const here = encodeURIComponent(`/memberships/${token}`);
  const signedInAs = me.data?.user.email ?? null;
  return (
    <Page title={t('membership.title')}>
      <section className="card narrow">
        <p>
          {t('membership.invites', {
            inviter: data.inviter?.name ?? t('membership.someone'),
            organization: data.organization.name,
            role: t(`role.${data.role}`),
          })}
        </p>
        <p className="hint">{t('membership.sentTo', { email: data.email, date: formatDate(data.expiresAt, lang) })}</p>
        {decline.isSuccess ? (
          <p role="status">{t('membership.declined')}</p>
        ) : (
          <>
            {signedInAs === null ? (
              <p>
                <Link href={`/login?next=${here}`}>{t('membership.login')}</Link> ·{' '}
                <Link href={`/signup?next=${here}`}>{t('membership.signup')}</Link>
              </p>
            ) : signedInAs !== data.email ? (
              <p className="hint">{t('membership.otherAccount', { email: data.email })}</p>
            ) : (
              <button type="button" className="primary" disabled={accept.isPending} onClick={() => accept.mutate()}>
                {t('membership.accept')}
              </button>
            )}
            {accept.isError && <ErrorNote error={accept.error} />}
            <form
              aria-labelledby="decline-title"
              onSubmit={(e) => {
                e.preventDefault();
                decline.mutate();
              }}
            >
              <h2 id="decline-title">{t('membership.notJoining')}</h2>
              <Field label={t('membership.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
              {decline.isError && <ErrorNote error={decline.error} />}
              <button type="submit" disabled={decline.isPending}>
                {t('membership.decline')}
              </button>
            </form>
          </>
        )}
      </section>
    </Page>
  );
}
