import { statSync } from 'node:fs';
import path from 'node:path';
import { tempDirectory } from '../testing/temp-directory';
import { ProfileStore, configDirectory } from './profile-store';

const profile = (apiKey: string) => ({
  subscriptionUrl: 'http://localhost:3000',
  ingestUrl: 'http://localhost:3001',
  auditUrl: 'http://localhost:3002',
  apiKey,
});

describe(ProfileStore.name, () => {
  const temp = tempDirectory('hookline-profiles-');
  beforeEach(temp.create);
  afterEach(temp.remove);

  it('writes the file 0600 in a 0700 directory', () => {
    const store = new ProfileStore(path.join(temp.path(), 'hookline'));
    store.save('default', profile('hk_a'), true);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(store.file)).mode & 0o777).toBe(0o700);
  });

  it('returns the default profile, or the one named', () => {
    const store = new ProfileStore(temp.path());
    store.save('local', profile('hk_local'), false);
    store.save('staging', profile('hk_staging'), false);
    expect(store.get().name).toBe('local');
    expect(store.get('staging').profile.apiKey).toBe('hk_staging');
    store.save('staging', profile('hk_staging'), true);
    expect(store.get().name).toBe('staging');
  });

  it('says how to log in when there is no profile, and lists the known ones for a wrong name', () => {
    const store = new ProfileStore(temp.path());
    expect(() => store.get()).toThrow('not logged in: run `hookline login');
    store.save('local', profile('hk_local'), true);
    expect(() => store.get('prod')).toThrow('no profile "prod"; known profiles: local');
  });
});

describe(configDirectory.name, () => {
  it('takes HOOKLINE_CONFIG_DIR, then XDG_CONFIG_HOME', () => {
    expect(configDirectory({ HOOKLINE_CONFIG_DIR: '/tmp/x' })).toBe('/tmp/x');
    if (process.platform !== 'win32') {
      expect(configDirectory({ XDG_CONFIG_HOME: '/home/u/.cfg' })).toBe('/home/u/.cfg/hookline');
    }
  });
});
