import { RequestContext } from '@mikro-orm/core';
import type { Orm } from './database';

/**
 * Runs one unit of work (a GraphQL operation, a job) with an EntityManager fork of its own: inside
 * `work`, every `orm.em` resolves to that fork. Outside such a scope MikroORM refuses the global
 * EntityManager (`allowGlobalContext: false`), so a forgotten scope fails loudly instead of sharing
 * an identity map between callers.
 */
export function withEntityManager<T>(orm: Orm, work: () => Promise<T>): Promise<T> {
  return RequestContext.create(orm.em, work);
}
