import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

export function CopyButton({ text, what }: { text: string; what: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button
      type="button"
      className="button small"
      aria-label={t('copy.label', { what })}
      onClick={() => void copy().catch(() => setCopied(false))}
    >
      {copied ? t('copy.copied') : t('copy.copy')}
    </button>
  );
}
