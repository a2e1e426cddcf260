const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

/** Maps the tsconfig `paths` aliases (`@hookline/*`) to their source for Jest. */
function pathsToModuleNameMapper() {
  const root = path.resolve(__dirname, '../..');
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias.replace('/', '\\/')}$`,
      path.join(root, target),
    ]),
  );
}

module.exports = { pathsToModuleNameMapper };
