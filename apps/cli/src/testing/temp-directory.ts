import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A new empty directory for each test: `beforeEach(temp.create)` and `afterEach(temp.remove)`, then
 * `temp.path()` in the test. (Without jest's globals, so that the build compiles it.)
 */
export function tempDirectory(prefix: string) {
  let directory = '';
  return {
    create: () => {
      directory = mkdtempSync(path.join(os.tmpdir(), prefix));
    },
    remove: () => rmSync(directory, { recursive: true, force: true }),
    path: () => directory,
  };
}
