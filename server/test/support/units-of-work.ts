import { RequestContext } from '@mikro-orm/core';
import type { Orm } from '../../src/domain/database/database';
import type { DomainServices } from '../../src/domain/services';

/** Plumbing and ports: handed over as they are. */
const UNSCOPED = new Set<keyof DomainServices>(['events', 'jobs', 'levels', 'tokens']);

/**
 * The services as a test calls them: every method call is one unit of work with an EntityManager
 * fork of its own, as a GraphQL operation or a job is in the app (a call outside any scope would be
 * refused by MikroORM). Sync methods stay sync.
 */
export function inUnitsOfWork(orm: Orm, services: DomainServices): DomainServices {
  const scoped = new Map<PropertyKey, unknown>();
  return new Proxy(services, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (UNSCOPED.has(key as keyof DomainServices) || typeof value !== 'object' || value === null) return value;
      if (!scoped.has(key)) scoped.set(key, scopeMethods(orm, value));
      return scoped.get(key);
    },
  });
}

function scopeMethods<T extends object>(orm: Orm, service: T): T {
  return new Proxy(service, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => RequestContext.create(orm.em, () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
