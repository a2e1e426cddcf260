import type { RetryChoice } from '../../api/types';
import { ChoiceFieldset } from '../../components/ChoiceFieldset';
import { TextField } from '../../components/TextField';
import type { FormBinder } from '../../components/form-binder';
import { useI18n } from '../../i18n/i18n';
import type { WebhookFormValues } from './webhook-form-values';

const PRESETS: readonly RetryChoice[] = ['inherit', 'standard', 'short', 'jittered', 'none', 'custom'];

interface RetryPolicyFieldsProps {
  form: FormBinder<WebhookFormValues>;
  errors?: string[];
}

/** Inherit (each event type's default) or a preset by what it does; the schedules themselves are the platform's. */
export function RetryPolicyFields({ form, errors }: RetryPolicyFieldsProps) {
  const { t } = useI18n();
  return (
    <ChoiceFieldset
      legend={t('form.retry')}
      options={PRESETS}
      {...form.bindChoice('retryPreset')}
      labelOf={(preset) => t(`form.retry.${preset}`)}
      errorsId="retry-errors"
      errors={errors}
    >
      {form.values.retryPreset === 'custom' && (
        <TextField
          label={t('form.retry.delays')}
          placeholder="60, 300, 3600"
          {...form.bind('customDelays')}
        />
      )}
    </ChoiceFieldset>
  );
}
