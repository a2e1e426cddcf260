import type { MigrationInterface, QueryRunner } from 'typeorm';

export interface SqlMigrationSteps {
  /** Statements run in order to apply the migration. */
  up: readonly string[];
  /** Statements run in order to revert it. */
  down: readonly string[];
}

/**
 * A migration made of fixed SQL statements. `name` is what TypeORM records in the migrations table
 * as applied, so it must never change once the migration has shipped.
 */
export function sqlMigration(name: string, steps: SqlMigrationSteps): new () => MigrationInterface {
  return class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await runInOrder(queryRunner, steps.up);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await runInOrder(queryRunner, steps.down);
    }
  };
}

async function runInOrder(queryRunner: QueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await queryRunner.query(statement);
  }
}
