import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserEntity } from '../src/users/user.entity.js';
import { startTestApp, type TestApp } from './support/app.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('database isolation under concurrent requests', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  const user = (email: string): UserEntity =>
    Object.assign(new UserEntity(), {
      id: randomUUID(),
      email,
      passwordHash: 'x',
      name: 'n',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  const exists = (email: string): Promise<boolean> => dataSource.getRepository(UserEntity).existsBy({ email });

  it('keeps concurrent transactions apart: a rollback undoes only its own writes, and nobody reads uncommitted rows', async () => {
    let seenOutside: boolean | undefined;
    const failing = dataSource.transaction(async (em) => {
      await em.insert(UserEntity, user('rolled-back@example.id'));
      await pause(30);
      throw new Error('roll back');
    });
    const committing = dataSource.transaction(async (em) => {
      await em.insert(UserEntity, user('committed@example.id'));
    });
    const reading = (async () => {
      await pause(10);
      seenOutside = await exists('rolled-back@example.id');
    })();
    await expect(failing).rejects.toThrow('roll back');
    await committing;
    await reading;
    expect(seenOutside).toBe(false);
    expect(await exists('committed@example.id')).toBe(true);
    expect(await exists('rolled-back@example.id')).toBe(false);
  });
});
