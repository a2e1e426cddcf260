import type { AuthType } from '../../api/types';
import { ChoiceFieldset } from '../../components/ChoiceFieldset';
import { TextField } from '../../components/TextField';
import type { FormBinder } from '../../components/form-binder';
import { useI18n } from '../../i18n/i18n';
import type { WebhookFormValues } from './webhook-form-values';

interface AuthFieldsProps {
  form: FormBinder<WebhookFormValues>;
  errors?: string[];
  editing: boolean;
}

const AUTH_TYPES: readonly AuthType[] = ['none', 'basic', 'bearer', 'oauth2'];

export function AuthFields({ form, errors, editing }: AuthFieldsProps) {
  const { t } = useI18n();
  // A stored credential is never shown back: while editing, an empty field keeps it.
  const secretField = (field: 'password' | 'token' | 'clientSecret', autoComplete: string) => (
    <TextField
      label={t(`form.auth.${field}`)}
      help={editing ? t('form.auth.keepHelp') : undefined}
      type="password"
      autoComplete={autoComplete}
      {...form.bind(field)}
    />
  );
  return (
    <ChoiceFieldset
      legend={t('form.auth')}
      options={AUTH_TYPES}
      {...form.bindChoice('authType')}
      labelOf={(type) => t(`form.auth.${type}`)}
      inline
      errorsId="auth-errors"
      errors={errors}
    >
      {form.values.authType === 'basic' && (
        <div className="field-row">
          <TextField label={t('form.auth.username')} autoComplete="off" {...form.bind('username')} />
          {secretField('password', 'new-password')}
        </div>
      )}
      {form.values.authType === 'bearer' && secretField('token', 'off')}
      {form.values.authType === 'oauth2' && (
        <>
          <TextField
            label={t('form.auth.tokenUrl')}
            help={t('form.auth.tokenUrlHelp')}
            type="url"
            autoComplete="off"
            {...form.bind('tokenUrl')}
          />
          <div className="field-row">
            <TextField label={t('form.auth.clientId')} autoComplete="off" {...form.bind('clientId')} />
            {secretField('clientSecret', 'new-password')}
          </div>
          <div className="field-row">
            <TextField
              label={t('form.auth.scope')}
              help={t('form.auth.optional')}
              autoComplete="off"
              {...form.bind('scope')}
            />
            <TextField
              label={t('form.auth.audience')}
              help={t('form.auth.optional')}
              autoComplete="off"
              {...form.bind('audience')}
            />
          </div>
        </>
      )}
    </ChoiceFieldset>
  );
}
