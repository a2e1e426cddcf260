import { InvalidArgumentError } from 'commander';

/** `job.*,estimate.created` → the patterns, trimmed, none empty. */
export function parseEventList(value: string): string[] {
  const events = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (events.length === 0) {
    throw new InvalidArgumentError('give at least one event type or pattern, e.g. job.*');
  }
  return events;
}

export function parseBoolean(value: string): boolean {
  if (value === 'true') {
    return true;
  }
  if (value === 'false') {
    return false;
  }
  throw new InvalidArgumentError('must be true or false');
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new InvalidArgumentError('must be a whole number ≥ 0');
  }
  return number;
}

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** An ISO instant, or a duration back from now (`30m`, `6h`, `2d`) → ISO instant. */
export function parseSince(value: string, now = new Date()): string {
  const duration = DURATION.exec(value);
  if (duration) {
    const unit = duration[2] as keyof typeof UNIT_MS;
    return new Date(now.getTime() - Number(duration[1]) * UNIT_MS[unit]).toISOString();
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new InvalidArgumentError(
      'must be an ISO instant (2026-11-22T00:00:00Z) or a duration back from now (30m, 6h, 2d)',
    );
  }
  return new Date(instant).toISOString();
}
