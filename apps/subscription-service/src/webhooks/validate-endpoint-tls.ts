import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { WEBHOOK_LIMITS } from './webhook-limits';

/** The TLS settings as the API receives them; stored with the key sealed (`EndpointTls`). */
export interface TlsInput {
  clientCertificate?: string | null;
  privateKey?: string | null;
  caCertificates?: string | null;
}

const FIELDS = ['clientCertificate', 'privateKey', 'caCertificates'] as const;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;
const MAX_LENGTH: Record<(typeof FIELDS)[number], number> = {
  clientCertificate: WEBHOOK_LIMITS.tlsCertificateMaxLength,
  privateKey: WEBHOOK_LIMITS.tlsPrivateKeyMaxLength,
  caCertificates: WEBHOOK_LIMITS.tlsCaBundleMaxLength,
};

/**
 * Every problem of a webhook's `tls` setting, each naming its field: PEM that parses, a key that is
 * the certificate's, certificates valid now, bounded sizes. Empty when delivery can use it as is.
 */
export function findEndpointTlsProblems(value: unknown, now = new Date()): string[] {
  if (value === null || value === undefined) {
    return [];
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return ['tls must be an object with clientCertificate and privateKey, caCertificates, or both; or null'];
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    return unknown.map((key) => `tls.${key} is not a setting; use ${FIELDS.join(', ')}`);
  }
  const problems: string[] = [];
  for (const field of FIELDS) {
    const text = record[field];
    if (text === undefined || text === null) {
      continue;
    }
    if (typeof text !== 'string') {
      problems.push(`tls.${field} must be a PEM string or null`);
    } else if (text.length > MAX_LENGTH[field]) {
      problems.push(`tls.${field} is longer than ${MAX_LENGTH[field]} characters`);
    }
  }
  if (problems.length > 0) {
    return problems;
  }
  const { clientCertificate, privateKey, caCertificates } = record as TlsInput;
  if (!clientCertificate && !privateKey && !caCertificates) {
    return ['tls must set clientCertificate and privateKey, caCertificates, or both; null removes it'];
  }
  if (!clientCertificate !== !privateKey) {
    return [
      clientCertificate
        ? 'tls.privateKey is required with tls.clientCertificate'
        : 'tls.clientCertificate is required with tls.privateKey',
    ];
  }
  if (clientCertificate && privateKey) {
    problems.push(...clientCertificateProblems(clientCertificate, privateKey, now));
  }
  if (caCertificates) {
    const parsed = parseCertificates(caCertificates, 'tls.caCertificates');
    problems.push(
      ...(typeof parsed === 'string'
        ? [parsed]
        : parsed.flatMap((certificate, index) =>
            validityProblems(certificate, `tls.caCertificates[${index}]`, now),
          )),
    );
  }
  return problems;
}

/** The certificates of a PEM bundle, in order; throws if it does not parse (check it first). */
export function readCertificates(pem: string): X509Certificate[] {
  const parsed = parseCertificates(pem, 'certificates');
  if (typeof parsed === 'string') {
    throw new Error(parsed);
  }
  return parsed;
}

function clientCertificateProblems(certificatePem: string, keyPem: string, now: Date): string[] {
  const chain = parseCertificates(certificatePem, 'tls.clientCertificate');
  const key = parsePrivateKey(keyPem);
  const problems = [
    ...(typeof chain === 'string' ? [chain] : validityProblems(chain[0], 'tls.clientCertificate', now)),
    ...(typeof key === 'string' ? [key] : []),
  ];
  if (problems.length === 0 && typeof chain !== 'string' && typeof key !== 'string') {
    if (!chain[0].checkPrivateKey(key)) {
      problems.push('tls.privateKey is not the key of tls.clientCertificate (the first certificate)');
    }
  }
  return problems;
}

/** The certificates, or the sentence saying why the text is not a PEM certificate bundle. */
function parseCertificates(pem: string, field: string): X509Certificate[] | string {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  const rest = pem.replace(PEM_CERTIFICATE, '').trim();
  if (blocks.length === 0 || rest !== '') {
    return `${field} must be PEM certificates only (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)`;
  }
  if (blocks.length > WEBHOOK_LIMITS.tlsMaxCertificates) {
    return `${field} holds ${blocks.length} certificates; at most ${WEBHOOK_LIMITS.tlsMaxCertificates} are allowed`;
  }
  const certificates: X509Certificate[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      return `${field} certificate ${index + 1} is not a valid X.509 certificate`;
    }
  }
  return certificates;
}

function parsePrivateKey(pem: string): KeyObject | string {
  if (/ENCRYPTED/.test(pem)) {
    return 'tls.privateKey must not be encrypted with a passphrase (Hookline seals it itself)';
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return 'tls.privateKey must be a PEM private key (PKCS#8, PKCS#1 or SEC1)';
  }
}

function validityProblems(certificate: X509Certificate, field: string, now: Date): string[] {
  const notAfter = new Date(certificate.validTo);
  if (notAfter.getTime() <= now.getTime()) {
    return [`${field} expired on ${notAfter.toISOString()}`];
  }
  const notBefore = new Date(certificate.validFrom);
  if (notBefore.getTime() > now.getTime()) {
    return [`${field} is not valid before ${notBefore.toISOString()}`];
  }
  return [];
}
