import { RequestContext } from '@mikro-orm/core';
import { AsyncResource } from 'node:async_hooks';
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

/**
 * Runs `start` outside any unit of work, even when called inside one. For a long-lived loop begun
 * inside a scope (a subscription's event pump): every promise it makes would otherwise carry the
 * scope, and with it the EntityManager fork, for as long as the loop lives. Bound once, at load,
 * where no scope exists.
 */
export const outsideUnitOfWork: <T>(start: () => T) => T = AsyncResource.bind(<T>(start: () => T): T => start());
