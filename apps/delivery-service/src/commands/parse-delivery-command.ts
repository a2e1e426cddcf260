import type { KafkaMessage } from 'kafkajs';
import { EXTERNAL_ID_PATTERN, validateEnvelope, type DeliveryCommand } from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';

export type DeliveryCommandParse = { ok: true; command: DeliveryCommand } | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string =>
  typeof value === 'string' && EXTERNAL_ID_PATTERN.test(value);

/** A `hookline.commands.v1` message as a command, or why it is refused (it then goes to the DLQ). */
export function parseDeliveryCommand(message: KafkaMessage): DeliveryCommandParse {
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return { ok: false, reason: decoded.reason };
  }
  const value = decoded.value;
  if (!isObject(value)) {
    return { ok: false, reason: 'command must be a JSON object' };
  }
  const problems: string[] = [];
  const check = (condition: boolean, problem: string) => {
    if (!condition) {
      problems.push(problem);
    }
  };
  check(value.kind === 'redeliver', 'kind must be redeliver');
  check(typeof value.commandId === 'string' && value.commandId !== '', 'commandId must be a string');
  check(typeof value.deliveryId === 'string' && value.deliveryId !== '', 'deliveryId must be a string');
  check(isId(value.webhookId), 'webhookId must be an id');
  check(isId(value.organizationId), 'organizationId must be an id');
  check(
    Number.isSafeInteger(value.attempt) && (value.attempt as number) >= 1,
    'attempt must be an integer ≥ 1',
  );
  check(
    typeof value.requestedAt === 'string' && !Number.isNaN(Date.parse(value.requestedAt)),
    'requestedAt must be an ISO instant',
  );
  const event = validateEnvelope(value.event);
  if (!event.ok) {
    problems.push(...event.errors.map((error) => `event: ${error}`));
  } else {
    check(
      event.value.organizationId === value.organizationId,
      'event.organizationId must equal organizationId',
    );
  }
  if (problems.length > 0 || !event.ok) {
    return { ok: false, reason: `invalid delivery command: ${problems.join('; ')}` };
  }
  return {
    ok: true,
    command: {
      kind: 'redeliver',
      commandId: value.commandId as string,
      deliveryId: value.deliveryId as string,
      webhookId: value.webhookId as string,
      organizationId: value.organizationId as string,
      event: event.value,
      attempt: value.attempt as number,
      requestedAt: value.requestedAt as string,
    },
  };
}
