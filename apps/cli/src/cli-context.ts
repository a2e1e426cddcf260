import { HooklineClient } from '@hookline/client';
import { ProfileStore, type Profile } from './config/profile-store';
import { Output } from './output/output';

/** The options every command takes. */
export interface GlobalOptions {
  profile?: string;
  json?: boolean;
}

/** What a command acts with: the chosen profile, a client for it, and the output. */
export class CliContext {
  readonly output: Output;
  readonly store = new ProfileStore();
  private cachedClient: HooklineClient | null = null;

  constructor(readonly options: GlobalOptions) {
    this.output = new Output(options.json === true);
  }

  profile(): Profile {
    return this.store.get(this.options.profile).profile;
  }

  client(): HooklineClient {
    this.cachedClient ??= new HooklineClient(this.profile());
    return this.cachedClient;
  }
}

/** Commander hands each action its command; the global options live on the root program. */
export type ContextFactory = () => CliContext;
