import type { AuthType } from '../../api/types';
import { Field, FieldErrors } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import type { WebhookFormValues } from './webhook-form-values';

interface AuthFieldsProps {
  values: WebhookFormValues;
  set: <K extends keyof WebhookFormValues>(key: K, value: WebhookFormValues[K]) => void;
  errors?: string[];
  editing: boolean;
}

const AUTH_TYPES: AuthType[] = ['none', 'basic', 'bearer'];

export function AuthFields({ values, set, errors, editing }: AuthFieldsProps) {
  const { t } = useI18n();
  const keepHelp = editing ? t('form.auth.keepHelp') : undefined;
  return (
    <fieldset className="fieldset">
      <legend>{t('form.auth')}</legend>
      <div className="choices-row">
        {AUTH_TYPES.map((type) => (
          <label key={type} className="choice">
            <input
              type="radio"
              name="authType"
              value={type}
              checked={values.authType === type}
              onChange={() => set('authType', type)}
            />
            {t(`form.auth.${type}`)}
          </label>
        ))}
      </div>
      {values.authType === 'basic' && (
        <div className="field-row">
          <Field label={t('form.auth.username')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                autoComplete="off"
                value={values.username}
                onChange={(e) => set('username', e.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field label={t('form.auth.password')} help={keepHelp}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="password"
                autoComplete="new-password"
                value={values.password}
                onChange={(e) => set('password', e.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        </div>
      )}
      {values.authType === 'bearer' && (
        <Field label={t('form.auth.token')} help={keepHelp}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              value={values.token}
              onChange={(e) => set('token', e.target.value)}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      )}
      {errors && <FieldErrors id="auth-errors" errors={errors} />}
    </fieldset>
  );
}
