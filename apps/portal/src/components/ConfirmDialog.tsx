import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';

interface ConfirmDialogProps {
  /** The label of the button that opens the dialog. */
  triggerLabel: string;
  /** Its class: `button` unless told. */
  triggerClassName?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  destructive?: boolean;
  children?: ReactNode;
}

/** A message key `k` whose dialog texts are `kTitle`, `kBody` and `kConfirm` (`k` labels its button). */
type DialogKey = {
  [K in MessageKey]: `${K}${'Title' | 'Body' | 'Confirm'}` extends MessageKey ? K : never;
}[MessageKey];

/** The texts of a dialog whose messages are named after one key. */
export function dialogTexts(t: Translate, key: DialogKey) {
  return {
    triggerLabel: t(key),
    title: t(`${key}Title`),
    description: t(`${key}Body`),
    confirmLabel: t(`${key}Confirm`),
  };
}

/** Asks before an action that cannot be taken back; focus is trapped and Escape cancels. */
export function ConfirmDialog({
  triggerLabel,
  triggerClassName = 'button',
  title,
  description,
  confirmLabel,
  onConfirm,
  destructive,
  children,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className={triggerClassName}>
          {triggerLabel}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>{title}</AlertDialog.Title>
          <AlertDialog.Description>{description}</AlertDialog.Description>
          {children}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                {t('form.cancel')}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button
                type="button"
                className={destructive ? 'button danger' : 'button primary'}
                onClick={onConfirm}
              >
                {confirmLabel}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
