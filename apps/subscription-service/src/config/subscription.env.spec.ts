import { ConfigurationError, loadConfig } from '@hookline/platform';
import { SubscriptionEnv } from './subscription.env';

const KEYS = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
const valid = {
  DATABASE_URL: 'postgres://hookline:hookline@127.0.0.1:55432/hookline',
  KAFKA_BROKERS: '127.0.0.1:19092',
  ADMIN_TOKEN: 'admin-token-0123456789',
  SECRETS_ENCRYPTION_KEYS: KEYS,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(SubscriptionEnv, env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe(SubscriptionEnv.name, () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(SubscriptionEnv, valid)).toMatchObject({
      PORT: 3000,
      ALLOW_INSECURE_URLS: false,
      EGRESS_ALLOW_CIDRS: '',
      OUTBOX_POLL_INTERVAL_MS: 100,
      OUTBOX_BATCH_SIZE: 500,
      SECRET_ROTATION_GRACE_SECONDS: 86_400,
      SECRET_CLEANUP_INTERVAL_MS: 60_000,
      SECRET_REENCRYPTION_INTERVAL_MS: 3_600_000,
      SECRET_MAINTENANCE_BATCH_SIZE: 100,
      SIGNALS_CONSUMER_GROUP: 'hookline-subscription-signals',
      BACKFILL_PROGRESS_CONSUMER_GROUP: 'hookline-subscription-backfill-progress',
    });
  });

  it.each(['0', '604800'])('accepts a grace period of %s seconds', (value) => {
    expect(
      loadConfig(SubscriptionEnv, { ...valid, SECRET_ROTATION_GRACE_SECONDS: value })
        .SECRET_ROTATION_GRACE_SECONDS,
    ).toBe(Number(value));
  });

  it.each([
    ['SECRET_ROTATION_GRACE_SECONDS', '604801'],
    ['SECRET_ROTATION_GRACE_SECONDS', '-1'],
    ['SECRET_CLEANUP_INTERVAL_MS', '10'],
    ['SECRET_MAINTENANCE_BATCH_SIZE', '0'],
    ['SIGNALS_CONSUMER_GROUP', 'group with spaces'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(problemsOf({ ...valid, [name]: value }).join('\n')).toContain(name);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads ALLOW_INSECURE_URLS=%s as %s', (value, expected) => {
    expect(loadConfig(SubscriptionEnv, { ...valid, ALLOW_INSECURE_URLS: value }).ALLOW_INSECURE_URLS).toBe(
      expected,
    );
  });

  it('reads numbers', () => {
    const config = loadConfig(SubscriptionEnv, { ...valid, PORT: '3100', OUTBOX_BATCH_SIZE: '50' });
    expect(config.PORT).toBe(3100);
    expect(config.OUTBOX_BATCH_SIZE).toBe(50);
  });

  it.each(['DATABASE_URL', 'KAFKA_BROKERS', 'ADMIN_TOKEN', 'SECRETS_ENCRYPTION_KEYS'])(
    'refuses to start without %s, naming it',
    (name) => {
      const env: Record<string, string> = { ...valid };
      delete env[name];
      expect(problemsOf(env).join('\n')).toContain(name);
    },
  );

  it('refuses a short ADMIN_TOKEN without echoing it', () => {
    const [problem] = problemsOf({ ...valid, ADMIN_TOKEN: 'short' });
    expect(problem).toMatch(/^ADMIN_TOKEN=\(hidden\)/);
    expect(problem).not.toContain('short:');
  });

  it('refuses a malformed keyring with the keyring parser reason', () => {
    expect(problemsOf({ ...valid, SECRETS_ENCRYPTION_KEYS: 'k1:dG9vc2hvcnQ=' }).join('\n')).toMatch(
      /SECRETS_ENCRYPTION_KEYS.*exactly 32 bytes/,
    );
  });

  it('refuses a bad CIDR, naming the entry', () => {
    expect(problemsOf({ ...valid, EGRESS_ALLOW_CIDRS: '127.0.0.1/8' }).join('\n')).toMatch(
      /EGRESS_ALLOW_CIDRS.*host bits/,
    );
  });

  it('refuses ALLOW_INSECURE_URLS that is not a boolean', () => {
    expect(problemsOf({ ...valid, ALLOW_INSECURE_URLS: 'yes' }).join('\n')).toContain('ALLOW_INSECURE_URLS');
  });
});
