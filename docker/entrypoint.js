// PID 1 of every Hookline image. Runs the service's compiled entry in this process (no shell, no child),
// so SIGTERM reaches the service's own handler: it drains and exits 0 (libs/platform graceful shutdown).
//   <image>                the service (HTTP, consumers)
//   <image> migrate        the service's database migrations, then exit
//   <image> rebuild        audit-projection-service only: rebuild the projection from Kafka
//   <image> create-topics  Hookline's Kafka topics, where missing (docker/create-topics.js)
'use strict';
const path = require('node:path');

const COMMANDS = { serve: 'main', migrate: 'migrate', rebuild: 'rebuild', 'create-topics': null };
// Services without a database of their own have nothing to migrate; `migrate` still succeeds so that
// one migration step can run every image the same way.
const WITHOUT_DATABASE = new Set(['delivery-service']);

function usage(message) {
  console.error(message);
  process.exit(64);
}

function run(service, command) {
  if (!service) usage('HOOKLINE_SERVICE is not set; the image target sets it');
  if (!Object.hasOwn(COMMANDS, command)) {
    usage(`unknown command "${command}"; expected one of: ${Object.keys(COMMANDS).join(', ')}`);
  }
  if (command === 'create-topics') {
    require('./create-topics.js');
  } else if (command === 'migrate' && WITHOUT_DATABASE.has(service)) {
    console.log(`${service}: no database, nothing to migrate`);
  } else {
    const entry = path.join('/app/dist/out-tsc/apps', service, 'src', `${COMMANDS[command]}.js`);
    try {
      require.resolve(entry);
    } catch {
      usage(`${service} has no "${command}" command`);
    }
    // The entry sees its own arguments only (`rebuild --yes` passes `--yes`).
    process.argv.splice(2, 1);
    require('/app/tools/runtime/register.js');
    require(entry);
  }
}

run(process.env.HOOKLINE_SERVICE, process.argv[2] ?? 'serve');
