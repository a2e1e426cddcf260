import type { Command } from 'commander';
import { unwrap, type UpdateWebhook, type Webhook } from '@hookline/client';
import type { ContextFactory } from '../cli-context';
import { colour, table } from '../output/output';
import { addByIdCommand } from './by-id-command';
import { parseBoolean, parseEventList, parsePositiveInteger } from './parse-options';

interface CreateOptions {
  url: string;
  events: string[];
  name?: string;
  description?: string;
  active: boolean;
}

interface UpdateOptions {
  url?: string;
  events?: string[];
  name?: string;
  description?: string;
  active?: boolean;
}

export function registerWebhooksCommands(program: Command, context: ContextFactory): void {
  const webhooks = program.command('webhooks').description('the organization’s webhooks');

  webhooks
    .command('list')
    .description('every webhook, newest first (all pages)')
    .option('--active <true|false>', 'only active or inactive ones', parseBoolean)
    .option('--event-type <type>', 'only those whose events cover this type')
    .action(async (options: { active?: boolean; eventType?: string }) => {
      const ctx = context();
      const items: Webhook[] = [];
      const query = {
        ...(options.active === undefined ? {} : { active: String(options.active) as 'true' | 'false' }),
        ...(options.eventType ? { eventType: options.eventType } : {}),
        limit: 100,
      };
      for await (const webhook of ctx.client().webhooks(query)) {
        items.push(webhook);
      }
      ctx.output.result(items, () =>
        table(
          ['ID', 'NAME', 'ACTIVE', 'EVENTS', 'URL'],
          items.map((item) => [
            item.id,
            item.name,
            item.active ? colour.green('yes') : colour.dim('no'),
            item.events.join(','),
            item.url,
          ]),
        ),
      );
    });

  webhooks
    .command('create')
    .description('register an endpoint; prints its signing secret')
    .requiredOption('--url <url>', 'the endpoint (https:// in production)')
    .requiredOption(
      '--events <list>',
      'event types or patterns, comma-separated: job.*,estimate.created',
      parseEventList,
    )
    .option('--name <name>', 'a name to recognise it by')
    .option('--description <text>', 'what it is for')
    .option('--active', 'switch it on at once (it is sent a webhook.test event)', false)
    .action(async (options: CreateOptions) => {
      const ctx = context();
      const created = await unwrap(
        ctx.client().subscription.POST('/v1/webhooks', {
          body: {
            name: options.name ?? new URL(options.url).host,
            url: options.url,
            events: options.events,
            active: options.active,
            ...(options.description ? { description: options.description } : {}),
          },
        }),
      );
      ctx.output.result(created, () =>
        [
          describeWebhook(created),
          `${colour.bold('signing secret')}  ${created.signingSecret}  ${colour.dim('(shown once here; `hookline webhooks get` does not show it)')}`,
        ].join('\n'),
      );
    });

  addByIdCommand(webhooks, context, {
    name: 'get',
    description: 'one webhook',
    call: (client, id) => unwrap(client.subscription.GET('/v1/webhooks/{id}', { params: { path: { id } } })),
    describe: (webhook) => describeWebhook(webhook),
  });

  webhooks
    .command('update <id>')
    .description('change a webhook')
    .option('--url <url>', 'a new endpoint')
    .option('--events <list>', 'a new list of event types or patterns', parseEventList)
    .option('--name <name>', 'a new name')
    .option('--description <text>', 'a new description')
    .option('--active <true|false>', 'switch it on or off', parseBoolean)
    .action(async (id: string, options: UpdateOptions) => {
      const ctx = context();
      const body: UpdateWebhook = {
        ...(options.url !== undefined ? { url: options.url } : {}),
        ...(options.events !== undefined ? { events: options.events } : {}),
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.active !== undefined ? { active: options.active } : {}),
      };
      const updated = await unwrap(
        ctx.client().subscription.PATCH('/v1/webhooks/{id}', { params: { path: { id } }, body }),
      );
      ctx.output.result(updated, () => describeWebhook(updated));
    });

  addByIdCommand(webhooks, context, {
    name: 'delete',
    description: 'delete a webhook; deliveries to it stop',
    call: async (client, id) => {
      await unwrap(client.subscription.DELETE('/v1/webhooks/{id}', { params: { path: { id } } }));
      return { deleted: id };
    },
    describe: (_deleted, id) => `${colour.green('✓')} deleted ${id}`,
  });

  addByIdCommand(webhooks, context, {
    name: 'test',
    description: 'send the webhook a webhook.test event now',
    call: (client, id) =>
      unwrap(client.subscription.POST('/v1/webhooks/{id}/test', { params: { path: { id } } })),
    describe: (sent) =>
      `${colour.green('✓')} webhook.test sent: event ${sent.eventId} (its webhook-id header)`,
  });

  addByIdCommand(webhooks, context, {
    name: 'rotate-secret',
    description: 'issue a new signing secret; the old one keeps signing during the grace period',
    call: (client, id, options: { graceSeconds?: number }) =>
      unwrap(
        client.subscription.POST('/v1/webhooks/{id}/secret/rotate', {
          params: { path: { id } },
          body: options.graceSeconds === undefined ? {} : { gracePeriodSeconds: options.graceSeconds },
        }),
      ),
    describe: (rotated) => `${colour.green('✓')} new signing secret  ${rotated.key}`,
  }).option(
    '--grace-seconds <n>',
    'how long the old secret still signs (0 retires it at once)',
    parsePositiveInteger,
  );
}

function describeWebhook(webhook: Webhook): string {
  const rows: [string, string][] = [
    ['id', webhook.id],
    ['name', webhook.name],
    ['url', webhook.url],
    ['events', webhook.events.join(', ')],
    [
      'active',
      webhook.active
        ? colour.green('yes')
        : colour.dim(`no${webhook.disabledReason ? ` (${webhook.disabledReason})` : ''}`),
    ],
    ['version', String(webhook.version)],
    ['updated', webhook.updatedAt],
  ];
  return rows.map(([label, value]) => `${colour.bold(label.padEnd(14))}  ${value}`).join('\n');
}
