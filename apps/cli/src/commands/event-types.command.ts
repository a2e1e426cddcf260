import type { Command } from 'commander';
import { unwrap } from '@hookline/client';
import type { ContextFactory } from '../cli-context';
import { colour, table } from '../output/output';

export function registerEventTypesCommand(program: Command, context: ContextFactory): void {
  program
    .command('event-types')
    .description('the event catalog: every type, who emits it, and (with --json) its schema and example')
    .action(async () => {
      const ctx = context();
      const catalog = await unwrap(ctx.client().subscription.GET('/v1/event-types'));
      ctx.output.result(catalog, () =>
        table(
          ['TYPE', 'ORIGIN', 'DESCRIPTION'],
          catalog.items.map((item) => [
            item.type,
            item.origin === 'platform' ? colour.dim('platform') : 'product',
            item.description,
          ]),
        ),
      );
    });
}
