import { parseRebuildArgs } from './rebuild-args';

describe(parseRebuildArgs.name, () => {
  it('runs only with --yes', () => {
    expect(parseRebuildArgs(['--yes'])).toEqual({ kind: 'run' });
    expect(parseRebuildArgs([])).toEqual({
      kind: 'refused',
      reason: 'the rebuild deletes the projection first: pass --yes to confirm',
    });
  });

  it('refuses anything it does not know, even with --yes', () => {
    expect(parseRebuildArgs(['--yes', '--schema=x'])).toEqual({
      kind: 'refused',
      reason: 'unknown argument --schema=x',
    });
  });

  it('answers --help without running', () => {
    expect(parseRebuildArgs(['--yes', '--help'])).toEqual({ kind: 'help' });
  });
});
