import { CheckboxField } from '../../components/CheckboxField';
import { Field } from '../../components/Field';
import type { FormBinder } from '../../components/form-binder';
import { useI18n } from '../../i18n/i18n';
import type { WebhookFormValues } from './webhook-form-values';

interface TlsFieldsProps {
  form: FormBinder<WebhookFormValues>;
  errors?: string[];
  /** Whether the webhook being edited has TLS settings stored. */
  stored: boolean;
}

type PemField = 'tlsClientCertificate' | 'tlsPrivateKey' | 'tlsCaCertificates';

const PEM_FIELDS: ReadonlyArray<{
  field: PemField;
  /** Its name in the API's messages (`tls.privateKey is not the key of …`). */
  apiName: string;
  label: 'form.tls.certificate' | 'form.tls.key' | 'form.tls.ca';
}> = [
  { field: 'tlsClientCertificate', apiName: 'clientCertificate', label: 'form.tls.certificate' },
  { field: 'tlsPrivateKey', apiName: 'privateKey', label: 'form.tls.key' },
  { field: 'tlsCaCertificates', apiName: 'caCertificates', label: 'form.tls.ca' },
];

/** Each problem on the field it names; those about the setting as a whole on the first. */
function errorsOf(errors: readonly string[], apiName: string, first: boolean): string[] | undefined {
  const named = errors.filter((problem) =>
    first
      ? !PEM_FIELDS.some((other) => other.apiName !== apiName && problem.startsWith(`tls.${other.apiName}`))
      : problem.startsWith(`tls.${apiName}`),
  );
  return named.length > 0 ? named : undefined;
}

/** Client certificate, its key and a CA bundle for endpoints with mutual TLS or a private CA. */
export function TlsFields({ form, errors, stored }: TlsFieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="fieldset">
      <legend>{t('form.tls')}</legend>
      <p className="help">{stored ? t('form.tls.replaceHelp') : t('form.tls.help')}</p>
      {PEM_FIELDS.map(({ field, apiName, label }, index) => (
        <Field key={field} label={t(label)} errors={errorsOf(errors ?? [], apiName, index === 0)}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              rows={3}
              className="code"
              spellCheck={false}
              autoComplete="off"
              placeholder="-----BEGIN …-----"
              value={form.values[field]}
              onChange={(e) => form.set(field, e.target.value)}
              disabled={form.values.tlsRemove}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      ))}
      {stored && <CheckboxField label={t('form.tls.remove')} {...form.bind('tlsRemove')} />}
    </fieldset>
  );
}
