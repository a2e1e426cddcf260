#!/usr/bin/env node
// The `hookline` command: the compiled CLI with the workspace's `@hookline/*` aliases resolved.
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const main = path.join(root, 'dist/out-tsc/apps/cli/src/main.js');
if (!existsSync(main)) {
  console.error(`hookline is not built yet: run \`npm run build\` in ${root}`);
  process.exit(1);
}
require(path.join(root, 'tools/runtime/register.js'));
require(main);
