import { useState, type FormEvent } from 'react';
import type { Backfill } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

const isUnfinished = (backfill: Backfill) => backfill.status === 'pending' || backfill.status === 'running';

/** A webhook's backfills with their progress, a cancel button on the unfinished one, and a way to start one. */
export function BackfillList({
  backfills,
  canWrite,
  onStart,
  onCancel,
  busy = false,
}: {
  backfills: readonly Backfill[];
  canWrite: boolean;
  /** `since` as an ISO instant. */
  onStart: (since: string) => void;
  onCancel: (backfillId: string) => void;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const [since, setSince] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (since !== '') {
      onStart(new Date(since).toISOString());
    }
  };
  return (
    <>
      {backfills.length === 0 ? (
        <p className="help">{t('backfill.none')}</p>
      ) : (
        <ul className="backfills">
          {backfills.map((backfill) => (
            <li key={backfill.id} data-testid={`backfill-${backfill.id}`}>
              <strong>{t(`backfill.status.${backfill.status}`)}</strong>{' '}
              <span>{t('backfill.window', { since: backfill.since, until: backfill.until })}</span>
              <progress
                max={Math.max(backfill.partitions ?? 1, 1)}
                value={backfill.partitionsDone}
                aria-label={t('backfill.partitions', {
                  done: backfill.partitionsDone,
                  total: backfill.partitions ?? '?',
                })}
              />
              <span>
                {t('backfill.progress', {
                  enqueued: backfill.enqueued,
                  matched: backfill.matched,
                  scanned: backfill.scanned,
                })}
              </span>
              {canWrite && isUnfinished(backfill) && (
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  onClick={() => onCancel(backfill.id)}
                >
                  {t('backfill.cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && !backfills.some(isUnfinished) && (
        <form className="inline" onSubmit={submit}>
          <label className="field">
            {t('backfill.since')}
            <input
              type="datetime-local"
              required
              value={since}
              onChange={(event) => setSince(event.target.value)}
            />
          </label>
          <button type="submit" className="button" disabled={busy || since === ''}>
            {t('backfill.start')}
          </button>
        </form>
      )}
    </>
  );
}
