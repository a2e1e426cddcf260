import { findObjectFieldProblems } from './object-field-problems';
import { WEBHOOK_LIMITS } from './webhook-limits';

/** Every problem of a metadata object (string values, bounded), each naming the key. */
export function findMetadataProblems(metadata: unknown): string[] {
  return findObjectFieldProblems('metadata', metadata, (entries) => {
    const problems: string[] = [];
    for (const [key, value] of entries) {
      if (key.length === 0 || key.length > WEBHOOK_LIMITS.metadataKeyMaxLength) {
        problems.push(
          `metadata key "${key.slice(0, 60)}" must be 1-${WEBHOOK_LIMITS.metadataKeyMaxLength} characters`,
        );
      }
      if (typeof value !== 'string') {
        problems.push(`metadata "${key.slice(0, 60)}" must have a string value`);
      } else if (value.length > WEBHOOK_LIMITS.metadataValueMaxLength) {
        problems.push(
          `metadata "${key.slice(0, 60)}" is longer than ${WEBHOOK_LIMITS.metadataValueMaxLength} characters`,
        );
      }
    }
    const bytes = Buffer.byteLength(JSON.stringify(metadata), 'utf8');
    if (bytes > WEBHOOK_LIMITS.metadataMaxBytes) {
      problems.push(
        `metadata is ${bytes} bytes as JSON; at most ${WEBHOOK_LIMITS.metadataMaxBytes} are allowed`,
      );
    }
    return problems;
  });
}
