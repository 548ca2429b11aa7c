import type { TestApp } from './app.js';
import { type Registered, registerUser } from './factories.js';

type Body = Record<string, unknown>;

/** Organizations with a partner profile, named by a key, and directory searches that answer with those keys. */
export class DirectoryFixture {
  readonly orgs = new Map<string, Registered>();

  constructor(
    private readonly t: TestApp,
    private readonly viewer: Registered,
    /** The profile a partner gets, from the test's overrides. */
    private readonly profile: (overrides: Body) => Body,
  ) {}

  /** Registers an organization (a small CV in Bandung selling apparel, unless overridden) and sets its profile. */
  async partner(key: string, organization: Body, profileOverrides: Body = {}): Promise<Registered> {
    const user = await registerUser(this.t, {
      organization: { legalForm: 'cv', scale: 'small', city: 'Bandung', brands: [], categories: ['apparel'], ...organization },
    });
    await this.t
      .http()
      .patch(`/api/v1/organizations/${user.organizationId}`)
      .set(user.auth)
      .send({ profile: this.profile(profileOverrides) })
      .expect(200);
    this.orgs.set(key, user);
    return user;
  }

  keyOf(id: string): string {
    return [...this.orgs].find(([, u]) => u.organizationId === id)?.[0] ?? id;
  }

  /** GET /partners as the viewer: the keys of the page's items, in order. */
  async find(query: Record<string, string | number>): Promise<string[]> {
    const res = await this.t.http().get('/api/v1/partners').query(query).set(this.viewer.auth).expect(200);
    return (res.body.items as Array<{ id: string }>).map((p) => this.keyOf(p.id));
  }
}
