/** Raised at connect time when a target resolves to an address the egress policy refuses. */
export class BlockedAddressError extends Error {
  readonly code = 'EHOSTBLOCKED';

  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(
      hostname === address
        ? `Refusing to connect to ${address}: private or loopback addresses are not allowed by the egress policy`
        : `Refusing to connect to ${hostname} (${address}): private or loopback addresses are not allowed by the egress policy`,
    );
    this.name = 'BlockedAddressError';
  }
}
