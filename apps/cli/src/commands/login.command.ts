import type { Command } from 'commander';
import { HooklineClient, unwrap } from '@hookline/client';
import { eventually } from '../config/eventually';
import { serviceUrls } from '../config/service-urls';
import type { ContextFactory } from '../cli-context';
import { CliError } from '../output/cli-error';
import { colour } from '../output/output';

interface LoginOptions {
  apiKey?: string;
  adminToken?: string;
  organization?: string;
  url: string;
  ingestUrl?: string;
  auditUrl?: string;
}

export function registerLoginCommand(program: Command, context: ContextFactory): void {
  program
    .command('login')
    .description('save a profile: the API base URLs and an API key (checked against every service)')
    .option('--api-key <key>', 'an organization API key (hk_…)')
    .option(
      '--admin-token <token>',
      'the platform admin token: creates an organization and saves its first key',
    )
    .option('--organization <name>', 'with --admin-token: the new organization’s name', 'Local development')
    .option('--url <url>', 'subscription-service base URL', 'http://localhost:3000')
    .option('--ingest-url <url>', 'event-ingest-service base URL (default: --url with port + 1)')
    .option('--audit-url <url>', 'audit-projection-service base URL (default: --url with port + 2)')
    .action(async (options: LoginOptions) => {
      const ctx = context();
      const urls = serviceUrls(options);
      const profileName = ctx.options.profile ?? 'default';
      let apiKey = options.apiKey;
      let organizationId: string | undefined;
      if (apiKey === undefined) {
        if (options.adminToken === undefined) {
          throw new CliError('pass --api-key <key>, or --admin-token <token> to create an organization');
        }
        const admin = new HooklineClient({ ...urls, apiKey: options.adminToken });
        const created = await unwrap(
          admin.subscription.POST('/v1/organizations', {
            body: { name: options.organization ?? 'Local development' },
          }),
        );
        apiKey = created.apiKey.key;
        organizationId = created.id;
        ctx.output.note(`created organization ${created.id} (${created.name})`);
      }
      const client = new HooklineClient({ ...urls, apiKey });
      // A key just issued reaches ingest and audit through Kafka, usually within a second.
      await eventually(() => checkKey(client), { timeoutMs: organizationId ? 20_000 : 0 });
      ctx.store.save(profileName, { ...urls, apiKey, ...(organizationId ? { organizationId } : {}) }, true);
      ctx.output.result(
        { profile: profileName, ...urls, organizationId: organizationId ?? null, file: ctx.store.file },
        () =>
          [
            `${colour.green('✓')} logged in: profile ${colour.bold(profileName)} → ${urls.subscriptionUrl}`,
            colour.dim(`  saved in ${ctx.store.file} (readable by you only)`),
          ].join('\n'),
      );
    });
}

/** Each service must accept the key: a 401 anywhere is a key that cannot be used there (yet). */
async function checkKey(client: HooklineClient): Promise<void> {
  await unwrap(client.subscription.GET('/v1/event-types'));
  await unwrap(client.audit.GET('/v1/stats', { params: { query: {} } }));
  // Ingest has no read route: an empty batch is refused as invalid only once the key is authenticated.
  const probe = await client.ingest.POST('/v1/events/batch', { body: { events: [] } });
  if (probe.response.status === 401 || probe.response.status === 403) {
    await unwrap(Promise.resolve(probe));
  }
}
