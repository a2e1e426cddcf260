import type { KafkaMessage } from 'kafkajs';
import { validateDeliveryCommand, type DeliveryCommand } from '@hookline/contracts';
import { decodeValidated } from '@hookline/kafka';

export type DeliveryCommandParse = { ok: true; command: DeliveryCommand } | { ok: false; reason: string };

/** A `hookline.commands.v1` message as a command, or why it is refused (it then goes to the DLQ). */
export function parseDeliveryCommand(message: KafkaMessage): DeliveryCommandParse {
  const parsed = decodeValidated(message.value, validateDeliveryCommand);
  return parsed.ok ? { ok: true, command: parsed.value } : parsed;
}
