import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

export interface RowLookup {
  /** The transaction's manager, to read within it. */
  manager?: EntityManager;
  /** Locks the row until the transaction ends. */
  forUpdate?: boolean;
}

/** The one row of `entity` matching `where`, through `manager` unless the lookup names another. */
export function findRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  lookup: RowLookup = {},
): Promise<T | null> {
  return (lookup.manager ?? manager).findOne(entity, {
    where,
    ...(lookup.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}
