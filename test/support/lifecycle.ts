import type { TestApp } from './app.js';
import { type Registered, registerUser } from './factories.js';

export const VISION = {
  statement: 'Reach Surabaya with a batik capsule',
  goals: ['new_market', 'brand_awareness'],
  objectives: ['Sell 300 units'],
};
export const REQUIREMENTS = [
  { criterion: 'capability_fit', weight: 60, minimum: 3 },
  { criterion: 'brand_image_fit', weight: 40 },
];
// Complete co-branding terms: enough for an agreement (issue 4's shape).
export const TERMS = {
  startDate: '2027-01-01',
  endDate: '2027-03-31',
  territory: 'Indonesia',
  exclusivity: false,
  disputeResolution: 'small_claims',
  districtCourt: 'Bandung',
  confidentialityYears: 2,
  products: [{ name: 'Batik overshirt', sku: 'LK-BK-01', units: 300 }],
  revenueSplit: { initiator: 60, partner: 40 },
  costSplit: { initiator: 50, partner: 50 },
  designOwnership: 'joint',
  sellOffDays: 90,
};

/** The legal details an agreement names a party by (a CV, as factories.ts registers: its deed, NIB and NPWP); `userId` is the account of its recorded signatory (who may sign). */
export const legalDetails = (name: string, userId?: string) => ({
  legalName: `CV ${name}`,
  address: 'Jl. Braga No. 10, Bandung 40111',
  nib: '9120001234567',
  npwp: '012345678901234',
  deed: { number: '12', date: '2020-03-15', notary: 'Rina Kartika, S.H., M.Kn.' },
  signatory: { name: 'Dewi Lestari', title: 'Direktur', ...(userId ? { userId } : {}) },
});
// Each party's stamp duty when it signs: the initiator an e-meterai, the partner a paper meterai on its printed copy.
export const E_METERAI = { kind: 'electronic', serial: 'KLB0A1B2C3D4E5F6G7H8I9' } as const;
export const PAPER_METERAI = { kind: 'paper' } as const;
export const REVIEW = {
  kpis: { commercial: { unitsSold: 120 } },
  ratings: { communication: 4, quality: 5 },
  lessons: 'Order fabric earlier',
};

export interface Pair {
  initiator: Registered;
  partner: Registered;
}

export async function pair(t: TestApp): Promise<Pair> {
  const [initiator, partner] = [await registerUser(t), await registerUser(t)];
  for (const [who, name] of [
    [initiator, 'Lookout Kreasi'],
    [partner, 'Batik Kita'],
  ] as const) {
    await t.http().patch(`/api/v1/organizations/${who.organizationId}`).set(who.auth).send(legalDetails(name, who.userId)).expect(200);
  }
  return { initiator, partner };
}

export async function createCollaboration(t: TestApp, who: Registered, body: Record<string, unknown> = {}): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/collaborations')
    .set(who.auth)
    .send({ title: 'LOOKOUT × Batik Kita', form: 'co_branding', vision: VISION, partnerRequirements: REQUIREMENTS, ...body })
    .expect(201);
  return res.body.id as string;
}

export function send(t: TestApp, who: Registered, id: string, event: Record<string, unknown>) {
  return t.http().post(`/api/v1/collaborations/${id}/events`).set(who.auth).send(event);
}

export async function view(t: TestApp, who: Registered, id: string): Promise<Record<string, any>> {
  return (await t.http().get(`/api/v1/collaborations/${id}`).set(who.auth).expect(200)).body;
}

/** Polls the view until `check` holds: effects run after the answer, so their events land a moment later. */
export async function eventually(
  t: TestApp,
  who: Registered,
  id: string,
  check: (v: Record<string, any>) => boolean,
  timeoutMs = 5000,
): Promise<Record<string, any>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await view(t, who, id);
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`timed out in state ${v.state}: ${JSON.stringify(v.context).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Drives a new collaboration to `state`, with both parties acting as the model says. */
export async function driveTo(
  t: TestApp,
  { initiator, partner }: Pair,
  state: string,
  body: Record<string, unknown> = {},
  terms: Record<string, unknown> = TERMS,
): Promise<string> {
  const id = await createCollaboration(t, initiator, body);
  const step = async (who: Registered, event: Record<string, unknown>): Promise<void> => {
    const res = await send(t, who, id, event);
    if (res.status !== 200) throw new Error(`${String(event.type)} → ${res.status} ${JSON.stringify(res.body)}`);
  };
  const order = ['proposal', 'partnerSearch', 'invitation', 'negotiation', 'agreement', 'ipChecklist', 'execution', 'postReview'];
  const reached = (s: string): boolean => order.indexOf(state) <= order.indexOf(s);
  if (reached('proposal')) return id;
  await step(initiator, { type: 'proposal.submit' });
  await step(initiator, { type: 'partner.shortlist', organizationId: partner.organizationId });
  // Without a directory profile capability fit is unknown, and REQUIREMENTS set a minimum: the initiator rates it.
  await step(initiator, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } });
  if (reached('partnerSearch')) return id;
  await step(initiator, { type: 'partner.invite', candidateId: 'candidate-1', message: 'Kolaborasi yuk?' });
  if (reached('invitation')) return id;
  await step(partner, { type: 'invitation.accept' });
  await step(initiator, { type: 'terms.propose', terms });
  if (reached('negotiation')) return id;
  await step(partner, { type: 'terms.accept', revision: 1 });
  const generated = await eventually(t, initiator, id, (v) => Boolean(v.context.agreement?.sha256));
  if (reached('agreement')) return id;
  const { version, sha256 } = generated.context.agreement;
  await step(initiator, { type: 'agreement.sign', version, sha256, meterai: E_METERAI });
  await step(partner, { type: 'agreement.sign', version, sha256, meterai: PAPER_METERAI });
  const listed = await eventually(t, initiator, id, (v) => Boolean(v.context.checklist));
  if (reached('ipChecklist')) return id;
  for (const item of listed.context.checklist.items.filter((i: { launchBlocking: boolean }) => i.launchBlocking)) {
    await step(partner, { type: 'checklist.complete', itemId: item.id, evidence: { reference: 'done' } });
  }
  await step(initiator, { type: 'collaboration.launch' });
  if (reached('execution')) return id;
  await step(partner, { type: 'collaboration.end' });
  return id;
}
