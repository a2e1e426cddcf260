import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import pg from 'pg';

import {
  InfraError,
  describeLogTail,
  fileExists,
  isPortInUse,
  isRunningAs,
  pollUntil,
  run,
} from './process.mjs';

const PG_ROOT_DIR = '/usr/lib/postgresql';
const SUPERUSER = 'postgres';
// Unix socket paths are limited to 107 bytes on Linux.
const MAX_SOCKET_PATH = 100;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Runs one query on a fresh connection; `connection` is a URL or a pg client config. */
async function query(connection, sql, params) {
  const config = typeof connection === 'string' ? { connectionString: connection } : connection;
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function canConnect(connection) {
  try {
    await query(connection, 'select 1');
    return true;
  } catch {
    return false;
  }
}

const withDatabase = (url, database) => {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
};

const quoteIdentifier = (name) => {
  if (!IDENTIFIER.test(name)) {
    throw new InfraError(`Invalid database name "${name}" (use letters, digits and underscores)`);
  }
  return `"${name}"`;
};

/**
 * Creates database `name` owned by the user in `adminUrl` (the hookline role has CREATEDB)
 * and returns its URL. An existing database of that name is kept.
 */
export async function createDatabase(adminUrl, name) {
  try {
    await query(adminUrl, `create database ${quoteIdentifier(name)}`);
  } catch (error) {
    if (error.code !== '42P04') {
      throw new InfraError(`Could not create database ${name} via ${redact(adminUrl)}: ${error.message}`);
    }
  }
  return withDatabase(adminUrl, name);
}

/** SQLSTATEs of a drop that a backend still working on the database refused; they pass once it ends. */
const DROP_BLOCKED = new Set(['42501', '55006']);
const DROP_PATIENCE_MS = 30_000;

/**
 * Drops database `name`, terminating its open connections first. Missing databases are fine.
 * Postgres 15 lets only members of pg_signal_backend end an autovacuum worker (it has no role), so a
 * drop right after heavy writes can be refused until the worker is done: it is tried again meanwhile.
 */
export async function dropDatabase(adminUrl, name) {
  if (new URL(adminUrl).pathname.slice(1) === name) {
    throw new InfraError(`Refusing to drop ${name}: it is the database adminUrl connects to`);
  }
  const deadline = Date.now() + DROP_PATIENCE_MS;
  for (;;) {
    try {
      await query(adminUrl, `drop database if exists ${quoteIdentifier(name)} with (force)`);
      return;
    } catch (error) {
      if (!DROP_BLOCKED.has(error.code) || Date.now() > deadline) {
        throw new InfraError(`Could not drop database ${name} via ${redact(adminUrl)}: ${error.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export const redact = (url) => {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
};

const appUrl = (cfg, port) => `postgres://${cfg.user}:${cfg.password}@127.0.0.1:${port}/${cfg.database}`;

const isLocalUrl = (cfg, url) => {
  try {
    const parsed = new URL(url);
    return ['127.0.0.1', 'localhost'].includes(parsed.hostname) && Number(parsed.port) === cfg.port;
  } catch {
    return false;
  }
};

async function findBinDir(cfg) {
  if (cfg.binDir) {
    return cfg.binDir;
  }
  const versions = await fsp.readdir(PG_ROOT_DIR).catch(() => []);
  const newest = versions
    .filter((version) => /^\d+$/.test(version))
    .filter((version) => fs.existsSync(path.join(PG_ROOT_DIR, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new InfraError(
      `No PostgreSQL server binaries under ${PG_ROOT_DIR}/<version>/bin (install postgresql, set HOOKLINE_PG_BIN, or set DATABASE_URL)`,
    );
  }
  return path.join(PG_ROOT_DIR, newest, 'bin');
}

/** The OS user that runs the server: ourselves, or `postgres` when we are root (initdb refuses root). */
async function serverUser() {
  if (process.getuid() !== 0) {
    return null;
  }
  const passwd = await fsp.readFile('/etc/passwd', 'utf8');
  const entry = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find(([name]) => name === SUPERUSER);
  if (!entry) {
    throw new InfraError(
      'Running as root, but there is no `postgres` OS user to run the server as (PostgreSQL refuses to run as root)',
    );
  }
  return { name: entry[0], uid: Number(entry[2]), gid: Number(entry[3]) };
}

const runAs = (user, command, args, options = {}) =>
  run(command, args, { ...options, ...(user ? { uid: user.uid, gid: user.gid } : {}) });

/**
 * Runs `program` of the Postgres installation on our data dir (`-D` first, then `args`, `action` last);
 * a non-zero exit fails with its output, and the server log's tail once the server has one.
 */
async function runOnDataDir(
  user,
  binDir,
  paths,
  { program, action, args, withLog = false, spawnOptions = {} },
) {
  const result = await runAs(
    user,
    path.join(binDir, program),
    ['-D', paths.dataDir, ...args, ...(action ? [action] : [])],
    { cwd: paths.root, ...spawnOptions },
  );
  if (result.code !== 0) {
    const log = withLog ? `\n${await describeLogTail(paths.logFile)}` : '';
    throw new InfraError(
      `${action ? `${program} ${action}` : program} failed (exit ${result.code}) for ${paths.dataDir}:\n${(result.stdout + result.stderr).trim()}${log}`,
    );
  }
}

/**
 * Whether `user` can reach `dir` through its existing ancestors (mode bits only;
 * directories we still have to create get mode 0755).
 */
function userCanTraverse(user, dir) {
  let current = dir;
  while (!fs.existsSync(current)) {
    current = path.dirname(current);
  }
  for (;;) {
    const stat = fs.statSync(current);
    const searchBit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & searchBit) === 0) {
      return false;
    }
    if (current === path.dirname(current)) {
      return true;
    }
    current = path.dirname(current);
  }
}

async function resolvePaths(cfg, user) {
  let root = cfg.rootDir ?? cfg.defaultRootDir;
  if (!cfg.rootDir && user && !fs.existsSync(path.join(root, 'data'))) {
    if (!userCanTraverse(user, root)) {
      root = cfg.rootFallbackDir;
    }
  }
  const socketDir = path.join(root, 'run');
  const socketPath = path.join(socketDir, `.s.PGSQL.${cfg.port}`);
  return {
    root,
    dataDir: path.join(root, 'data'),
    logFile: path.join(root, 'server.log'),
    socketDir:
      socketPath.length <= MAX_SOCKET_PATH
        ? socketDir
        : `/tmp/hookline-pg-${user?.uid ?? process.getuid()}-${cfg.port}`,
  };
}

/** Live postmaster of our data dir, from its postmaster.pid. */
async function postmasterInfo(dataDir) {
  const lines = await fsp
    .readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')
    .then((text) => text.split('\n'))
    .catch(() => null);
  const pid = lines && Number.parseInt(lines[0], 10);
  if (!pid || !isRunningAs(pid, 'postgres')) {
    return null;
  }
  return { pid, port: Number.parseInt(lines[3], 10), socketDir: lines[4] };
}

async function prepareDir(dir, user) {
  await fsp.mkdir(path.dirname(dir), { recursive: true });
  await fsp.mkdir(dir, { recursive: true });
  if (user && (await fsp.stat(dir)).uid !== user.uid) {
    await fsp.chown(dir, user.uid, user.gid);
  }
  await fsp.chmod(dir, 0o700);
}

async function serverMajorVersion(binDir) {
  const { stdout } = await run(path.join(binDir, 'postgres'), ['--version']);
  return /\) (\d+)/.exec(stdout)?.[1] ?? null;
}

async function initCluster(paths, binDir, user, log) {
  const versionFile = path.join(paths.dataDir, 'PG_VERSION');
  if (await fileExists(versionFile)) {
    const clusterVersion = (await fsp.readFile(versionFile, 'utf8')).trim();
    const serverVersion = await serverMajorVersion(binDir);
    if (serverVersion && clusterVersion !== serverVersion) {
      throw new InfraError(
        `${paths.dataDir} was created by PostgreSQL ${clusterVersion} but ${binDir} is ${serverVersion}; delete ${paths.root} to recreate it`,
      );
    }
    return;
  }
  log(`Postgres: creating cluster in ${paths.dataDir}`);
  // Superuser is only reachable over the private unix socket (trust); TCP needs a
  // password, and initdb insists on one for the superuser, which nobody needs to know.
  const pwFile = path.join(paths.root, '.initdb-password');
  await fsp.writeFile(pwFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  if (user) {
    await fsp.chown(pwFile, user.uid, user.gid);
  }
  try {
    await runOnDataDir(user, binDir, paths, {
      program: 'initdb',
      args: [
        '-U',
        SUPERUSER,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        `--pwfile=${pwFile}`,
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ],
    });
  } finally {
    await fsp.rm(pwFile, { force: true });
  }
}

const shellQuote = (value) => `'${value.replaceAll("'", `'\\''`)}'`;

async function startServer(cfg, paths, binDir, user, timeoutMs) {
  const serverOptions = [
    `-p ${cfg.port}`,
    `-k ${shellQuote(paths.socketDir)}`,
    '-c listen_addresses=127.0.0.1',
    // Durability off: this cluster only holds throwaway local dev/test data,
    // and skipping fsync makes migrations and tests much faster.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  await runOnDataDir(user, binDir, paths, {
    program: 'pg_ctl',
    action: 'start',
    args: ['-l', paths.logFile, '-o', serverOptions, '-w', '-t', String(Math.ceil(timeoutMs / 1000))],
    withLog: true,
    // Own session, so a Ctrl-C in the terminal that ran `up` does not reach the postmaster.
    spawnOptions: { detached: true },
  });
}

const superuserConnection = (port, socketDir) => ({
  host: socketDir,
  port,
  user: SUPERUSER,
  database: 'postgres',
});

async function ensureRoleAndDatabase(cfg, connection) {
  const role = cfg.user;
  const roles = await query(connection, 'select 1 from pg_roles where rolname = $1', [role]);
  const verb = roles.rowCount === 0 ? 'create' : 'alter';
  // Identifiers and the password come from our own config, not from user input.
  await query(
    connection,
    `${verb} role ${quoteIdentifier(role)} login createdb password '${cfg.password.replaceAll("'", "''")}'`,
  );
  // Test runs drop their databases WITH (FORCE); on Postgres 15 that includes ending autovacuum workers.
  await query(connection, `grant pg_signal_backend to ${quoteIdentifier(role)}`);
  const databases = await query(connection, 'select 1 from pg_database where datname = $1', [cfg.database]);
  if (databases.rowCount === 0) {
    await query(
      connection,
      `create database ${quoteIdentifier(cfg.database)} owner ${quoteIdentifier(role)}`,
    );
  }
}

async function waitForPostgres(connection, paths, timeoutMs) {
  await pollUntil(() => query(connection, 'select 1').then(() => true), {
    timeoutMs,
    describeTimeout: async (error) =>
      `Postgres in ${paths.dataDir} did not accept connections within ${timeoutMs / 1000}s` +
      ` (last error: ${error?.message ?? 'none'}).\n${await describeLogTail(paths.logFile)}`,
  });
}

/**
 * Makes a database available: an external DATABASE_URL, or our own cluster in
 * the state dir (initialised and started on demand) with the hookline role and database.
 */
export async function ensurePostgres(cfg, { log, timeoutMs }) {
  if (cfg.externalUrl && !isLocalUrl(cfg, cfg.externalUrl)) {
    if (await canConnect(cfg.externalUrl)) {
      log(`Postgres: using DATABASE_URL=${redact(cfg.externalUrl)}`);
      return { databaseUrl: cfg.externalUrl, started: false, external: true };
    }
    throw new InfraError(
      `DATABASE_URL=${redact(cfg.externalUrl)} is set but a connection to it failed. Unset it to use the embedded Postgres.`,
    );
  }

  const user = await serverUser();
  const paths = await resolvePaths(cfg, user);
  const running = await postmasterInfo(paths.dataDir);
  if (running) {
    const connection = superuserConnection(running.port, running.socketDir);
    await waitForPostgres(connection, paths, timeoutMs);
    await ensureRoleAndDatabase(cfg, connection);
    log(`Postgres: already running on 127.0.0.1:${running.port} (pid ${running.pid})`);
    if (running.port !== cfg.port) {
      log(
        `Postgres: warning: running on port ${running.port}, not PGPORT=${cfg.port}; run \`down\` then \`up\` to move it`,
      );
    }
    return { databaseUrl: appUrl(cfg, running.port), started: false, pid: running.pid };
  }

  if (await isPortInUse(cfg.port)) {
    throw new InfraError(
      `Cannot start Postgres: 127.0.0.1:${cfg.port} is taken by another process (not our cluster in ${paths.dataDir}); free it or set PGPORT`,
    );
  }
  const binDir = await findBinDir(cfg);
  await prepareDir(paths.root, user);
  await prepareDir(paths.socketDir, user);
  await initCluster(paths, binDir, user, log);
  const startedAt = Date.now();
  await startServer(cfg, paths, binDir, user, timeoutMs);
  const connection = superuserConnection(cfg.port, paths.socketDir);
  await waitForPostgres(connection, paths, timeoutMs);
  await ensureRoleAndDatabase(cfg, connection);
  const databaseUrl = appUrl(cfg, cfg.port);
  if (!(await canConnect(databaseUrl))) {
    throw new InfraError(
      `Postgres started but ${redact(databaseUrl)} is refused; check ${path.join(paths.dataDir, 'pg_hba.conf')} and ${paths.logFile}`,
    );
  }
  const info = await postmasterInfo(paths.dataDir);
  log(
    `Postgres: started pid ${info?.pid} on 127.0.0.1:${cfg.port} in ${((Date.now() - startedAt) / 1000).toFixed(1)}s (log: ${paths.logFile})`,
  );
  return { databaseUrl, started: true, pid: info?.pid };
}

export async function postgresStatus(cfg) {
  if (cfg.externalUrl && !isLocalUrl(cfg, cfg.externalUrl)) {
    return {
      managed: false,
      databaseUrl: redact(cfg.externalUrl),
      reachable: await canConnect(cfg.externalUrl),
    };
  }
  const paths = await resolvePaths(cfg, await serverUser());
  const running = await postmasterInfo(paths.dataDir);
  const databaseUrl = appUrl(cfg, running?.port ?? cfg.port);
  return {
    managed: true,
    databaseUrl,
    pid: running?.pid ?? null,
    port: running?.port ?? cfg.port,
    reachable: running ? await canConnect(databaseUrl) : false,
    dataDir: paths.dataDir,
    logFile: paths.logFile,
  };
}

export async function stopPostgres(cfg, { log }) {
  const user = await serverUser();
  const paths = await resolvePaths(cfg, user);
  const running = await postmasterInfo(paths.dataDir);
  if (!running) {
    log('Postgres: not running (nothing started by tools/infra)');
    return false;
  }
  log(`Postgres: stopping pid ${running.pid}`);
  const binDir = await findBinDir(cfg);
  await runOnDataDir(user, binDir, paths, {
    program: 'pg_ctl',
    action: 'stop',
    args: ['-m', 'fast', '-w', '-t', '60'],
    withLog: true,
  });
  log('Postgres: stopped');
  return true;
}
