import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const devEnvModule = path.resolve(__dirname, 'dev-env.mjs');

interface Loaded {
  env: Record<string, string>;
  sources: Record<string, string>;
  secretsFile: string;
  banner: string[];
}

/** dev-env.mjs is an ES module: load it the way `npm start` does, in its own Node process. */
function loadIn(root: string, processEnv: Record<string, string>): Loaded {
  const script = `
    import { loadDevEnv, describeSecretSources } from ${JSON.stringify(devEnvModule)};
    const loaded = loadDevEnv({ root: ${JSON.stringify(root)}, processEnv: JSON.parse(process.argv[1]) });
    console.log(JSON.stringify({ ...loaded, banner: describeSecretSources(loaded.sources, loaded.secretsFile) }));
  `;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(processEnv)],
    { encoding: 'utf8' },
  );
  return JSON.parse(output) as Loaded;
}

describe('the npm start environment', () => {
  let root: string;
  let stateDir: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'hookline-dev-env-'));
    stateDir = path.join(root, 'state');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the process environment over .env, and .env over the generated defaults', () => {
    writeFileSync(
      path.join(root, '.env'),
      'ADMIN_TOKEN=adm_from_dotenv\nINGEST_SERVICE_TOKENS="billing:svc_from_dotenv"\nLOG_LEVEL=debug\n',
    );

    const { env, sources } = loadIn(root, {
      HOOKLINE_STATE_DIR: stateDir,
      ADMIN_TOKEN: 'adm_from_shell',
      EGRESS_ALLOW_CIDRS: '10.0.0.0/8',
    });

    const generated = JSON.parse(readFileSync(path.join(stateDir, 'dev-secrets.json'), 'utf8'));
    expect(env.ADMIN_TOKEN).toBe('adm_from_shell');
    expect(env.INGEST_SERVICE_TOKENS).toBe('billing:svc_from_dotenv');
    expect(env.SECRETS_ENCRYPTION_KEYS).toBe(generated.SECRETS_ENCRYPTION_KEYS);
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.EGRESS_ALLOW_CIDRS).toBe('10.0.0.0/8');
    expect(env.ALLOW_INSECURE_URLS).toBe('true');
    expect(sources).toMatchObject({
      ADMIN_TOKEN: 'environment',
      INGEST_SERVICE_TOKENS: '.env',
      SECRETS_ENCRYPTION_KEYS: 'generated',
      LOG_LEVEL: '.env',
      EGRESS_ALLOW_CIDRS: 'environment',
    });
  });

  it('keeps the generated secrets between runs', () => {
    const first = loadIn(root, { HOOKLINE_STATE_DIR: stateDir });
    const second = loadIn(root, { HOOKLINE_STATE_DIR: stateDir });
    expect(second.env.ADMIN_TOKEN).toBe(first.env.ADMIN_TOKEN);
    expect(first.env.ADMIN_TOKEN).toMatch(/^adm_/);
    expect(first.sources.ADMIN_TOKEN).toBe('generated');
  });

  it('names the source of every secret in the banner and never its value', () => {
    writeFileSync(path.join(root, '.env'), 'SECRETS_ENCRYPTION_KEYS=k1:from-dotenv\n');
    const { env, banner, secretsFile } = loadIn(root, {
      HOOKLINE_STATE_DIR: stateDir,
      ADMIN_TOKEN: 'adm_from_shell',
    });

    expect(banner).toEqual([
      expect.stringMatching(/^ADMIN_TOKEN\s+from the process environment$/),
      expect.stringMatching(/^SECRETS_ENCRYPTION_KEYS\s+from \.env$/),
      expect.stringMatching(new RegExp(`^INGEST_SERVICE_TOKENS\\s+generated once, kept in ${secretsFile}$`)),
    ]);
    const printed = banner.join('\n');
    for (const name of ['ADMIN_TOKEN', 'SECRETS_ENCRYPTION_KEYS', 'INGEST_SERVICE_TOKENS']) {
      expect(printed).not.toContain(env[name]);
    }
  });
});
