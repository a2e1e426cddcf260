import type { DeliveryStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The latest response code when there is one, with the delivery's status in words (never colour alone). */
export function StatusBadge({
  status,
  responseStatus,
}: {
  status: DeliveryStatus;
  responseStatus: number | null;
}) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`}>
      {responseStatus !== null && <span className="code">{responseStatus}</span>}
      {t(`status.${status}`)}
    </span>
  );
}
