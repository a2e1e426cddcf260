import { ApiProperty } from '@nestjs/swagger';
import type { SampleMatch } from '../match-sample-event';

/** Whether the webhook would take the sample event, and which of its two tests decided. */
export class MatchResultResponse implements SampleMatch {
  @ApiProperty({ description: 'Both hold: the event type is subscribed and the filter selects the event.' })
  matches!: boolean;

  @ApiProperty({ description: 'One of the webhook’s event patterns selects the type.' })
  typeMatches!: boolean;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether the filter selects the event; null when the webhook has no filter.',
  })
  filterMatches!: boolean | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'filter.and[1]',
    description: 'The part of the filter that decided, by its path; null without a filter.',
  })
  decidedBy!: string | null;

  @ApiProperty({
    description: 'Whether the webhook is active: an inactive one receives nothing, matching or not.',
  })
  active!: boolean;
}
