import type { Command } from 'commander';
import { HooklineApiError, unwrap, verifyWebhook } from '@hookline/client';
import { parseRelayServerFrame, type RelayDeliveryFrame, type RelayResponseFrame } from '@hookline/contracts';
import type { CliContext, ContextFactory } from '../cli-context';
import { forwardDelivery } from '../listen/forward-delivery';
import { frameText } from '../listen/frame-text';
import { openRelay } from '../listen/open-relay';
import { CliError } from '../output/cli-error';
import { colour, statusColour } from '../output/output';
import { parseEventList } from './parse-options';

interface ListenOptions {
  forwardTo?: string;
  events: string[];
}

// Below the relay's own wait, so the local endpoint's slowness is reported as such, not as a relay timeout.
const FORWARD_TIMEOUT_MS = 9_000;

export function registerListenCommand(program: Command, context: ContextFactory): void {
  program
    .command('listen')
    .description('receive the organization’s deliveries here, without a public URL, until Ctrl-C')
    .option('--forward-to <url>', 'POST each delivery to this local URL and answer with its response')
    .option('--events <list>', 'event types or patterns, comma-separated', parseEventList, ['*'])
    .action(async (options: ListenOptions) => {
      if (options.forwardTo !== undefined && !/^https?:\/\//.test(options.forwardTo)) {
        throw new CliError(
          `--forward-to must be an http(s) URL, e.g. http://localhost:3000/hooks; got "${options.forwardTo}"`,
        );
      }
      await listen(context(), options);
    });
}

async function listen(ctx: CliContext, options: ListenOptions): Promise<void> {
  const profile = ctx.profile();
  const { socket, ready } = await openRelay(profile.subscriptionUrl, profile.apiKey, options.events);
  const target = options.forwardTo ?? null;
  ctx.output.event(
    {
      event: 'ready',
      webhookId: ready.webhookId,
      events: ready.events,
      forwardTo: target,
      signingSecret: ready.signingSecret,
    },
    () =>
      [
        `${colour.green('Ready!')} deliveries of ${colour.bold(ready.events.join(', '))} ${target ? `are forwarded to ${colour.bold(target)}` : 'are printed here (add --forward-to <url> to pass them on)'}`,
        `  signing secret     ${ready.signingSecret}   ${colour.dim('(your endpoint verifies with it)')}`,
        `  temporary webhook  ${ready.webhookId}   ${colour.dim('(deleted when you stop listening: Ctrl-C)')}`,
      ].join('\n'),
  );

  const handle = async (delivery: RelayDeliveryFrame): Promise<void> => {
    const body = Buffer.from(delivery.body, 'base64');
    const verification = verifyWebhook({ secret: ready.signingSecret, headers: delivery.headers, body });
    const signature = verification.ok
      ? colour.green('signature ✓')
      : colour.red(`signature ✗ ${verification.message}`);
    const type = verification.ok ? verification.payload.type : 'unknown';
    let frame: RelayResponseFrame;
    let durationMs = 0;
    if (target === null) {
      frame = {
        type: 'response',
        requestId: delivery.requestId,
        status: 200,
        headers: {},
        body: '',
        error: null,
      };
      ctx.output.event(
        {
          event: 'delivery',
          type,
          webhookId: delivery.headers['webhook-id'],
          signatureValid: verification.ok,
          payload: verification.ok ? verification.payload : null,
        },
        () =>
          [
            `${time()}  ${colour.bold(type)}  ${delivery.headers['webhook-id']}  ${signature}`,
            body.toString('utf8'),
          ].join('\n'),
      );
    } else {
      ({ frame, durationMs } = await forwardDelivery(delivery, target, FORWARD_TIMEOUT_MS));
      ctx.output.event(
        {
          event: 'delivery',
          type,
          webhookId: delivery.headers['webhook-id'],
          signatureValid: verification.ok,
          status: frame.status,
          error: frame.error ?? null,
          durationMs,
        },
        () =>
          `${time()}  ${colour.bold(type)}  ${delivery.headers['webhook-id']}  → ${statusColour(frame.status)}${frame.error ? ` ${colour.red(frame.error)}` : ''} ${colour.dim(`(${durationMs} ms)`)}  ${signature}`,
      );
    }
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify(frame));
    }
  };

  socket.on('message', (data) => {
    const parsed = parseRelayServerFrame(frameText(data));
    if (!parsed.ok || parsed.frame.type !== 'delivery') {
      ctx.output.note(
        `ignored a frame from the relay: ${parsed.ok ? parsed.frame.type : parsed.errors.join('; ')}`,
      );
      return;
    }
    void handle(parsed.frame);
  });

  await new Promise<void>((resolve, reject) => {
    let stopping = false;
    const stop = () => {
      if (stopping) {
        return;
      }
      stopping = true;
      ctx.output.note('stopping: deleting the temporary webhook…');
      removeWebhook(ctx, ready.webhookId)
        .catch((error: unknown) => ctx.output.note(`could not delete ${ready.webhookId}: ${String(error)}`))
        .finally(() => socket.close(1000, 'hookline listen stopped'));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    socket.once('close', (code, reason) => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      if (stopping) {
        ctx.output.event(
          { event: 'stopped', webhookId: ready.webhookId },
          () => `${colour.green('✓')} stopped; temporary webhook ${ready.webhookId} deleted`,
        );
        resolve();
      } else {
        reject(
          new CliError(
            `the relay closed the connection (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`,
          ),
        );
      }
    });
  });
}

/** The relay deletes it too when the connection ends; deleting it here makes the exit certain of it. */
async function removeWebhook(ctx: CliContext, webhookId: string): Promise<void> {
  try {
    await unwrap(
      ctx.client().subscription.DELETE('/v1/webhooks/{id}', { params: { path: { id: webhookId } } }),
    );
  } catch (error) {
    if (!(error instanceof HooklineApiError && error.kind === 'not_found')) {
      throw error;
    }
  }
}

function time(): string {
  return colour.dim(new Date().toISOString().slice(11, 19));
}
