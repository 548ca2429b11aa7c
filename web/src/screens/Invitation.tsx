import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, call } from '../api/client';
import { useI18n } from '../i18n';
import { Link, navigate } from '../lib/router';
import { useMe } from '../lib/session';
import { emptySignup, register, SignupFields } from '../lib/signup-form';
import { ErrorNote, Loading, Page, Paused, Select } from '../lib/ui';

/**
 * The link a contact not on Kolabora yet receives ($PUBLIC_URL/invitations/<token>): who invites and why, then sign up
 * and accept in one step (or accept for an organization one already has), or decline with a reason.
 */
export default function Invitation({ token }: { token: string }) {
  const { t, tx } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const path = { params: { path: { token } } };
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => call(api.GET('/api/v1/invitations/{token}', path)),
    retry: false,
  });
  const [signup, setSignup] = useState(emptySignup);
  const [organizationId, setOrganizationId] = useState('');
  const [reason, setReason] = useState('');

  const accept = useMutation({
    networkMode: 'online', // offline, the press waits and the screen says so (Paused), then goes once back online
    // New here: register (a cookie session), then accept for the new organization, in one press.
    mutationFn: async (): Promise<string> => {
      if (!me.data) {
        await register(signup);
        await queryClient.invalidateQueries({ queryKey: ['me'] });
      }
      const chosen = organizationId || undefined;
      const accepted = await call(api.POST('/api/v1/invitations/{token}/accept', { ...path, body: { organizationId: chosen } }));
      return accepted.collaborationId;
    },
    onSuccess: async (collaborationId) => {
      await queryClient.invalidateQueries({ queryKey: ['collaborations'] });
      navigate(`/collaborations/${collaborationId}`);
    },
  });
  const decline = useMutation({
    networkMode: 'online',
    mutationFn: () => call(api.POST('/api/v1/invitations/{token}/decline', { ...path, body: { reason: reason.trim() } })),
  });

  if (invitation.isPending) return <Page title={t('invitation.title')}>{<Loading />}</Page>;
  if (invitation.isError) {
    const code = invitation.error instanceof ApiError ? invitation.error.code : '';
    return (
      <Page title={t('invitation.title')}>
        <ErrorNote error={invitation.error} onRetry={code === 'NETWORK' ? () => void invitation.refetch() : undefined} />
        <p>{t('invitation.askAgain')}</p>
      </Page>
    );
  }
  const { inviter, form, message } = invitation.data;
  const organizations = me.data?.organizations ?? [];
  const submitAccept = (event: FormEvent): void => {
    event.preventDefault();
    accept.mutate();
  };
  const here = encodeURIComponent(`/invitations/${token}`);

  if (decline.isSuccess)
    return (
      <Page title={t('invitation.title')}>
        <section className="card narrow">
          <p role="status">{t('invitation.declined', { inviter: inviter.name })}</p>
        </section>
      </Page>
    );
  return (
    <Page title={t('invitation.title')}>
      <section className="card narrow" aria-labelledby="invite-who">
        <h2 id="invite-who">{t('invitation.invites', { inviter: inviter.name, form: tx(`form.${form}`, form) })}</h2>
        <p className="why">{tx(`formWhat.${form}`, '')}</p>
        {message && (
          <figure className="quote">
            <blockquote>{message}</blockquote>
            <figcaption className="hint">{t('invitation.messageFrom', { inviter: inviter.name })}</figcaption>
          </figure>
        )}
        <p className="hint">{t('invitation.once')}</p>
      </section>

      <form className="card narrow" onSubmit={submitAccept} aria-labelledby="accept-title">
        <h2 id="accept-title">{t('invitation.acceptTitle')}</h2>
        {me.data ? (
          <>
            {organizations.length > 1 ? (
              <Select
                label={t('invitation.forOrganization')}
                required
                value={organizationId}
                onChange={(e) => setOrganizationId(e.target.value)}
                options={[
                  { value: '', label: t('invitation.chooseOrganization') },
                  ...organizations.map((o) => ({ value: o.id, label: o.name })),
                ]}
              />
            ) : (
              <p>{t('invitation.acceptAs', { organization: organizations[0]?.name ?? '' })}</p>
            )}
          </>
        ) : (
          <>
            <p className="hint">
              {t('invitation.newHere')} <Link href={`/login?next=${here}`}>{t('invitation.haveAccount')}</Link>
            </p>
            <SignupFields values={signup} onChange={setSignup} error={accept.error} />
          </>
        )}
        <Paused paused={accept.isPaused} />
        {accept.isError && <ErrorNote error={accept.error} />}
        <button type="submit" className="primary" disabled={accept.isPending}>
          {accept.isPending ? t('common.wait') : me.data ? t('invitation.accept') : t('invitation.signupAccept')}
        </button>
      </form>

      <form
        className="card narrow"
        aria-labelledby="decline-title"
        onSubmit={(e) => {
          e.preventDefault();
          decline.mutate();
        }}
      >
        <h2 id="decline-title">{t('invitation.declineTitle')}</h2>
        <div className="field">
          <label htmlFor="decline-reason">{t('invitation.reason')}</label>
          <p className="hint" id="decline-reason-hint">
            {t('invitation.reasonHint', { inviter: inviter.name })}
          </p>
          <textarea
            id="decline-reason"
            required
            maxLength={2000}
            aria-describedby="decline-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <Paused paused={decline.isPaused} />
        {decline.isError && <ErrorNote error={decline.error} />}
        <button type="submit" className="danger" disabled={decline.isPending}>
          {t('invitation.decline')}
        </button>
      </form>
    </Page>
  );
}
