import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import type { EventType, Webhook, WebhookInput } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field, FieldErrors } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import { AuthFields } from './AuthFields';
import { EventsPicker } from './EventsPicker';
import { HeadersEditor } from './HeadersEditor';
import { RetryPolicyFields } from './RetryPolicyFields';
import {
  WEBHOOK_FIELDS,
  emptyFormValues,
  formValuesOf,
  toWebhookInput,
  type WebhookField,
  type WebhookFormValues,
} from './webhook-form-values';

interface WebhookFormProps {
  initial: Webhook | null;
  eventTypes: readonly EventType[];
  onSubmit: (input: Partial<WebhookInput>) => Promise<unknown>;
  onCancel: () => void;
}

type FieldErrorMap = Partial<Record<WebhookField | '', string[]>>;

/** Create or edit a webhook; the API's validation problems come back onto the fields they name. */
export function WebhookForm({ initial, eventTypes, onSubmit, onCancel }: WebhookFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<WebhookFormValues>(() =>
    initial ? formValuesOf(initial) : emptyFormValues(),
  );
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof WebhookFormValues>(key: K, value: WebhookFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFailure(null);
    try {
      await onSubmit(toWebhookInput(values, initial));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setErrors(error.fieldErrors(WEBHOOK_FIELDS));
      } else {
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };
  const invalid = Object.keys(errors).length > 0;
  const summary = useRef<HTMLDivElement>(null);
  // Keyboard and screen-reader users land on the list of problems instead of losing their place.
  useEffect(() => {
    if (invalid) {
      summary.current?.focus();
    }
  }, [invalid, errors]);

  return (
    <form className="webhook-form" onSubmit={(event) => void submit(event)} noValidate>
      {invalid && (
        <div className="error-notice" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('form.invalid')}</p>
          {errors[''] && <FieldErrors id="form-errors" errors={errors['']} />}
        </div>
      )}
      {failure !== null && <ErrorNotice error={failure} />}
      <Field label={t('form.name')} help={t('form.nameHelp')} errors={errors.name}>
        {({ id, describedBy, invalid: bad }) => (
          <input
            id={id}
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={bad}
            required
          />
        )}
      </Field>
      <Field label={t('form.url')} help={t('form.urlHelp')} errors={errors.url}>
        {({ id, describedBy, invalid: bad }) => (
          <input
            id={id}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={values.url}
            onChange={(e) => set('url', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={bad}
            required
          />
        )}
      </Field>
      <Field label={t('form.description')} errors={errors.description}>
        {({ id, describedBy, invalid: bad }) => (
          <textarea
            id={id}
            rows={2}
            value={values.description}
            onChange={(e) => set('description', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={bad}
          />
        )}
      </Field>
      <AuthFields values={values} set={set} errors={errors.auth} editing={initial !== null} />
      <fieldset className="fieldset">
        <legend>{t('form.events')}</legend>
        <p className="help">{t('form.events.help')}</p>
        <EventsPicker
          eventTypes={eventTypes}
          value={values.events}
          onChange={(events) => set('events', events)}
          errorId={errors.events ? 'events-errors' : undefined}
        />
        {errors.events && <FieldErrors id="events-errors" errors={errors.events} />}
      </fieldset>
      <RetryPolicyFields values={values} set={set} errors={errors.retryPolicy} />
      <Field label={t('form.timeout')} help={t('form.timeoutHelp')} errors={errors.timeoutSeconds}>
        {({ id, describedBy, invalid: bad }) => (
          <input
            id={id}
            type="number"
            min={1}
            value={values.timeoutSeconds}
            onChange={(e) => set('timeoutSeconds', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={bad}
          />
        )}
      </Field>
      <HeadersEditor
        rows={values.headers}
        onChange={(rows) => set('headers', rows)}
        errors={errors.headers}
      />
      <fieldset className="fieldset">
        <legend>{t('form.signature')}</legend>
        {(['standard-webhooks', 'hmac-sha256-hex'] as const).map((type) => (
          <label key={type} className="choice">
            <input
              type="radio"
              name="signatureType"
              value={type}
              checked={values.signatureType === type}
              onChange={() => set('signatureType', type)}
            />
            {t(type === 'standard-webhooks' ? 'form.signature.standard' : 'form.signature.hmac')}
          </label>
        ))}
        {values.signatureType === 'hmac-sha256-hex' && (
          <Field label={t('form.signature.header')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                value={values.signatureHeader}
                placeholder="x-hookline-signature"
                onChange={(e) => set('signatureHeader', e.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        )}
        {errors.signatureScheme && <FieldErrors id="signature-errors" errors={errors.signatureScheme} />}
      </fieldset>
      <div className="field checkbox-field">
        <label className="choice">
          <input
            type="checkbox"
            checked={values.ordered}
            onChange={(e) => set('ordered', e.target.checked)}
            aria-describedby="ordered-help"
          />
          {t('form.ordered')}
        </label>
        <p id="ordered-help" className="help">
          {t('form.orderedHelp')}
        </p>
      </div>
      {initial === null && (
        <div className="field checkbox-field">
          <label className="choice">
            <input
              type="checkbox"
              checked={values.active}
              onChange={(e) => set('active', e.target.checked)}
            />
            {t('form.active')}
          </label>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
