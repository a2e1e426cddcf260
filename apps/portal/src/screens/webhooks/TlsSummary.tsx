import type { CertificateSummary, WebhookTls } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** The webhook's client certificate and trusted CAs, as the API sums them up. */
export function TlsSummary({ tls }: { tls: WebhookTls | null }) {
  const { t } = useI18n();
  if (tls === null) {
    return <>{t('detail.noTls')}</>;
  }
  return (
    <dl className="settings">
      <dt>{t('form.tls.certificate')}</dt>
      <dd>
        {tls.clientCertificate === null ? (
          t('detail.tls.none')
        ) : (
          <Certificate summary={tls.clientCertificate} />
        )}
      </dd>
      <dt>{t('form.tls.ca')}</dt>
      <dd>
        {tls.caCertificates.length === 0 ? (
          t('detail.tls.publicRoots')
        ) : (
          <ul>
            {tls.caCertificates.map((summary) => (
              <li key={summary.fingerprintSha256}>
                <Certificate summary={summary} />
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

function Certificate({ summary }: { summary: CertificateSummary }) {
  const { t } = useI18n();
  return (
    <span className="certificate">
      {t('detail.tls.certificate', {
        subject: summary.subject,
        issuer: summary.issuer,
        notAfter: summary.notAfter.slice(0, 10),
      })}
      <br />
      <code>{summary.fingerprintSha256}</code>
    </span>
  );
}
