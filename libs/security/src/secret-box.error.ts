export enum SecretBoxErrorCode {
  InvalidKeyring = 'INVALID_KEYRING',
  MalformedSecret = 'MALFORMED_SECRET',
  UnknownKey = 'UNKNOWN_KEY',
  DecryptionFailed = 'DECRYPTION_FAILED',
}

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}
