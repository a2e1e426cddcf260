import { Accordion } from 'radix-ui';
import type { Attempt } from '../../api/types';
import { AccordionSection } from '../../components/AccordionSection';
import { useI18n } from '../../i18n/i18n';

/** One section per attempt, newest last; each opens onto the response the endpoint gave. */
export function AttemptsAccordion({ attempts }: { attempts: readonly Attempt[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Accordion.Root type="multiple" className="attempts">
      {attempts.map((attempt) => {
        const code = attempt.responseStatus === null ? t('log.noResponse') : String(attempt.responseStatus);
        return (
          <AccordionSection
            key={attempt.id}
            value={attempt.id}
            heading="h5"
            summary={
              <>
                <span>{t('attempt.title', { n: attempt.attempt, status: code })}</span>
                <span className={`badge outcome-${attempt.outcome === 'success' ? 'ok' : 'bad'}`}>
                  {t(`outcome.${attempt.outcome}`)}
                </span>
                <span className="help">{formatDateTime(attempt.startedAt)}</span>
              </>
            }
          >
            <dl className="settings">
              <dt>{t('attempt.time')}</dt>
              <dd>{formatDateTime(attempt.startedAt)}</dd>
              <dt>{t('attempt.code')}</dt>
              <dd data-testid="attempt-code">{code}</dd>
              <dt>{t('attempt.duration')}</dt>
              <dd>{t('attempt.durationValue', { ms: attempt.durationMs })}</dd>
              <dt>{t('attempt.outcome')}</dt>
              <dd>
                {t(`outcome.${attempt.outcome}`)} <code>{attempt.outcome}</code>
              </dd>
              {attempt.error && (
                <>
                  <dt>{t('attempt.error')}</dt>
                  <dd>{attempt.error}</dd>
                </>
              )}
              {attempt.nextAttemptAt && (
                <>
                  <dt />
                  <dd>{t('attempt.nextAt', { time: formatDateTime(attempt.nextAttemptAt) })}</dd>
                </>
              )}
            </dl>
            <HeaderTable title={t('attempt.responseHeaders')} headers={attempt.responseHeaders ?? {}} />
            <h6>{t('attempt.responseBody')}</h6>
            <pre className="response-body" tabIndex={0} aria-label={t('attempt.responseBody')}>
              {attempt.responseBody === null || attempt.responseBody === ''
                ? t('attempt.empty')
                : attempt.responseBody}
              {attempt.responseBodyTruncated && ` ${t('attempt.truncated')}`}
            </pre>
            <HeaderTable title={t('attempt.requestHeaders')} headers={attempt.requestHeaders} />
          </AccordionSection>
        );
      })}
    </Accordion.Root>
  );
}

function HeaderTable({ title, headers }: { title: string; headers: Record<string, string> }) {
  const { t } = useI18n();
  const entries = Object.entries(headers);
  return (
    <>
      <h6>{title}</h6>
      {entries.length === 0 ? (
        <p className="help">{t('attempt.empty')}</p>
      ) : (
        <table className="headers-table" aria-label={title}>
          <tbody>
            {entries.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
