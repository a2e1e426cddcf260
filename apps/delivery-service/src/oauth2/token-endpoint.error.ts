/** The token endpoint gave no usable access token; the message says what it did, never a secret. */
export class TokenEndpointError extends Error {
  override readonly name = 'TokenEndpointError';
}
