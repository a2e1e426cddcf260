import { Command, CommanderError } from 'commander';
import { HooklineApiError } from '@hookline/client';
import { CliContext, type GlobalOptions } from './cli-context';
import { registerDeliveriesCommands } from './commands/deliveries.command';
import { registerEventTypesCommand } from './commands/event-types.command';
import { registerListenCommand } from './commands/listen.command';
import { registerLoginCommand } from './commands/login.command';
import { registerRecoverCommand } from './commands/recover.command';
import { registerTriggerCommand } from './commands/trigger.command';
import { registerVerifyCommand } from './commands/verify.command';
import { registerWebhooksCommands } from './commands/webhooks.command';
import { CliError } from './output/cli-error';
import { colour } from './output/output';

/** Builds the `hookline` program; returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command('hookline')
    .description('Hookline from the terminal: webhooks, events, deliveries, and deliveries to localhost.')
    .option('-p, --profile <name>', 'the login profile to use (default: the one `hookline login` saved last)')
    .option('--json', 'print results as JSON')
    .showHelpAfterError()
    .exitOverride();
  const context = () => new CliContext(program.opts<GlobalOptions>());
  registerLoginCommand(program, context);
  registerWebhooksCommands(program, context);
  registerEventTypesCommand(program, context);
  registerDeliveriesCommands(program, context);
  registerRecoverCommand(program, context);
  registerTriggerCommand(program, context);
  registerVerifyCommand(program, context);
  registerListenCommand(program, context);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    return report(error, program.opts<GlobalOptions>().json === true);
  }
}

function report(error: unknown, json: boolean): number {
  if (error instanceof HooklineApiError) {
    const status = error.status === null ? error.kind : `${error.status} ${error.kind}`;
    if (json) {
      console.error(
        JSON.stringify({
          error: { kind: error.kind, status: error.status, message: error.message, details: error.details },
        }),
      );
    } else {
      console.error(`${colour.red('error')} ${colour.dim(`(${status})`)} ${error.message}`);
      for (const detail of error.details) {
        if (detail !== error.message) {
          console.error(`  - ${detail}`);
        }
      }
    }
    return 1;
  }
  if (error instanceof CliError) {
    if (json) {
      console.error(JSON.stringify({ error: { message: error.message, details: error.details } }));
    } else {
      console.error(`${colour.red('error')} ${error.message}`);
      for (const detail of error.details) {
        console.error(`  - ${detail}`);
      }
    }
    return error.exitCode;
  }
  throw error;
}
