import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The error body of every route (documentation only; the platform's filter writes it). */
export class ApiErrorResponse {
  @ApiProperty({ example: 400 }) statusCode!: number;

  @ApiProperty({ example: 'Bad Request' }) error!: string;

  @ApiProperty({ example: 'events[0] "job.craeted" is not a known event type; did you mean "job.created"?' })
  message!: string;

  @ApiPropertyOptional({ type: [String], description: 'One entry per problem when there are several.' })
  details?: string[];
}
