import type { EndpointSignal } from '@hookline/contracts';
import { assertNever } from '@hookline/platform';

/** `webhook.disabled` carries the reason as text of at most this length. */
const MAX_REASON_LENGTH = 500;

/** What the owner reads as `disabledReason`, e.g. `endpoint answered 410 Gone`. */
export function describeDisableReason(signal: Pick<EndpointSignal, 'reason' | 'detail'>): string {
  const detail = signal.detail.trim();
  switch (signal.reason) {
    case 'gone':
      return 'endpoint answered 410 Gone';
    case 'failing':
      return (
        detail === '' ? 'endpoint failing continuously' : `endpoint failing continuously (${detail})`
      ).slice(0, MAX_REASON_LENGTH);
    default:
      return assertNever(signal.reason, 'signal reason');
  }
}
