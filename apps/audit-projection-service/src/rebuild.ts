import 'reflect-metadata';
import { createKafka, parseBrokerList } from '@hookline/kafka';
import { assertNever, loadConfig, runMigrations } from '@hookline/platform';
import { DataSource } from 'typeorm';
import { AuditEnv } from './config/audit.env';
import { auditDataSourceOptions } from './database/data-source';
import { REBUILD_USAGE, parseRebuildArgs } from './rebuild/rebuild-args';
import { rebuildProjection } from './rebuild/rebuild-projection';
import { retentionPolicyFrom } from './retention/retention.module';

const PREFIX = 'audit-projection-service rebuild:';

async function rebuild(): Promise<number> {
  const args = parseRebuildArgs(process.argv.slice(2));
  switch (args.kind) {
    case 'help':
      console.log(REBUILD_USAGE);
      return 0;
    case 'refused':
      console.error(`${PREFIX} ${args.reason}\n\n${REBUILD_USAGE}`);
      return 2;
    case 'run':
      break;
    default:
      return assertNever(args, 'arguments');
  }
  const config = loadConfig(AuditEnv);
  const options = auditDataSourceOptions(config.DATABASE_URL);
  await runMigrations(options);
  const dataSource = await new DataSource(options).initialize();
  const kafka = createKafka({
    clientId: 'audit-projection-rebuild',
    brokers: parseBrokerList(config.KAFKA_BROKERS),
    logLevel: 'error',
  });
  try {
    const started = Date.now();
    const report = await rebuildProjection({
      dataSource,
      kafka,
      retention: retentionPolicyFrom(config),
      log: (line) => console.log(`${PREFIX} ${line}`),
    });
    const { attempts, webhookChanges, rows } = report;
    console.log(
      [
        `${PREFIX} done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  attempts: ${attempts.received} read, ${attempts.stored} stored, ${attempts.replayed} duplicates, ${attempts.pastRetention} past retention, ${attempts.invalid} invalid (already in the DLQ)`,
        `  webhook changes: ${webhookChanges.applied} applied, ${webhookChanges.invalid} invalid`,
        `  rows: ${Object.entries(rows)
          .map(([table, count]) => `audit.${table}=${count}`)
          .join(' ')}`,
      ].join('\n'),
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

rebuild().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`${PREFIX} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
