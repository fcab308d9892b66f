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
  // Node 24 (AsyncContextFrame): AsyncLocalStorage.run() does not give the caller its own frame back on
  // return; it enters a new one, a copy that maps the storage to its prior store (undefined). Whatever the
  // caller then awaits or chains keeps that copy for as long as it waits: for a subscription, its whole life
  // (graphql-ws awaiting the subscribe hook, the event pump after its first current-state read), two frames
  // of 184 B per subscriber. An AsyncResource made here sets the caller's own frame back when run() returns.
  return new AsyncResource('UnitOfWork').runInAsyncScope(() => RequestContext.create(orm.em, work));
}

/**
 * Runs `start` outside any unit of work, even when called inside one. For a long-lived loop begun
 * inside a scope (a subscription's event pump): every promise it makes would otherwise carry the
 * scope, and with it the EntityManager fork, for as long as the loop lives. Bound once, at load,
 * where no scope exists.
 */
export const outsideUnitOfWork: <T>(start: () => T) => T = AsyncResource.bind(<T>(start: () => T): T => start());
