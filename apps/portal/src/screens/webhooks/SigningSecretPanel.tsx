import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { ConfirmDialog, dialogTexts } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useNotify } from '../../components/Notices';
import { queryKeys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';

const GRACE_CHOICES = [0, 3600, 86400, 604800] as const;

/** The secret is fetched only when the user asks to see it, and hidden again on request. */
export function SigningSecretPanel({ webhookId, canRotate }: { webhookId: string; canRotate: boolean }) {
  const { t } = useI18n();
  const api = useApi();
  const notify = useNotify();
  const client = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [grace, setGrace] = useState<number>(86400);
  const secret = useQuery({
    queryKey: queryKeys.secret(webhookId),
    queryFn: () => api.getSecret(webhookId),
    enabled: revealed,
    staleTime: Infinity,
  });
  const rotate = useMutation({
    mutationFn: () => api.rotateSecret(webhookId, grace),
    onSuccess: (rotated) => {
      client.setQueryData(queryKeys.secret(webhookId), rotated);
      setRevealed(true);
      notify(t('secret.rotated'));
    },
  });

  return (
    <section className="panel" aria-labelledby="secret-title">
      <h3 id="secret-title">{t('secret.title')}</h3>
      <p className="help">{t('secret.help')}</p>
      <div className="secret-row">
        <code className="secret" data-testid="signing-secret">
          {revealed && secret.data ? secret.data.key : `•••••••••••••••• (${t('secret.hidden')})`}
        </code>
        <button
          type="button"
          className="button small"
          aria-pressed={revealed}
          onClick={() => setRevealed((value) => !value)}
        >
          {revealed ? t('secret.hide') : t('secret.reveal')}
        </button>
        {revealed && secret.data && <CopyButton text={secret.data.key} what={t('secret.title')} />}
        {canRotate && (
          <ConfirmDialog
            {...dialogTexts(t, 'secret.rotate')}
            triggerClassName="button small"
            onConfirm={() => rotate.mutate()}
          >
            <label className="field">
              {t('secret.grace')}
              <select value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
                {GRACE_CHOICES.map((seconds) => (
                  <option key={seconds} value={seconds}>
                    {t(`secret.grace.${seconds}`)}
                  </option>
                ))}
              </select>
            </label>
          </ConfirmDialog>
        )}
      </div>
      {revealed && secret.isError && <ErrorNotice error={secret.error} />}
      {rotate.isError && <ErrorNotice error={rotate.error} />}
    </section>
  );
}
