import type { EndpointTls } from '@hookline/contracts';
import { readCertificates } from './validate-endpoint-tls';

/** What a reader needs to tell one certificate from another, and when it ends. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** SHA-256 of the DER, colon-separated hex (as `openssl x509 -fingerprint -sha256` prints it). */
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
}

export interface EndpointTlsSummary {
  /** The leaf of the client certificate; null when the webhook presents none. */
  clientCertificate: CertificateSummary | null;
  /** The CA certificates trusted for the endpoint instead of the public roots; empty for the public roots. */
  caCertificates: CertificateSummary[];
}

/** The stored certificates summed up for the API; the private key is never part of it. */
export function summarizeEndpointTls(tls: EndpointTls | null): EndpointTlsSummary | null {
  if (tls === null) {
    return null;
  }
  return {
    clientCertificate:
      tls.clientCertificate === null ? null : summarize(readCertificates(tls.clientCertificate)[0]),
    caCertificates: tls.caCertificates === null ? [] : readCertificates(tls.caCertificates).map(summarize),
  };
}

function summarize(certificate: ReturnType<typeof readCertificates>[number]): CertificateSummary {
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    fingerprintSha256: certificate.fingerprint256,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}

// node:crypto lists the name's attributes one per line; one line reads like a distinguished name.
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
