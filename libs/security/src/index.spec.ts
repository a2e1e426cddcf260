import * as security from './index';

describe('@hookline/security public API', () => {
  it.each([
    'SecretBox',
    'SecretBoxError',
    'SecretBoxErrorCode',
    'generateKeyringEntry',
    'parseKeyring',
    'generateApiKey',
    'hashApiKey',
    'looksLikeApiKey',
    'apiKeyPrefix',
    'constantTimeEqual',
    'generateSigningSecret',
    'parseSigningSecret',
    'isValidSigningSecret',
    'InvalidSigningSecretError',
    'isPrivateAddress',
    'EgressPolicy',
    'BlockedAddressError',
    'createGuardedLookup',
    'createGuardedConnector',
    'checkConnectTarget',
    'redactHeaders',
    'isSensitiveHeader',
  ])('exports %s', (name) => {
    expect(security).toHaveProperty(name);
  });
});
