import type { Command } from 'commander';
import { unwrap, type DeliveryDetail, type DeliveryListQuery, type DeliverySummary } from '@hookline/client';
import type { ContextFactory } from '../cli-context';
import { colour, statusColour, table } from '../output/output';
import { addByIdCommand } from './by-id-command';
import { parsePositiveInteger, parseSince } from './parse-options';

const STATUSES = ['pending', 'succeeded', 'retrying', 'failed', 'expired'] as const;

interface ListOptions {
  status?: (typeof STATUSES)[number];
  eventType?: string;
  eventId?: string;
  since?: string;
  max: number;
}

export function registerDeliveriesCommands(program: Command, context: ContextFactory): void {
  const deliveries = program.command('deliveries').description('the delivery log');

  deliveries
    .command('list <webhook>')
    .description('deliveries of a webhook, newest first')
    .option('--status <status>', `only in this status: ${STATUSES.join(', ')}`)
    .option('--event-type <type>', 'only of this event type')
    .option('--event-id <id>', 'only of this event')
    .option(
      '--since <when>',
      'created at or after: an ISO instant or a duration back (30m, 6h, 2d)',
      (value) => parseSince(value),
    )
    .option('--max <n>', 'at most this many (pages are fetched as needed)', parsePositiveInteger, 50)
    .action(async (webhookId: string, options: ListOptions) => {
      const ctx = context();
      const query: DeliveryListQuery = {
        limit: Math.min(100, Math.max(1, options.max)),
        ...(options.status ? { status: options.status } : {}),
        ...(options.eventType ? { eventType: options.eventType } : {}),
        ...(options.eventId ? { eventId: options.eventId } : {}),
        ...(options.since ? { from: options.since } : {}),
      };
      const items: DeliverySummary[] = [];
      for await (const delivery of ctx.client().deliveries(webhookId, query)) {
        if (items.length >= options.max) {
          break;
        }
        items.push(delivery);
      }
      ctx.output.result(items, () =>
        table(
          ['ID', 'EVENT', 'TYPE', 'STATUS', 'LAST', 'ATTEMPTS', 'CREATED'],
          items.map((item) => [
            item.id,
            item.eventId,
            item.eventType,
            item.status,
            statusColour(item.lastResponseStatus),
            String(item.attemptCount),
            item.createdAt,
          ]),
        ),
      );
    });

  addByIdCommand(deliveries, context, {
    name: 'get',
    description: 'one delivery with its payload and every attempt',
    call: (client, id) => unwrap(client.audit.GET('/v1/deliveries/{id}', { params: { path: { id } } })),
    describe: (delivery) => describeDelivery(delivery),
  });

  addByIdCommand(deliveries, context, {
    name: 'redeliver',
    description: 'send a delivery again, as a new attempt',
    call: (client, id) =>
      unwrap(client.audit.POST('/v1/deliveries/{id}/redeliver', { params: { path: { id } } })),
    describe: (accepted, id) =>
      `${colour.green('✓')} redelivery of ${id} queued (command ${accepted.commandId})`,
  });
}

function describeDelivery(delivery: DeliveryDetail): string {
  const lines = [
    `${colour.bold('delivery')}  ${delivery.id}  ${delivery.status}`,
    `${colour.bold('event')}     ${delivery.eventId}  ${delivery.eventType}  subject ${delivery.subject}`,
    `${colour.bold('webhook')}   ${delivery.webhookId}  ${delivery.url}`,
    '',
    table(
      ['#', 'STARTED', 'STATUS', 'OUTCOME', 'MS', 'ERROR / BODY'],
      delivery.attempts.map((attempt) => [
        String(attempt.attempt),
        attempt.startedAt,
        statusColour(attempt.responseStatus),
        attempt.outcome,
        String(attempt.durationMs),
        (attempt.error ?? attempt.responseBody ?? '').replace(/\s+/g, ' ').slice(0, 60),
      ]),
    ),
  ];
  if (delivery.payload) {
    lines.push('', colour.bold('payload'), JSON.stringify(delivery.payload, null, 2));
  }
  return lines.join('\n');
}
