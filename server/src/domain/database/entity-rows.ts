import type { EntityClass, EntityData } from '@mikro-orm/core';
import type { Sql } from './sql';

/**
 * A row a tuned statement returned from an entity's table (`returning *`, `select *`), read the
 * way MikroORM reads every row: columns to properties by the entity's mapping, timestamps (which
 * the driver hands over as text) to Dates. This and entity hydration are the one way rows become
 * values; nothing else parses a timestamp.
 */
export function entityData<T extends object>(em: Sql, entity: EntityClass<T>, row: object): EntityData<T> {
  return em.getComparator().mapResult<T>(entity.name, row as never);
}
