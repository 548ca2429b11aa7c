import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { frag, fromJson, inList, sql, type SqlFragment, toDate } from '../src/database/sql.js';
import { OrganizationEntity } from '../src/organizations/organization.entity.js';
import { PartnerProfileEntity } from '../src/partners/partner-profile.entity.js';
import { startTestApp, type TestApp } from './support/app.js';

// The sql tag on the suite's database (SQLite, then PostgreSQL): what it writes, TypeORM reads back, and the reverse.
describe('the sql tag', () => {
  let t: TestApp;
  let dataSource: DataSource;
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const createdAt = [new Date('2024-01-02T03:04:05.678Z'), new Date('2024-06-30T23:59:59.999Z'), new Date('2025-02-03T00:00:00.001Z')];
  const categories = [['batik', 'tenun'], [], ['kain "ikat"', 'sutra, halus']];

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    for (const [i, id] of ids.entries()) {
      await sql(dataSource)`
        INSERT INTO organizations (id, name, legal_form, scale, city, brands, categories, created_at, updated_at)
        VALUES (${id}, ${`Org ${i}`}, 'cv', 'micro', 'Solo', ${[`Brand ${i}`]}, ${categories[i]}, ${createdAt[i]}, ${createdAt[i]})`;
    }
    // Profiles: 0 and 2 listed, 1 not.
    for (const [i, id] of ids.entries()) {
      await sql(dataSource)`
        INSERT INTO partner_profiles (organization_id, listed, listed_at, price_tier, capacity_per_month, lead_time_days, story,
          audience, channels, tags, open_to_forms, created_at, updated_at)
        VALUES (${id}, ${i !== 1}, ${i !== 1 ? createdAt[i] : null}, 'mid', ${100 * (i + 1)}, 7, 'story',
          ${{ ageBands: ['18-24'], cities: [], followers: {} }}, ${['instagram']}, ${[]}, ${['consignment']}, ${createdAt[i]}, ${createdAt[i]})`;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes Dates and JSON as TypeORM stores them, and reads them back with toDate and fromJson', async () => {
    const orgs = await dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) });
    for (const [i, id] of ids.entries()) {
      const org = orgs.find((o) => o.id === id)!;
      expect(org.createdAt.toISOString()).toBe(createdAt[i].toISOString());
      expect(org.categories).toEqual(categories[i]);
    }
    const { records } = await sql(dataSource)<{ id: string; categories: unknown; created_at: unknown }>`
      SELECT id, categories, created_at FROM organizations WHERE id = ${ids[2]}`;
    expect(records).toHaveLength(1);
    expect(fromJson(records[0].categories)).toEqual(categories[2]);
    expect(toDate(records[0].created_at).toISOString()).toBe(createdAt[2].toISOString());
    // A Date compares as stored: the boundary is exact to the millisecond.
    const { records: after } = await sql(dataSource)<{ id: string }>`
      SELECT id FROM organizations WHERE id IN ${inList(ids)} AND created_at >= ${createdAt[1]} ORDER BY created_at`;
    expect(after.map((r) => r.id)).toEqual([ids[1], ids[2]]);
  });

  it('binds booleans as each driver stores them, so TypeORM and SQL agree on them', async () => {
    const profiles = await dataSource.getRepository(PartnerProfileEntity).findBy({ organizationId: In(ids) });
    expect(Object.fromEntries(profiles.map((p) => [p.organizationId, p.listed]))).toEqual({
      [ids[0]]: true,
      [ids[1]]: false,
      [ids[2]]: true,
    });
    const listed = async (value: boolean): Promise<string[]> =>
      (
        await sql(dataSource)<{ id: string }>`
          SELECT organization_id AS id FROM partner_profiles WHERE organization_id IN ${inList(ids)} AND listed = ${value}
          ORDER BY capacity_per_month`
      ).records.map((r) => r.id);
    expect(await listed(true)).toEqual([ids[0], ids[2]]);
    expect(await listed(false)).toEqual([ids[1]]);
    await dataSource.getRepository(PartnerProfileEntity).update({ organizationId: ids[1] }, { listed: true });
    expect(await listed(true)).toEqual(ids);
    const { affected } = await sql(dataSource)`UPDATE partner_profiles SET listed = ${false} WHERE organization_id = ${ids[1]}`;
    expect(affected).toBe(1);
    expect((await dataSource.getRepository(PartnerProfileEntity).findOneByOrFail({ organizationId: ids[1] })).listed).toBe(false);
  });

  it('expands inList to one placeholder per value, for one value and many, in IN and NOT IN', async () => {
    const names = async (where: SqlFragment): Promise<string[]> =>
      (await sql(dataSource)<{ name: string }>`SELECT name FROM organizations WHERE ${where} ORDER BY name`).records.map((r) => r.name);
    expect(await names(frag`id IN ${inList([ids[1]])}`)).toEqual(['Org 1']);
    expect(await names(frag`id IN ${inList(ids)}`)).toEqual(['Org 0', 'Org 1', 'Org 2']);
    expect(await names(frag`id IN ${inList([ids[2], ids[0], ids[2]])}`)).toEqual(['Org 0', 'Org 2']);
    expect(await names(frag`id IN ${inList(ids)} AND id NOT IN ${inList([ids[0], ids[2]])}`)).toEqual(['Org 1']);
  });

  it('refuses an empty inList: the caller skips the statement or the filter', () => {
    expect(() => inList([])).toThrow(RangeError);
    const skip: string[] = [];
    const notSkipped = skip.length ? frag` AND id NOT IN ${inList(skip)}` : frag``;
    return expect(
      sql(dataSource)<{ n: number }>`SELECT COUNT(*) AS n FROM organizations WHERE id IN ${inList(ids)}${notSkipped}`.then((r) =>
        Number(r.records[0].n),
      ),
    ).resolves.toBe(3);
  });

  it('splices nested fragments with their own values, numbered in order around the values of the statement', async () => {
    const minCapacity = 150;
    let where = frag`p.listed = ${true}`;
    where = frag`${where} AND p.capacity_per_month >= ${minCapacity}`;
    const inner = frag`SELECT o.id FROM organizations o WHERE o.name <> ${'Org 1'} AND o.id IN ${inList(ids)}`;
    where = frag`${where} AND p.organization_id IN (${inner})`;
    const empty = frag``;
    const { records } = await sql(dataSource)<{ id: string; story: string }>`
      SELECT p.organization_id AS id, ${'tagged'} AS story FROM partner_profiles p${empty}
      WHERE ${where} AND p.created_at < ${new Date('2030-01-01T00:00:00.000Z')} ORDER BY p.capacity_per_month DESC LIMIT ${5}`;
    expect(records).toEqual([{ id: ids[2], story: 'tagged' }]);
  });

  it('runs inside a transaction when given its EntityManager', async () => {
    const story = async (): Promise<string> =>
      (await sql(dataSource)<{ story: string }>`SELECT story FROM partner_profiles WHERE organization_id = ${ids[0]}`).records[0].story;
    await expect(
      dataSource.transaction(async (em) => {
        await sql(em)`UPDATE partner_profiles SET story = ${'rolled back'} WHERE organization_id = ${ids[0]}`;
        expect(
          (await sql(em)<{ story: string }>`SELECT story FROM partner_profiles WHERE organization_id = ${ids[0]}`).records[0].story,
        ).toBe('rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await story()).toBe('story');
  });
});
