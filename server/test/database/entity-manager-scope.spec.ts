import { RequestContext } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { outsideUnitOfWork, withEntityManager } from '../../src/domain/database/entity-manager-scope';
import { User } from '../../src/domain/users/user.entity';
import { createTestDatabase } from '../support/test-database';

let orm: Orm;
beforeAll(async () => {
  orm = await connectDatabase({ url: await createTestDatabase(), poolMax: 2 });
});
afterAll(() => orm.close());

describe('withEntityManager', () => {
  it('gives each unit of work a fork of its own', async () => {
    const forkId = async () => RequestContext.getEntityManager()!.id;
    const [a, b] = await Promise.all([withEntityManager(orm, forkId), withEntityManager(orm, forkId)]);
    expect(a).not.toBe(b);
    await expect(orm.em.find(User, {})).rejects.toThrow(/global EntityManager/);
  });

  it('lets a loop started inside a unit of work run outside it, so it keeps no fork alive', async () => {
    const seen = await withEntityManager(orm, async () => {
      const inside = RequestContext.getEntityManager();
      const later = await outsideUnitOfWork(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return RequestContext.getEntityManager();
      });
      return { inside, later };
    });
    expect(seen.inside).toBeDefined();
    expect(seen.later).toBeUndefined();
  });
});
