export * from './api-key';
export * from './blocked-address.error';
export * from './constant-time-equal';
export * from './egress-policy';
export * from './egress-proxy';
export * from './guarded-connector';
export * from './guarded-lookup';
export { parseCidr, parseCidrList, formatCidr } from './cidr';
export type { Cidr } from './cidr';
export { isPrivateAddress, embeddedIpv4 } from './private-address';
export * from './redact';
export * from './secret-box';
export * from './secret-box.error';
export {
  ENCRYPTION_KEY_BYTES,
  generateKeyringEntry,
  parseKeyring,
  SECRETS_ENCRYPTION_KEYS,
} from './secret-keyring';
export type { KeyringEntry } from './secret-keyring';
export * from './signing-secret';
export * from './signing-key';
export * from './tunneling-connector';
