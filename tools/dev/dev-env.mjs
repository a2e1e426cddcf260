// The environment of the local platform. Precedence, highest first: the process environment
// (`ADMIN_TOKEN=… npm start`), then `.env`, then generated development defaults.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SERVICES = [
  { app: 'subscription-service', portVar: 'SUBSCRIPTION_PORT', port: 3000, migrates: true },
  { app: 'event-ingest-service', portVar: 'INGEST_PORT', port: 3001, migrates: true },
  { app: 'audit-projection-service', portVar: 'AUDIT_PORT', port: 3002, migrates: true },
  { app: 'delivery-service', portVar: 'DELIVERY_PORT', port: 3003, migrates: false },
];

/** The variables the banner reports by source only; their values are never printed. */
export const SECRET_NAMES = ['ADMIN_TOKEN', 'SECRETS_ENCRYPTION_KEYS', 'INGEST_SERVICE_TOKENS'];

export function parseDotEnv(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) {
      continue;
    }
    const raw = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    values[match[1]] = quoted ? quoted[2] : raw.replace(/\s+#.*$/, '');
  }
  return values;
}

/** Secrets for local development are generated once and kept outside the repo. */
function generatedSecrets(stateDir) {
  const file = path.join(stateDir, 'dev-secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  mkdirSync(stateDir, { recursive: true });
  const secrets = {
    ADMIN_TOKEN: `adm_${randomBytes(24).toString('base64url')}`,
    SECRETS_ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    INGEST_SERVICE_TOKENS: `dev-producer:svc_${randomBytes(24).toString('base64url')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Layers the three sources; `sources` names where each variable of the lower two layers came
 * from, so the banner can say it without showing a value.
 */
export function resolveDevEnv({ processEnv, dotEnv, defaults }) {
  const env = { ...defaults, ...dotEnv, ...processEnv };
  const sources = {};
  for (const key of new Set([...Object.keys(defaults), ...Object.keys(dotEnv)])) {
    if (processEnv[key] !== undefined) {
      sources[key] = 'environment';
    } else if (dotEnv[key] !== undefined) {
      sources[key] = '.env';
    } else {
      sources[key] = 'generated';
    }
  }
  return { env, sources };
}

export function loadDevEnv({ root = ROOT, processEnv = process.env } = {}) {
  const stateDir = processEnv.HOOKLINE_STATE_DIR || path.join(os.homedir(), '.cache', 'hookline', 'state');
  const dotEnvFile = path.join(root, '.env');
  const dotEnv = existsSync(dotEnvFile) ? parseDotEnv(readFileSync(dotEnvFile, 'utf8')) : {};
  const defaults = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    // The local stack delivers to receivers on this machine: loosened explicitly, never by default.
    ALLOW_INSECURE_URLS: 'true',
    EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    ...generatedSecrets(stateDir),
  };
  const secretsFile = path.join(stateDir, 'dev-secrets.json');
  return { ...resolveDevEnv({ processEnv: definedOnly(processEnv), dotEnv, defaults }), secretsFile };
}

/** One line per secret for the banner: its name and where it came from, never its value. */
export function describeSecretSources(sources, secretsFile) {
  const labels = {
    environment: 'from the process environment',
    '.env': 'from .env',
    generated: `generated once, kept in ${secretsFile}`,
  };
  return SECRET_NAMES.map((name) => `${name.padEnd(25)} ${labels[sources[name]]}`);
}

/** A shell line that puts ADMIN_TOKEN into the reader's shell without the banner showing it. */
export function adminTokenExport(sources, secretsFile) {
  switch (sources.ADMIN_TOKEN) {
    case 'environment':
      return '# ADMIN_TOKEN is already set in your shell';
    case '.env':
      return `set -a && . ${path.join(ROOT, '.env')} && set +a   # ADMIN_TOKEN is in .env`;
    default:
      return `export ADMIN_TOKEN=$(node -p 'require(${JSON.stringify(secretsFile)}).ADMIN_TOKEN')`;
  }
}

function definedOnly(source) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined));
}
