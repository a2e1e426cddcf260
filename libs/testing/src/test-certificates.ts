import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

/** A PEM certificate and its PEM (PKCS#8) private key. */
export interface TestCertificate {
  cert: string;
  key: string;
}

export interface IssueOptions {
  commonName: string;
  /** `server` certificates carry the names in their subjectAltName; `client` ones are for mTLS. */
  usage: 'server' | 'client';
  /** Host names and IP literals a server certificate is valid for. */
  names?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

/** A throwaway certificate authority that issues P-256 certificates, for TLS tests on loopback. */
export interface TestPki {
  ca: TestCertificate;
  issue(options: IssueOptions): TestCertificate;
}

const DAY_MS = 86_400_000;
const OID = {
  commonName: '2.5.4.3',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

/**
 * Builds X.509 v3 certificates in DER by hand (node:crypto parses certificates but does not make
 * them); only the fields TLS verification looks at.
 */
export function createTestPki(commonName = 'Hookline Test CA'): TestPki {
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const ca = certificate({
    subject: commonName,
    issuer: commonName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 30 * DAY_MS),
    extensions: [
      extension(OID.basicConstraints, seq(bool(true)), true),
      // keyCertSign and cRLSign.
      extension(OID.keyUsage, bitString(Buffer.from([0x06]), 1), true),
    ],
  });
  const caCert: TestCertificate = { cert: ca, key: pemKey(caKeys.privateKey) };
  return {
    ca: caCert,
    issue(options) {
      const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const names = options.names ?? [];
      const extensions = [
        extension(OID.basicConstraints, seq(), true),
        // digitalSignature (what ECDHE handshakes sign with).
        extension(OID.keyUsage, bitString(Buffer.from([0x80]), 7), true),
        extension(OID.extKeyUsage, seq(oid(options.usage === 'server' ? OID.serverAuth : OID.clientAuth))),
      ];
      if (names.length > 0) {
        extensions.push(extension(OID.subjectAltName, seq(...names.map(generalName))));
      }
      return {
        cert: certificate({
          subject: options.commonName,
          issuer: commonName,
          publicKey: keys.publicKey,
          signingKey: createPrivateKey(caCert.key),
          notBefore: options.notBefore ?? new Date(now - DAY_MS),
          notAfter: options.notAfter ?? new Date(now + 7 * DAY_MS),
          extensions,
        }),
        key: pemKey(keys.privateKey),
      };
    },
  };
}

interface CertificateFields {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function certificate(fields: CertificateFields): string {
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const tbs = seq(
    tagged(0, integer(Buffer.from([2]))),
    integer(randomBytes(12)),
    algorithm,
    name(fields.issuer),
    seq(time(fields.notBefore), time(fields.notAfter)),
    name(fields.subject),
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    tagged(3, seq(...fields.extensions)),
  );
  const signature = sign('sha256', tbs, fields.signingKey);
  const der = seq(tbs, algorithm, bitString(signature, 0));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function pemKey(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) {
    return Buffer.concat([Buffer.from([tag, length]), content]);
  }
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const bool = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const octets = (content: Buffer) => tlv(0x04, content);
const tagged = (n: number, content: Buffer) => tlv(0xa0 + n, content);
const bitString = (content: Buffer, unusedBits: number) =>
  tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));

function integer(value: Buffer): Buffer {
  // Positive: a leading byte with the high bit set needs a zero before it.
  return tlv(0x02, value[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift(value % 128);
      if (value < 128) {
        break;
      }
    }
    bytes.push(...groups.map((group, index) => (index < groups.length - 1 ? group | 0x80 : group)));
  }
  return tlv(0x06, Buffer.from(bytes));
}

function name(commonName: string): Buffer {
  return seq(set(seq(oid(OID.commonName), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(digits, 'ascii'));
}

function extension(id: string, value: Buffer, critical = false): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

function generalName(value: string): Buffer {
  const family = isIP(value);
  if (family === 4) {
    return tlv(0x87, Buffer.from(value.split('.').map(Number)));
  }
  if (family === 6) {
    throw new Error('IPv6 subjectAltNames are not needed by the tests');
  }
  return tlv(0x82, Buffer.from(value, 'ascii'));
}
