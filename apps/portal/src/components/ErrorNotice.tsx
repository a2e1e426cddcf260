import { ApiError } from '../api/api-error';
import { useI18n, type Translate } from '../i18n/i18n';

/** What went wrong, in the user's language, with the server's own reason and a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-notice" role="alert">
      <strong>{t('state.error.title')}</strong>
      <p>{describeError(error, t)}</p>
      {error instanceof ApiError && error.details.length > 1 && (
        <ul>
          {error.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  if (error.isNetwork) {
    return t('state.error.network');
  }
  if (error.status === 403) {
    return t('state.error.forbidden', { reason: error.message });
  }
  if (error.status === 404) {
    return t('state.error.notFound', { reason: error.message });
  }
  return error.message;
}
