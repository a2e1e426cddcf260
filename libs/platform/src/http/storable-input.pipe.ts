import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { findUnstorableJson } from '@hookline/contracts';

/**
 * Global pipe, ahead of validation: refuses any body, query or path parameter that holds a string
 * Postgres cannot store, a reserved key or too deep a nesting, naming the field. One check for
 * every route, so no field can be forgotten, and nothing recursive ever sees a hostile depth.
 */
@Injectable()
export class StorableInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') {
      return value;
    }
    const problems = findUnstorableJson(value, metadata.data ?? '');
    if (problems.length > 0) {
      throw new BadRequestException({
        error: 'Bad Request',
        message: problems.map((p) => describe(p, metadata)),
      });
    }
    return value;
  }
}

function describe(problem: string, metadata: ArgumentMetadata): string {
  switch (metadata.type) {
    case 'query':
      return `query parameter ${problem}`;
    case 'param':
      return `path parameter ${problem}`;
    case 'body':
    case 'custom':
      return problem;
  }
}
