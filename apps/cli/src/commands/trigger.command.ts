import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { unwrap, type PublishEvent } from '@hookline/client';
import type { ContextFactory } from '../cli-context';
import { CliError } from '../output/cli-error';
import { colour } from '../output/output';
import { parseJsonObject, readOptionFile } from './option-file';

interface TriggerOptions {
  data?: string;
  subject?: string;
}

export function registerTriggerCommand(program: Command, context: ContextFactory): void {
  program
    .command('trigger <type>')
    .description('publish an event through the ingest API: the catalog example, or your own data')
    .option('--data <file>', 'a JSON file with the event’s data (- reads stdin)')
    .option('--subject <subject>', 'the resource the event is about (default: a new one each time)')
    .action(async (type: string, options: TriggerOptions) => {
      const ctx = context();
      const client = ctx.client();
      const catalog = await unwrap(client.subscription.GET('/v1/event-types'));
      const definition = catalog.items.find((item) => item.type === type);
      if (definition === undefined) {
        const near = catalog.items
          .map((item) => item.type)
          .filter((known) => known.startsWith(`${type.split('.')[0]}.`));
        throw new CliError(
          `"${type}" is not in the event catalog`,
          1,
          near.length > 0
            ? [`types of ${type.split('.')[0]}: ${near.join(', ')}`]
            : ['`hookline event-types` lists them'],
        );
      }
      if (definition.origin === 'platform') {
        throw new CliError(
          `${type} is sent by Hookline itself, not published; \`hookline webhooks test <id>\` sends a webhook.test`,
        );
      }
      const data = options.data === undefined ? definition.example : readData(options.data);
      const subject = options.subject ?? `${definition.resource}_cli_${randomBytes(4).toString('hex')}`;
      const accepted = await unwrap(
        client.ingest.POST('/v1/events', {
          body: { type: definition.type as PublishEvent['type'], subject, data },
        }),
      );
      ctx.output.result(
        { id: accepted.id, type, subject },
        () => `${colour.green('✓')} ${type} accepted: event ${accepted.id}, subject ${subject}`,
      );
    });
}

function readData(file: string): Record<string, unknown> {
  const text = readOptionFile('--data', file).toString('utf8');
  return parseJsonObject('--data', file, text, '(the event’s data)');
}
