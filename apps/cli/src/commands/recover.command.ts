import type { Command } from 'commander';
import { unwrap, type AuditComponents } from '@hookline/client';
import type { ContextFactory } from '../cli-context';
import { colour } from '../output/output';
import { parseSince } from './parse-options';

type RecoveryAccepted = AuditComponents['schemas']['RecoveryAcceptedDto'];

export function registerRecoverCommand(program: Command, context: ContextFactory): void {
  program
    .command('recover <webhook>')
    .description('resend every failed delivery of a webhook since an instant')
    .requiredOption('--since <when>', 'an ISO instant or a duration back from now (30m, 6h, 2d)', (value) =>
      parseSince(value),
    )
    .action(async (webhookId: string, options: { since: string }) => {
      const ctx = context();
      let since: string | null = options.since;
      let sent = 0;
      let skipped = 0;
      // One call sends at most a thousand; continue from where it stopped until none remain.
      while (since !== null) {
        const result: RecoveryAccepted = await unwrap(
          ctx.client().audit.POST('/v1/webhooks/{id}/recover', {
            params: { path: { id: webhookId } },
            body: { since },
          }),
        );
        sent += result.count;
        skipped += result.skipped;
        since = result.truncated ? (result.nextSince ?? null) : null;
      }
      ctx.output.result({ webhookId, since: options.since, count: sent, skipped }, () =>
        [
          `${colour.green('✓')} ${sent} failed deliver${sent === 1 ? 'y' : 'ies'} since ${options.since} queued again`,
          ...(skipped > 0 ? [colour.yellow(`  ${skipped} left out: their payload is no longer kept`)] : []),
        ].join('\n'),
      );
    });
}
