import { JoinColumn, ManyToOne, type ObjectType } from 'typeorm';

/**
 * The row a required foreign key `column` of `table` points at, under the constraint name the
 * migrations gave it (`<table>_<column>_fkey`); `onDelete: 'CASCADE'` where the row goes with it.
 */
export function ParentRow<T>(
  parent: () => ObjectType<T>,
  table: string,
  column: string,
  options: { onDelete?: 'CASCADE' } = {},
): PropertyDecorator {
  const join = JoinColumn({ name: column, foreignKeyConstraintName: `${table}_${column}_fkey` });
  const relation = ManyToOne(parent, { nullable: false, ...options });
  // In the order a stack of the two would apply: the lower one first.
  return (target, key) => {
    join(target, key);
    relation(target, key);
  };
}
