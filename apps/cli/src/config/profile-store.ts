import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../output/cli-error';

/** Where one platform is and the key the CLI acts with there. */
export interface Profile {
  subscriptionUrl: string;
  ingestUrl: string;
  auditUrl: string;
  apiKey: string;
  organizationId?: string;
}

interface ConfigFile {
  defaultProfile: string;
  profiles: Record<string, Profile>;
}

/**
 * `$HOOKLINE_CONFIG_DIR`, else the platform's user config directory: `%APPDATA%\hookline` on Windows,
 * `$XDG_CONFIG_HOME/hookline` or `~/.config/hookline` elsewhere.
 */
export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOOKLINE_CONFIG_DIR) {
    return env.HOOKLINE_CONFIG_DIR;
  }
  if (process.platform === 'win32' && env.APPDATA) {
    return path.join(env.APPDATA, 'hookline');
  }
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'hookline');
}

/** Profiles in one JSON file readable by its owner only (0600, in a 0700 directory): it holds API keys. */
export class ProfileStore {
  readonly file: string;

  constructor(directory = configDirectory()) {
    this.file = path.join(directory, 'config.json');
  }

  get(name?: string): { name: string; profile: Profile } {
    const config = this.read();
    const chosen = name ?? process.env.HOOKLINE_PROFILE ?? config.defaultProfile;
    const profile = config.profiles[chosen];
    if (profile === undefined) {
      const known = Object.keys(config.profiles);
      throw new CliError(
        known.length === 0
          ? 'not logged in: run `hookline login --api-key <key>` first'
          : `no profile "${chosen}"; known profiles: ${known.join(', ')}`,
      );
    }
    return { name: chosen, profile };
  }

  list(): ConfigFile {
    return this.read();
  }

  save(name: string, profile: Profile, makeDefault: boolean): void {
    const config = this.read();
    config.profiles[name] = profile;
    if (makeDefault || Object.keys(config.profiles).length === 1) {
      config.defaultProfile = name;
    }
    const directory = path.dirname(this.file);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    // A file created by an older version, or by hand, gets the same mode.
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }

  private read(): ConfigFile {
    if (!existsSync(this.file)) {
      return { defaultProfile: 'default', profiles: {} };
    }
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as ConfigFile;
    } catch (error) {
      throw new CliError(`${this.file} is not valid JSON (${(error as Error).message}); fix or remove it`);
    }
  }
}
