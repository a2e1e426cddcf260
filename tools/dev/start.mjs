// `npm start`: infrastructure, build, migrations, the four services; Ctrl-C stops the services.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { ensureInfra } from '../infra/index.mjs';
import { ROOT, SERVICES, adminTokenExport, describeSecretSources, loadDevEnv } from './dev-env.mjs';

const log = (line) => console.log(`[hookline] ${line}`);

function runOrExit(command, args, env, what) {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[hookline] ${what} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

async function waitForReady(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      return false;
    }
    try {
      if ((await fetch(`${url}/health/ready`)).ok) {
        return true;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function main() {
  const { env: devEnv, sources, secretsFile } = loadDevEnv();
  const infra = await ensureInfra({ log: (line) => log(line) });
  const env = {
    ...devEnv,
    KAFKA_BROKERS: devEnv.KAFKA_BROKERS ?? infra.kafkaBrokers,
    DATABASE_URL: devEnv.DATABASE_URL ?? infra.databaseUrl,
    // `hookline listen` relays through subscription-service: its temporary webhooks point back at it.
    RELAY_PUBLIC_URL: devEnv.RELAY_PUBLIC_URL ?? `http://127.0.0.1:${devEnv.SUBSCRIPTION_PORT ?? 3000}`,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  Object.assign(env, portalEnv(env));

  log('building (tsc)…');
  runOrExit(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    env,
    'build',
  );
  log('building the webhooks portal (vite)…');
  runOrExit(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/portal/vite.config.mts',
      '--logLevel',
      'warn',
    ],
    // The services run in development mode; the portal is always built for production.
    { ...env, NODE_ENV: 'production' },
    'portal build',
  );
  for (const service of SERVICES.filter((item) => item.migrates)) {
    runOrExit(
      process.execPath,
      ['-r', './tools/runtime/register.js', `dist/out-tsc/apps/${service.app}/src/migrate.js`],
      env,
      `${service.app} migrations`,
    );
  }

  const children = SERVICES.map((service) => {
    const port = env[service.portVar] ?? String(service.port);
    const child = spawn(
      process.execPath,
      ['-r', './tools/runtime/register.js', `dist/out-tsc/apps/${service.app}/src/main.js`],
      {
        cwd: ROOT,
        env: { ...env, PORT: port },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    return { ...service, url: `http://127.0.0.1:${port}`, child };
  });

  const stopAll = (code) => {
    for (const { child } of children) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
      }
    }
    setTimeout(() => process.exit(code), 10_000).unref();
    Promise.all(
      children.map(({ child }) =>
        child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null,
      ),
    ).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  const ready = await Promise.all(children.map((service) => waitForReady(service.url, service.child)));
  const failed = children.filter((_, index) => !ready[index]);
  if (failed.length > 0) {
    console.error(
      `[hookline] not ready: ${failed.map((service) => service.app).join(', ')} (see the logs above)`,
    );
    stopAll(1);
    return;
  }
  const [subscription, ingest, audit, delivery] = children;
  console.log(`
Hookline is running.
  subscription-service      ${subscription.url}   (API docs: ${subscription.url}/docs)
  event-ingest-service      ${ingest.url}   (API docs: ${ingest.url}/docs)
  audit-projection-service  ${audit.url}   (API docs: ${audit.url}/docs)
  delivery-service          ${delivery.url}   (health and metrics)
  Webhooks portal           ${subscription.url}/portal/   (sign in with an organization API key, or open a session URL below)
  Kafka                     ${env.KAFKA_BROKERS}
  Postgres                  ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}

  Secrets (the process environment wins over .env, .env over generated defaults):
${describeSecretSources(sources, secretsFile)
  .map((line) => `    ${line}`)
  .join('\n')}

Try it with the CLI (README.md, "For developers"), in another terminal:
  ${adminTokenExport(sources, secretsFile)}
  npx hookline login --admin-token "$ADMIN_TOKEN" --url ${subscription.url} \\
        --ingest-url ${ingest.url} --audit-url ${audit.url}
  node tools/dev/receiver.mjs &            # a local endpoint on http://127.0.0.1:4000
  npx hookline listen --forward-to http://127.0.0.1:4000/hooks --events 'job.*'
  npx hookline trigger job.created         # in a third terminal: listen shows it arrive, signature checked
  # the same with curl, and a portal session for the webhooks screens:
  KEY=$(curl -s -X POST ${subscription.url}/v1/organizations -H "authorization: Bearer $ADMIN_TOKEN" \\
        -H 'content-type: application/json' -d '{"name":"Acme Roofing"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).apiKey.key')
  curl -s -X POST ${subscription.url}/v1/webhooks -H "authorization: Bearer $KEY" -H 'content-type: application/json' \\
        -d '{"name":"local","url":"http://127.0.0.1:4000/hooks","events":["job.*"],"active":true}'
  curl -s -X POST ${ingest.url}/v1/events -H "authorization: Bearer $KEY" -H 'content-type: application/json' \\
        -d @tools/dev/examples/job-created.json
  curl -s -X POST ${subscription.url}/v1/portal-sessions -H "authorization: Bearer $KEY" -H 'content-type: application/json' \\
        -d '{"access":"read-write","brandName":"Acme Roofing"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).url'

Ctrl-C stops the services; \`npm run infra -- down\` stops Kafka and Postgres.
`);
}

/** The portal's settings for this machine: a secret derived from ADMIN_TOKEN, URLs from the ports. */
function portalEnv(env) {
  const port = (name) => env[name] ?? String(SERVICES.find((service) => service.portVar === name).port);
  const subscriptionUrl = `http://127.0.0.1:${port('SUBSCRIPTION_PORT')}`;
  return {
    PORTAL_SESSION_SECRET:
      env.PORTAL_SESSION_SECRET ??
      createHmac('sha256', env.ADMIN_TOKEN).update('portal-sessions').digest('base64url'),
    PORTAL_PUBLIC_URL: env.PORTAL_PUBLIC_URL ?? `${subscriptionUrl}/portal/`,
    PORTAL_AUDIT_URL: env.PORTAL_AUDIT_URL ?? `http://127.0.0.1:${port('AUDIT_PORT')}`,
    PORTAL_ORIGINS: env.PORTAL_ORIGINS ?? `${subscriptionUrl},http://localhost:${port('SUBSCRIPTION_PORT')}`,
  };
}

main().catch((error) => {
  console.error(`[hookline] ${error.message}`);
  process.exit(1);
});
