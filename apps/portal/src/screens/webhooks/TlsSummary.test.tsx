import { screen } from '@testing-library/react';
import { renderWithPortal } from '../../test/render';
import { TlsSummary } from './TlsSummary';

describe('TlsSummary', () => {
  it('shows the client certificate and each trusted CA by subject, issuer, end and fingerprint', () => {
    const certificate = (subject: string, fingerprintSha256: string) => ({
      subject,
      issuer: 'CN=Acme CA',
      fingerprintSha256,
      notBefore: '2026-11-01T00:00:00.000Z',
      notAfter: '2027-11-01T00:00:00.000Z',
    });
    renderWithPortal(
      <TlsSummary
        tls={{
          clientCertificate: certificate('CN=hookline-client', 'AB:CD'),
          caCertificates: [certificate('CN=Acme CA', 'EF:01')],
        }}
      />,
    );
    expect(
      screen.getByText('CN=hookline-client, issued by CN=Acme CA, valid until 2027-11-01'),
    ).toBeInTheDocument();
    expect(screen.getByText('AB:CD')).toBeInTheDocument();
    expect(screen.getByText('CN=Acme CA, issued by CN=Acme CA, valid until 2027-11-01')).toBeInTheDocument();
  });

  it('says when there is none', () => {
    renderWithPortal(<TlsSummary tls={null} />);
    expect(
      screen.getByText('None: a client certificate is not sent; public CAs are trusted'),
    ).toBeInTheDocument();
  });
});
