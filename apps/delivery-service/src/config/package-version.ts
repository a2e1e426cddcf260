import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Version of the nearest package.json above `fromDir`; works from `src/` and from the compiled `dist/`. */
export function readPackageVersion(fromDir: string = __dirname): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
      return typeof version === 'string' && version !== '' ? version : '0.0.0';
    }
    if (path.dirname(dir) === dir) {
      return '0.0.0';
    }
  }
}
