import { LookupAddress, LookupAllOptions } from 'node:dns';
import { LookupFunction } from 'node:net';
import { BlockedAddressError } from './blocked-address.error';
import { EgressPolicy } from './egress-policy';
import { createGuardedLookup, ResolveAllAddresses } from './guarded-lookup';

interface LookupOutcome {
  err: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

const strict = new EgressPolicy({ allowInsecureUrls: false, allowCidrs: [] });

function fakeResolver(answers: Record<string, LookupAddress[]>): {
  resolve: ResolveAllAddresses;
  calls: LookupAllOptions[];
} {
  const calls: LookupAllOptions[] = [];
  const resolve: ResolveAllAddresses = (hostname, options, callback) => {
    calls.push(options);
    const addresses = answers[hostname];
    if (addresses === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, []);
      return;
    }
    callback(null, addresses);
  };
  return { resolve, calls };
}

function runLookup(
  lookup: LookupFunction,
  hostname: string,
  options: { all?: boolean; family?: number },
): Promise<LookupOutcome> {
  return new Promise((resolve) => {
    lookup(hostname, options, (err, address, family) => resolve({ err, address, family }));
  });
}

const answers: Record<string, LookupAddress[]> = {
  'public.example': [
    { address: '93.184.215.14', family: 4 },
    { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
  ],
  'private.example': [{ address: '10.0.0.7', family: 4 }],
  'rebind.example': [
    { address: '93.184.215.14', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'mapped.example': [{ address: '::ffff:169.254.169.254', family: 6 }],
};

describe('createGuardedLookup', () => {
  it('returns the first address when all addresses are public', async () => {
    const { resolve, calls } = fakeResolver(answers);
    const outcome = await runLookup(createGuardedLookup(strict, resolve), 'public.example', { family: 0 });
    expect(outcome).toEqual({
      err: null,
      address: '93.184.215.14',
      family: 4,
    });
    expect(calls).toEqual([{ family: 0, all: true }]);
  });

  it('returns every address when asked for all', async () => {
    const { resolve } = fakeResolver(answers);
    const outcome = await runLookup(createGuardedLookup(strict, resolve), 'public.example', { all: true });
    expect(outcome.err).toBeNull();
    expect(outcome.address).toEqual(answers['public.example']);
  });

  it.each([
    ['private.example', '10.0.0.7'],
    ['rebind.example', '127.0.0.1'],
    ['mapped.example', '::ffff:169.254.169.254'],
  ])('fails %s with EHOSTBLOCKED', async (hostname, blockedAddress) => {
    const { resolve } = fakeResolver(answers);
    for (const all of [false, true]) {
      const outcome = await runLookup(createGuardedLookup(strict, resolve), hostname, { all });
      expect(outcome.err).toBeInstanceOf(BlockedAddressError);
      expect(outcome.err).toMatchObject({
        code: 'EHOSTBLOCKED',
        hostname,
        address: blockedAddress,
      });
      expect(outcome.err?.message).toBe(
        `Refusing to connect to ${hostname} (${blockedAddress}): private or loopback addresses are not allowed by the egress policy`,
      );
    }
  });

  it('lets allowlisted private answers through', async () => {
    const { resolve } = fakeResolver(answers);
    const policy = new EgressPolicy({
      allowInsecureUrls: false,
      allowCidrs: ['10.0.0.0/8'],
    });
    const outcome = await runLookup(createGuardedLookup(policy, resolve), 'private.example', {});
    expect(outcome).toEqual({ err: null, address: '10.0.0.7', family: 4 });
  });

  it('passes resolver errors through unchanged', async () => {
    const { resolve } = fakeResolver(answers);
    const outcome = await runLookup(createGuardedLookup(strict, resolve), 'missing.example', {});
    expect(outcome.err?.code).toBe('ENOTFOUND');
  });

  it('treats an empty answer as not found', async () => {
    const { resolve } = fakeResolver({ 'empty.example': [] });
    const outcome = await runLookup(createGuardedLookup(strict, resolve), 'empty.example', {});
    expect(outcome.err?.code).toBe('ENOTFOUND');
  });
});
