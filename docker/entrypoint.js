// PID 1 of every Hookline image. Runs the service's compiled entry in this process (no shell, no child),
// so SIGTERM reaches the service's own handler: it drains and exits 0 (libs/platform graceful shutdown).
//   <image>            the service (HTTP, consumers)
//   <image> migrate    the service's database migrations, then exit
//   <image> rebuild    audit-projection-service only: rebuild the projection from Kafka
'use strict';
const path = require('node:path');

const service = process.env.HOOKLINE_SERVICE;
const command = process.argv[2] ?? 'serve';
const entries = { serve: 'main', migrate: 'migrate', rebuild: 'rebuild' };
// Services without a database of their own have nothing to migrate; `migrate` still succeeds so that
// one migration step can run every image the same way.
const withoutDatabase = new Set(['delivery-service']);

if (!service) {
  console.error('HOOKLINE_SERVICE is not set; the image target sets it');
  process.exit(64);
}
if (!Object.hasOwn(entries, command)) {
  console.error(`unknown command "${command}"; expected one of: ${Object.keys(entries).join(', ')}`);
  process.exit(64);
}
if (command === 'migrate' && withoutDatabase.has(service)) {
  console.log(`${service}: no database, nothing to migrate`);
  process.exit(0);
}

require('/app/tools/runtime/register.js');
const entry = path.join('/app/dist/out-tsc/apps', service, 'src', `${entries[command]}.js`);
try {
  require.resolve(entry);
} catch {
  console.error(`${service} has no "${command}" command`);
  process.exit(64);
}
require(entry);
