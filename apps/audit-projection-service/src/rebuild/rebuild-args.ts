export type RebuildArgs = { kind: 'run' } | { kind: 'help' } | { kind: 'refused'; reason: string };

export const REBUILD_USAGE = `Usage: nx run audit-projection-service:rebuild -- --yes

Empties the projection tables of schema "audit" (attempt, delivery, payload, stats_hourly,
webhook), then replays hookline.attempts.v1 and hookline.subscriptions.v1 from offset 0 with a
fresh consumer group until the end offsets seen at start, and prints what it projected.
Stop audit-projection-service first: readers would see an empty log while it runs.
Reads DATABASE_URL, KAFKA_BROKERS and the AUDIT_*_RETENTION_DAYS variables.`;

/** The rebuild deletes the whole log first, so it runs only when asked explicitly with `--yes`. */
export function parseRebuildArgs(argv: readonly string[]): RebuildArgs {
  if (argv.includes('--help') || argv.includes('-h')) {
    return { kind: 'help' };
  }
  const unknown = argv.filter((arg) => arg !== '--yes');
  if (unknown.length > 0) {
    return { kind: 'refused', reason: `unknown argument ${unknown[0]}` };
  }
  if (!argv.includes('--yes')) {
    return { kind: 'refused', reason: 'the rebuild deletes the projection first: pass --yes to confirm' };
  }
  return { kind: 'run' };
}
