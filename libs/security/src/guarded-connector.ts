import { buildConnector } from 'undici';
import { AddressPolicy, createGuardedLookup, findBlockedConnectTarget } from './guarded-lookup';

/**
 * An undici connector for `new Agent({ connect })` that refuses private targets:
 * IP literals are checked here, hostnames by the guarded lookup after DNS.
 */
export function createGuardedConnector(
  policy: AddressPolicy,
  options: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connect = buildConnector({
    ...options,
    lookup: createGuardedLookup(policy),
  });
  return (target, callback) => {
    const blocked = findBlockedConnectTarget(policy, target.hostname);
    if (blocked !== null) {
      callback(blocked, null);
      return;
    }
    connect(target, callback);
  };
}
