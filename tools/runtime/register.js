// Resolves the `@hookline/*` aliases of tsconfig.base.json to the compiled output in dist/out-tsc.
const path = require('node:path');
const tsConfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const outDir = path.resolve(__dirname, '../../dist/out-tsc');
const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [
    alias,
    targets.map((target) => target.replace(/\.ts$/, '')),
  ]),
);

tsConfigPaths.register({ baseUrl: outDir, paths });
require('reflect-metadata');
