import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';

/** Stand-alone use by operators: an organization API key instead of a session from the product. */
export function SignIn({ onSignIn, refusal }: { onSignIn: (key: string) => void; refusal: string | null }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim()) {
      onSignIn(key.trim());
    }
  };
  return (
    <section className="access-screen" aria-labelledby="signin-title">
      <h2 id="signin-title">{t('access.title')}</h2>
      <p>{t('access.intro')}</p>
      {refusal && (
        <p className="error-notice" role="alert">
          {t('access.keyRefused', { reason: refusal })}
        </p>
      )}
      <form onSubmit={submit}>
        <Field label={t('access.apiKey')} help={t('access.apiKeyHelp')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              value={key}
              onChange={(event) => setKey(event.target.value)}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit" className="button primary">
          {t('access.signIn')}
        </button>
      </form>
    </section>
  );
}
