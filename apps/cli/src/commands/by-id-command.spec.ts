import { Command } from 'commander';
import type { HooklineClient } from '@hookline/client';
import type { CliContext } from '../cli-context';
import { addByIdCommand } from './by-id-command';

describe(addByIdCommand.name, () => {
  const client = {} as HooklineClient;

  function programPrintingTo(printed: Array<{ value: unknown; human: string }>): Command {
    const output = {
      result: (value: unknown, human: () => string) => printed.push({ value, human: human() }),
    };
    const context = () => ({ client: () => client, output }) as unknown as CliContext;
    const program = new Command('hookline').exitOverride();
    addByIdCommand(program.command('things'), context, {
      name: 'rename',
      description: 'rename a thing',
      call: (called, id, options: { to?: string }) =>
        Promise.resolve({ id, name: options.to ?? 'unnamed', sameClient: called === client }),
      describe: (thing, id) => `${id} is now ${thing.name}`,
    }).option('--to <name>', 'the new name');
    return program;
  }

  it('makes its one call with the id and the options, and prints the result', async () => {
    const printed: Array<{ value: unknown; human: string }> = [];

    await programPrintingTo(printed).parseAsync(['things', 'rename', 'th_1', '--to', 'Widget'], {
      from: 'user',
    });

    expect(printed).toEqual([
      { value: { id: 'th_1', name: 'Widget', sameClient: true }, human: 'th_1 is now Widget' },
    ]);
  });

  it('refuses to run without the id', async () => {
    const printed: Array<{ value: unknown; human: string }> = [];
    const program = programPrintingTo(printed);
    program.commands[0]?.commands[0]?.exitOverride().configureOutput({ writeErr: () => undefined });

    await expect(program.parseAsync(['things', 'rename'], { from: 'user' })).rejects.toThrow(
      /missing required argument/,
    );
    expect(printed).toEqual([]);
  });
});
