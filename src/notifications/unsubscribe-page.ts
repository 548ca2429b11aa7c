import type { Bilingual } from '../documents/bilingual.js';
import type { UnsubscribeScope } from './unsubscribe-token.js';

const WHAT: Record<UnsubscribeScope, Bilingual> = {
  reminders: { id: 'email pengingat', en: 'reminder emails' },
  lifecycle: { id: 'email kabar kolaborasi', en: 'collaboration notice emails' },
  all: { id: 'semua email pemberitahuan', en: 'all notification emails' },
};

// The page carries no user text, only these words; no script (the CSP allows none), a plain form that POSTs to itself.
const render = (title: Bilingual, body: string): string => `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title.id} / ${title.en}</title></head>
<body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1>${title.id}</h1><p lang="en"><i>${title.en}</i></p>
${body}
</body></html>
`;

/** Asks before unsubscribing: the button POSTs the RFC 8058 body to the same address. */
export function confirmationPage(scope: UnsubscribeScope): string {
  const what = WHAT[scope];
  return render(
    { id: 'Berhenti berlangganan', en: 'Unsubscribe' },
    `<p>Berhenti menerima ${what.id} dari Kolabora?</p><p lang="en">Stop getting ${what.en} from Kolabora?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Berhenti / Unsubscribe</button></form>
<p>Anda dapat mengubahnya lagi di pengaturan notifikasi. / You can change this again in your notification settings.</p>`,
  );
}

export function donePage(scope: UnsubscribeScope): string {
  const what = WHAT[scope];
  return render(
    { id: 'Berhasil berhenti berlangganan', en: 'Unsubscribed' },
    `<p>Anda tidak akan lagi menerima ${what.id} dari Kolabora.</p><p lang="en">You will no longer get ${what.en} from Kolabora.</p>`,
  );
}
