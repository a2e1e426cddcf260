import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import type { EventType, SignatureSchemeType, Webhook, WebhookInput } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceFieldset } from '../../components/ChoiceFieldset';
import { Field, FieldErrors } from '../../components/Field';
import { TextField } from '../../components/TextField';
import { useFormBinder } from '../../components/form-binder';
import { useI18n } from '../../i18n/i18n';
import { AuthFields } from './AuthFields';
import { EventsPicker } from './EventsPicker';
import { HeadersEditor } from './HeadersEditor';
import { RetryPolicyFields } from './RetryPolicyFields';
import { TlsFields } from './TlsFields';
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

const SIGNATURE_TYPES: readonly SignatureSchemeType[] = [
  'standard-webhooks',
  'standard-webhooks-ed25519',
  'hmac-sha256-hex',
];
const SIGNATURE_LABELS = {
  'standard-webhooks': 'form.signature.standard',
  'standard-webhooks-ed25519': 'form.signature.ed25519',
  'hmac-sha256-hex': 'form.signature.hmac',
} as const;

type FieldErrorMap = Partial<Record<WebhookField | '', string[]>>;

/** Create or edit a webhook; the API's validation problems come back onto the fields they name. */
export function WebhookForm({ initial, eventTypes, onSubmit, onCancel }: WebhookFormProps) {
  const { t } = useI18n();
  const form = useFormBinder<WebhookFormValues>(() => (initial ? formValuesOf(initial) : emptyFormValues()));
  const { values, set } = form;
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

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
      <TextField
        label={t('form.name')}
        help={t('form.nameHelp')}
        errors={errors.name}
        {...form.bind('name')}
        required
      />
      <TextField
        label={t('form.url')}
        help={t('form.urlHelp')}
        errors={errors.url}
        type="url"
        inputMode="url"
        placeholder="https://"
        {...form.bind('url')}
        required
      />
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
      <AuthFields form={form} errors={errors.auth} editing={initial !== null} />
      <TlsFields form={form} errors={errors.tls} stored={(initial?.tls ?? null) !== null} />
      <fieldset className="fieldset">
        <legend>{t('form.events')}</legend>
        <p className="help">{t('form.events.help')}</p>
        <EventsPicker
          eventTypes={eventTypes}
          {...form.bind('events')}
          errorId={errors.events ? 'events-errors' : undefined}
        />
        {errors.events && <FieldErrors id="events-errors" errors={errors.events} />}
      </fieldset>
      <Field label={t('form.filter')} help={t('form.filterHelp')} errors={errors.filter}>
        {({ id, describedBy, invalid: bad }) => (
          <textarea
            id={id}
            rows={4}
            className="code"
            spellCheck={false}
            placeholder='{"field": "data.job.status", "eq": "completed"}'
            value={values.filter}
            onChange={(e) => set('filter', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={bad}
          />
        )}
      </Field>
      <RetryPolicyFields form={form} errors={errors.retryPolicy} />
      <TextField
        label={t('form.timeout')}
        help={t('form.timeoutHelp')}
        errors={errors.timeoutSeconds}
        type="number"
        min={1}
        {...form.bind('timeoutSeconds')}
      />
      <HeadersEditor
        rows={values.headers}
        onChange={(rows) => set('headers', rows)}
        errors={errors.headers}
      />
      <ChoiceFieldset
        legend={t('form.signature')}
        options={SIGNATURE_TYPES}
        {...form.bindChoice('signatureType')}
        labelOf={(type) => t(SIGNATURE_LABELS[type])}
        errorsId="signature-errors"
        errors={errors.signatureScheme}
      >
        {values.signatureType === 'hmac-sha256-hex' && (
          <TextField
            label={t('form.signature.header')}
            placeholder="x-hookline-signature"
            {...form.bind('signatureHeader')}
          />
        )}
      </ChoiceFieldset>
      <CheckboxField label={t('form.ordered')} help={t('form.orderedHelp')} {...form.bind('ordered')} />
      {initial === null && <CheckboxField label={t('form.active')} {...form.bind('active')} />}
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
