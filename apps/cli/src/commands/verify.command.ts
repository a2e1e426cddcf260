import type { Command } from 'commander';
import { verifyWebhook } from '@hookline/client';
import type { ContextFactory } from '../cli-context';
import { colour } from '../output/output';
import { diagnoseMismatch } from '../verify/diagnose-mismatch';
import { readHeaders } from '../verify/read-headers';
import { readOptionFile } from './option-file';
import { parsePositiveInteger } from './parse-options';

interface VerifyOptions {
  secret: string;
  headers?: string;
  header: string[];
  body: string;
  tolerance: number;
  webhook?: string;
  offline: boolean;
}

export function registerVerifyCommand(program: Command, context: ContextFactory): void {
  program
    .command('verify')
    .description('check a delivery’s signature and say exactly why it fails')
    .requiredOption('--secret <whsec>', 'the webhook’s signing secret')
    .requiredOption('--body <file>', 'the raw body as received (- reads stdin)')
    .option('--headers <file>', 'the request headers: a JSON object or `Name: value` lines')
    .option(
      '-H, --header <line>',
      '`Name: value`, repeatable',
      (line: string, all: string[]) => [...all, line],
      [],
    )
    .option('--tolerance <seconds>', 'how far webhook-timestamp may be from now', parsePositiveInteger, 300)
    .option('--webhook <id>', 'the webhook it was sent to (narrows the diagnosis of a mismatch)')
    .option('--offline', 'do not ask the platform why a signature does not match', false)
    .action(async (options: VerifyOptions) => {
      const ctx = context();
      const body = readOptionFile('--body', options.body);
      const headers = readHeaders(options.headers, options.header);
      const result = verifyWebhook({
        secret: options.secret,
        headers,
        body,
        toleranceSeconds: options.tolerance,
      });
      if (result.ok) {
        const age = Math.floor(Date.now() / 1000) - result.timestamp;
        ctx.output.result(
          { ok: true, webhookId: result.webhookId, type: result.payload.type, signedSecondsAgo: age },
          () =>
            `${colour.green('✓ signature verified')}: ${result.payload.type} ${result.webhookId}, signed ${age} s ago`,
        );
        return;
      }
      let reason: string = result.reason;
      let message = result.message;
      if (result.reason === 'signature_mismatch' && !options.offline && hasProfile(ctx)) {
        const diagnosis = await diagnoseMismatch(ctx.client(), {
          secret: options.secret,
          webhookId: headers['webhook-id'] ?? '',
          body: body.toString('utf8'),
          onlyWebhook: options.webhook,
        });
        reason = diagnosis.reason;
        message = diagnosis.message;
      } else if (result.reason === 'signature_mismatch') {
        message += '; log in (`hookline login`) and drop --offline to learn which';
      }
      if (ctx.output.json) {
        ctx.output.result({ ok: false, reason, message }, () => message);
      } else {
        process.stderr.write(`${colour.red('✗ refused')} ${message}\n`);
      }
      process.exitCode = 1;
    });
}

function hasProfile(ctx: ReturnType<ContextFactory>): boolean {
  try {
    ctx.profile();
    return true;
  } catch {
    return false;
  }
}
