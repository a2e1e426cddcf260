import { EVENT_TYPES, RESOURCES } from '@hookline/contracts';
import {
  ALL_EVENTS_PATTERN,
  findEventPatternProblems,
  findEventTypeProblem,
  isValidEventPattern,
  patternsCovering,
  uniqueEventPatterns,
} from './validate-event-patterns';

describe(findEventPatternProblems.name, () => {
  it('accepts exact catalog types', () => {
    expect(findEventPatternProblems(['job.created', 'estimate.updated', 'floor.published'])).toEqual([]);
  });

  it('accepts every type of the catalog', () => {
    expect(EVENT_TYPES.filter((type) => !isValidEventPattern(type))).toEqual([]);
  });

  it('accepts <resource>.* for every known resource, and *', () => {
    expect(
      findEventPatternProblems([...RESOURCES.map((resource) => `${resource}.*`), ALL_EVENTS_PATTERN]),
    ).toEqual([]);
  });

  it('refuses an unknown type, naming its position and suggesting the closest type', () => {
    expect(findEventPatternProblems(['job.created', 'job.craeted'])).toEqual([
      'events[1] "job.craeted" is not a known event type; did you mean "job.created"?',
    ]);
  });

  it('refuses a wildcard of an unknown resource, suggesting the closest wildcard', () => {
    expect(findEventPatternProblems(['jbo.*'])).toEqual([
      'events[0] "jbo.*" names no known resource; did you mean "job.*"?',
    ]);
  });

  it('suggests nothing when no name is close, but says what is accepted', () => {
    expect(findEventPatternProblems(['completely-unrelated-thing'])).toEqual([
      'events[0] "completely-unrelated-thing" is not a known event type; use a type of the event catalog, "<resource>.*" or "*"',
    ]);
  });

  it('is exact about case and partial wildcards', () => {
    expect(isValidEventPattern('Job.Created')).toBe(false);
    expect(isValidEventPattern('job.')).toBe(false);
    expect(isValidEventPattern('job*')).toBe(false);
    expect(isValidEventPattern('*.created')).toBe(false);
    expect(findEventPatternProblems(['Job.Created'])[0]).toContain('did you mean "job.created"?');
  });

  it('reports every invalid entry at once', () => {
    expect(findEventPatternProblems(['nope.x', 'job.created', 'estimate.craeted'])).toHaveLength(2);
  });

  it('uses the given field name in the path', () => {
    expect(findEventPatternProblems(['x.y'], 'filter.events')[0]).toMatch(/^filter\.events\[0\] "x\.y"/);
  });
});

describe(uniqueEventPatterns.name, () => {
  it('drops repeats and keeps the order given', () => {
    expect(uniqueEventPatterns(['job.*', 'estimate.created', 'job.*'])).toEqual([
      'job.*',
      'estimate.created',
    ]);
  });
});

describe(findEventTypeProblem.name, () => {
  it('accepts an exact catalog type', () => {
    expect(findEventTypeProblem('job.created', 'eventType')).toBeNull();
  });

  it('refuses an unknown type, suggesting the closest', () => {
    expect(findEventTypeProblem('estimate.snet', 'eventType')).toBe(
      'eventType "estimate.snet" is not a known event type; did you mean "estimate.sent"?',
    );
  });

  it('refuses a pattern where one type is asked for', () => {
    expect(findEventTypeProblem('*', 'eventType')).toBe(
      'eventType "*" is a pattern; give one event type, e.g. "job.created"',
    );
  });
});

describe(patternsCovering.name, () => {
  it('lists the exact type, its resource wildcard and *', () => {
    expect(patternsCovering('signed_document.signed')).toEqual([
      'signed_document.signed',
      'signed_document.*',
      '*',
    ]);
  });
});
