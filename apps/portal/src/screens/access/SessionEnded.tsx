import { useI18n } from '../../i18n/i18n';

/** Shown instead of any data once the server refuses the session (expired, or not valid). */
export function SessionEnded({ reason }: { reason: string }) {
  const { t } = useI18n();
  return (
    <section className="access-screen" role="alert" aria-labelledby="ended-title">
      <h2 id="ended-title">{t('access.sessionEnded.title')}</h2>
      <p>{t('access.sessionEnded.body')}</p>
      <p className="help">{t('access.sessionEnded.detail', { reason })}</p>
    </section>
  );
}
