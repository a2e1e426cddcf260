import type { RetryPreset } from '../../api/types';
import { Field, FieldErrors } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import type { WebhookFormValues } from './webhook-form-values';

const PRESETS: RetryPreset[] = ['standard', 'short', 'jittered', 'none', 'custom'];

interface RetryPolicyFieldsProps {
  values: WebhookFormValues;
  set: <K extends keyof WebhookFormValues>(key: K, value: WebhookFormValues[K]) => void;
  errors?: string[];
}

/** The presets by what they do; the schedules themselves are the platform's. */
export function RetryPolicyFields({ values, set, errors }: RetryPolicyFieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="fieldset">
      <legend>{t('form.retry')}</legend>
      {PRESETS.map((preset) => (
        <label key={preset} className="choice">
          <input
            type="radio"
            name="retryPreset"
            value={preset}
            checked={values.retryPreset === preset}
            onChange={() => set('retryPreset', preset)}
          />
          {t(`form.retry.${preset}`)}
        </label>
      ))}
      {values.retryPreset === 'custom' && (
        <Field label={t('form.retry.delays')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              value={values.customDelays}
              placeholder="60, 300, 3600"
              onChange={(e) => set('customDelays', e.target.value)}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      )}
      {errors && <FieldErrors id="retry-errors" errors={errors} />}
    </fieldset>
  );
}
