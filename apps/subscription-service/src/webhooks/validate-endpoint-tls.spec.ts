import { createTestPki } from '@hookline/testing';
import { summarizeEndpointTls } from './certificate-summary';
import { findEndpointTlsProblems } from './validate-endpoint-tls';

describe(findEndpointTlsProblems.name, () => {
  const pki = createTestPki('Acme Test CA');
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  const other = pki.issue({ commonName: 'someone-else', usage: 'client' });
  const DAY_MS = 86_400_000;

  it('accepts a client certificate with its own key, a CA bundle, or both', () => {
    expect(findEndpointTlsProblems({ clientCertificate: client.cert, privateKey: client.key })).toEqual([]);
    expect(findEndpointTlsProblems({ caCertificates: pki.ca.cert })).toEqual([]);
    expect(
      findEndpointTlsProblems({
        clientCertificate: `${client.cert}${pki.ca.cert}`,
        privateKey: client.key,
        caCertificates: `${pki.ca.cert}\n${other.cert}`,
      }),
    ).toEqual([]);
    expect(findEndpointTlsProblems(null)).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(findEndpointTlsProblems({ clientCertificate: client.cert, privateKey: other.key })).toEqual([
      'tls.privateKey is not the key of tls.clientCertificate (the first certificate)',
    ]);
    expect(findEndpointTlsProblems({ clientCertificate: client.cert })).toEqual([
      'tls.privateKey is required with tls.clientCertificate',
    ]);
    expect(findEndpointTlsProblems({ privateKey: client.key })).toEqual([
      'tls.clientCertificate is required with tls.privateKey',
    ]);
    expect(findEndpointTlsProblems({ clientCertificate: 'hello', privateKey: client.key })).toEqual([
      'tls.clientCertificate must be PEM certificates only (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)',
    ]);
    expect(findEndpointTlsProblems({ clientCertificate: client.cert, privateKey: client.cert })).toEqual([
      'tls.privateKey must be a PEM private key (PKCS#8, PKCS#1 or SEC1)',
    ]);
    const broken = client.cert.replace(/\n[A-Za-z0-9+/]{10}/, '\nAAAAAAAAAA');
    expect(findEndpointTlsProblems({ caCertificates: broken })).toEqual([
      'tls.caCertificates certificate 1 is not a valid X.509 certificate',
    ]);
    expect(findEndpointTlsProblems({ caCertificates: `${pki.ca.cert}junk` })).toEqual([
      'tls.caCertificates must be PEM certificates only (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)',
    ]);
    expect(findEndpointTlsProblems({ ca: pki.ca.cert })).toEqual([
      'tls.ca is not a setting; use clientCertificate, privateKey, caCertificates',
    ]);
    expect(findEndpointTlsProblems({})).toEqual([
      'tls must set clientCertificate and privateKey, caCertificates, or both; null removes it',
    ]);
    expect(findEndpointTlsProblems('pem')).toEqual([
      'tls must be an object with clientCertificate and privateKey, caCertificates, or both; or null',
    ]);
  });

  it('refuses certificates that are not valid now', () => {
    const expired = pki.issue({
      commonName: 'expired',
      usage: 'client',
      notBefore: new Date(Date.now() - 10 * DAY_MS),
      notAfter: new Date(Date.now() - DAY_MS),
    });
    expect(findEndpointTlsProblems({ clientCertificate: expired.cert, privateKey: expired.key })).toEqual([
      expect.stringMatching(/^tls\.clientCertificate expired on \d{4}-\d\d-\d\dT/),
    ]);
    const future = pki.issue({
      commonName: 'future',
      usage: 'client',
      notBefore: new Date(Date.now() + DAY_MS),
      notAfter: new Date(Date.now() + 2 * DAY_MS),
    });
    expect(findEndpointTlsProblems({ caCertificates: `${pki.ca.cert}${future.cert}` })).toEqual([
      expect.stringMatching(/^tls\.caCertificates\[1\] is not valid before /),
    ]);
  });

  it('bounds the sizes and the number of certificates', () => {
    expect(findEndpointTlsProblems({ caCertificates: pki.ca.cert.repeat(11) })).toEqual([
      'tls.caCertificates holds 11 certificates; at most 10 are allowed',
    ]);
    expect(
      findEndpointTlsProblems({ clientCertificate: 'x'.repeat(16_385), privateKey: client.key }),
    ).toEqual(['tls.clientCertificate is longer than 16384 characters']);
    expect(findEndpointTlsProblems({ caCertificates: 7 })).toEqual([
      'tls.caCertificates must be a PEM string or null',
    ]);
  });
});

describe(summarizeEndpointTls.name, () => {
  it('shows subject, issuer, fingerprint and validity of the leaf and of each CA, never the key', () => {
    const pki = createTestPki('Acme Test CA');
    const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
    const summary = summarizeEndpointTls({
      clientCertificate: client.cert,
      encryptedPrivateKey: 'v1.k1.sealed',
      caCertificates: pki.ca.cert,
    });
    expect(summary).toEqual({
      clientCertificate: {
        subject: 'CN=hookline-client',
        issuer: 'CN=Acme Test CA',
        fingerprintSha256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
        notBefore: expect.any(String),
        notAfter: expect.any(String),
      },
      caCertificates: [expect.objectContaining({ subject: 'CN=Acme Test CA', issuer: 'CN=Acme Test CA' })],
    });
    expect(JSON.stringify(summary)).not.toContain('sealed');
    expect(Date.parse(summary!.clientCertificate!.notAfter)).toBeGreaterThan(Date.now());
    expect(summarizeEndpointTls(null)).toBeNull();
  });
});
