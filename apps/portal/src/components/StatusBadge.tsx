import type { DeliveryStatus, HoldReason } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The latest response code when there is one, with the delivery's status in words (never colour alone). */
export function StatusBadge({
  status,
  responseStatus,
  heldReason = null,
}: {
  status: DeliveryStatus;
  responseStatus: number | null;
  /** Why the delivery waits without an attempt, said after its status. */
  heldReason?: HoldReason | null;
}) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`}>
      {responseStatus !== null && <span className="code">{responseStatus}</span>}
      {t(`status.${status}`)}
      {heldReason !== null && <span className="held"> · {t(`held.${heldReason}`)}</span>}
    </span>
  );
}
