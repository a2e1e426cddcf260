import type { Command } from 'commander';
import type { HooklineClient } from '@hookline/client';
import type { ContextFactory } from '../cli-context';

interface ByIdCommand<Result, Options> {
  /** The subcommand's name; it takes the resource's id as its one argument. */
  name: string;
  description: string;
  /** The one API call the command makes for the id. */
  call: (client: HooklineClient, id: string, options: Options) => Promise<Result>;
  /** The result for a reader (`--json` prints the result itself). */
  describe: (result: Result, id: string) => string;
}

/** Adds `<name> <id>` to `parent`: one call for the id, its result printed. Options can be added to what it returns. */
export function addByIdCommand<Result, Options = Record<string, never>>(
  parent: Command,
  context: ContextFactory,
  { name, description, call, describe }: ByIdCommand<Result, Options>,
): Command {
  return parent
    .command(`${name} <id>`)
    .description(description)
    .action(async (id: string, options: Options) => {
      const ctx = context();
      const result = await call(ctx.client(), id, options);
      ctx.output.result(result, () => describe(result, id));
    });
}
