// The environment of the local platform: `.env` (if present) over generated development defaults.
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

export function parseDotEnv(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const raw = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    values[match[1]] = quoted ? quoted[2] : raw.replace(/\s+#.*$/, '');
  }
  return values;
}

/** Secrets for local development are generated once and kept outside the repo. */
function generatedSecrets() {
  const stateDir = process.env.HOOKLINE_STATE_DIR || path.join(os.homedir(), '.cache', 'hookline', 'state');
  const file = path.join(stateDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(stateDir, { recursive: true });
  const secrets = {
    ADMIN_TOKEN: `adm_${randomBytes(24).toString('base64url')}`,
    SECRETS_ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    INGEST_SERVICE_TOKENS: `dev-producer:svc_${randomBytes(24).toString('base64url')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadDevEnv() {
  const dotEnvFile = path.join(ROOT, '.env');
  const fromFile = existsSync(dotEnvFile) ? parseDotEnv(readFileSync(dotEnvFile, 'utf8')) : {};
  return {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    // The local stack delivers to receivers on this machine: loosened explicitly, never by default.
    ALLOW_INSECURE_URLS: 'true',
    EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    ...generatedSecrets(),
    ...fromFile,
    ...pick(process.env, Object.keys(fromFile)),
  };
}

function pick(source, keys) {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}
