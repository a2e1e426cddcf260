import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RETRY_POLICY_LIMITS, RETRY_PRESETS } from '@hookline/contracts';
import { NotAllowed, SatisfiesRules } from '../../common/satisfies-rules.decorator';
import { VariantTag } from './variant-tag.decorator';

export const NAMED_RETRY_PRESETS = RETRY_PRESETS.filter((preset) => preset !== 'custom');
type NamedRetryPreset = Exclude<(typeof RETRY_PRESETS)[number], 'custom'>;

const { maxRetries, minDelaySeconds, maxDelaySeconds } = RETRY_POLICY_LIMITS;

/** The one problem of a custom schedule that matters first, naming the delay at fault. */
export function findDelayProblems(delays: unknown): string[] {
  if (delays === undefined || delays === null) {
    return ['delaysSeconds is required with preset "custom"'];
  }
  if (!Array.isArray(delays)) {
    return ['delaysSeconds must be an array of seconds'];
  }
  if (delays.length < 1 || delays.length > maxRetries) {
    return [`delaysSeconds must list 1 to ${maxRetries} delays (got ${delays.length})`];
  }
  const index = delays.findIndex(
    (delay) =>
      !Number.isInteger(delay) || (delay as number) < minDelaySeconds || (delay as number) > maxDelaySeconds,
  );
  return index === -1
    ? []
    : [
        `delaysSeconds must be whole seconds from ${minDelaySeconds} to ${maxDelaySeconds}; [${index}] is ${JSON.stringify(delays[index])}`,
      ];
}

/** One of the named retry schedules (see `RETRY_PRESETS`); also chosen for an unknown preset, so the error lists them all. */
export class PresetRetryPolicyDto {
  @ApiProperty({
    enum: NAMED_RETRY_PRESETS,
    example: 'standard',
    description:
      'standard: 5s, 5m, 30m, 2h, 5h, 10h, 10h (±20%); short: 5m, 10m; jittered: 5 random retries up to 10 min; none: no retries.',
  })
  @IsIn(RETRY_PRESETS)
  preset!: NamedRetryPreset;

  @NotAllowed('delaysSeconds is only allowed with preset "custom"') delaysSeconds?: never;
}

export class CustomRetryPolicyDto {
  @VariantTag('custom') preset!: 'custom';

  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: minDelaySeconds, maximum: maxDelaySeconds },
    example: [60, 300, 3600],
    minItems: 1,
    maxItems: RETRY_POLICY_LIMITS.maxRetries,
    description: `Seconds before each retry, in order; each ${RETRY_POLICY_LIMITS.minDelaySeconds}-${RETRY_POLICY_LIMITS.maxDelaySeconds}.`,
  })
  @SatisfiesRules(findDelayProblems)
  delaysSeconds!: number[];
}

export type RetryPolicyDto = PresetRetryPolicyDto | CustomRetryPolicyDto;

export const RETRY_POLICY_SUBTYPES = [
  ...NAMED_RETRY_PRESETS.map((name) => ({ name, value: PresetRetryPolicyDto })),
  { name: 'custom', value: CustomRetryPolicyDto },
];
