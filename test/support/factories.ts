import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';
import { MembershipsService } from '../../src/memberships/index.js';

export const PASSWORD = 'kain-tenun-2026';

export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const suffix = randomBytes(4).toString('hex');
  return {
    email: `founder-${suffix}@example.id`,
    password: PASSWORD,
    name: 'Dewi Lestari',
    organization: {
      name: `Lookout ${suffix}`,
      legalForm: 'cv',
      scale: 'small',
      city: 'Bandung',
      brands: ['LOOKOUT'],
      categories: ['apparel', 'headwear'],
      instagram: '@lookout.id',
    },
    ...overrides,
  };
}

export interface Registered {
  token: string;
  userId: string;
  email: string;
  organizationId: string;
  auth: { Authorization: string };
}

export async function registerUser(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Registered> {
  const body = registration(overrides);
  const res = await t.http().post('/api/v1/auth/register').send(body).expect(201);
  return {
    token: res.body.accessToken,
    userId: res.body.user.id,
    email: res.body.user.email,
    organizationId: res.body.organization.id,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/**
 * `member` joins `organizationId` the way people do: an admin invites the address, and the member accepts the link.
 * The link's token comes from the service's own derivation (the mail carries the same; see memberships.e2e-spec.ts).
 */
export async function joinOrganization(
  t: TestApp,
  admin: Pick<Registered, 'auth'>,
  organizationId: string,
  member: Pick<Registered, 'auth' | 'email'>,
  role: 'member' | 'admin' | 'owner' = 'member',
): Promise<void> {
  const invited = await t
    .http()
    .post(`/api/v1/organizations/${organizationId}/members`)
    .set(admin.auth)
    .send({ email: member.email, role })
    .expect(201);
  const token = t.app.get(MembershipsService).tokenOf(invited.body.id);
  await t.http().post(`/api/v1/memberships/${token}/accept`).set(member.auth).expect(200);
}
