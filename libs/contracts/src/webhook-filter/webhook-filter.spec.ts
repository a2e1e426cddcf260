import { compileWebhookFilter, explainWebhookFilter } from './match-webhook-filter';
import { FILTER_LIMITS, findFilterProblem, type WebhookFilter } from './webhook-filter';

const event = {
  type: 'job.status_changed',
  subject: 'job_42',
  data: {
    status: 'completed',
    total: 1250.5,
    closedAt: '2026-11-20T10:00:00.000Z',
    tags: ['roof', 'urgent'],
    crew: { lead: 'Ana', size: 3, note: null },
    paid: false,
  },
};

const matches = (filter: WebhookFilter) => {
  expect(findFilterProblem(filter)).toBeNull();
  return compileWebhookFilter(filter)(event);
};

describe('webhook filter: operators', () => {
  it.each<[string, WebhookFilter, boolean]>([
    ['eq on a string', { field: 'data.status', eq: 'completed' }, true],
    ['eq on a different string', { field: 'data.status', eq: 'open' }, false],
    ['eq on a number', { field: 'data.crew.size', eq: 3 }, true],
    ['eq on a boolean', { field: 'data.paid', eq: false }, true],
    ['eq on null', { field: 'data.crew.note', eq: null }, true],
    ['eq never equals across types', { field: 'data.crew.size', eq: '3' }, false],
    ['eq on type', { field: 'type', eq: 'job.status_changed' }, true],
    ['eq on subject', { field: 'subject', eq: 'job_42' }, true],
    ['eq on an array element', { field: 'data.tags.1', eq: 'urgent' }, true],
    ['ne on a present field', { field: 'data.status', ne: 'open' }, true],
    ['ne on the same value', { field: 'data.status', ne: 'completed' }, false],
    ['ne on an absent field', { field: 'data.missing', ne: 'x' }, false],
    ['gt on numbers', { field: 'data.total', gt: 1000 }, true],
    ['gt at the bound', { field: 'data.total', gt: 1250.5 }, false],
    ['gte at the bound', { field: 'data.total', gte: 1250.5 }, true],
    ['lt on numbers', { field: 'data.total', lt: 1000 }, false],
    ['lte at the bound', { field: 'data.total', lte: 1250.5 }, true],
    ['gt on ISO timestamps', { field: 'data.closedAt', gt: '2026-11-01T00:00:00.000Z' }, true],
    ['lt on ISO timestamps', { field: 'data.closedAt', lt: '2026-11-01T00:00:00.000Z' }, false],
    ['order never holds across types', { field: 'data.closedAt', gt: 5 }, false],
    ['in with the value', { field: 'data.status', in: ['open', 'completed'] }, true],
    ['in without the value', { field: 'data.status', in: ['open', 'cancelled'] }, false],
    ['in on an object', { field: 'data.crew', in: ['Ana'] }, false],
    ['exists on a present field', { field: 'data.crew.lead', exists: true }, true],
    ['exists on a null field', { field: 'data.crew.note', exists: true }, true],
    ['exists on an absent field', { field: 'data.crew.phone', exists: true }, false],
    ['exists false on an absent field', { field: 'data.crew.phone', exists: false }, true],
    ['exists false on a present field', { field: 'data.status', exists: false }, false],
    ['startsWith a prefix', { field: 'subject', startsWith: 'job_' }, true],
    ['startsWith another prefix', { field: 'subject', startsWith: 'est_' }, false],
    ['startsWith on a number', { field: 'data.total', startsWith: '12' }, false],
    ['a path through a scalar', { field: 'data.status.length', eq: 9 }, false],
    ['a path into the prototype', { field: 'data.crew.constructor', exists: true }, false],
  ])('%s', (_, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });
});

describe('webhook filter: combinators', () => {
  const yes: WebhookFilter = { field: 'data.status', eq: 'completed' };
  const no: WebhookFilter = { field: 'data.status', eq: 'open' };

  it.each<[string, WebhookFilter, boolean]>([
    ['and of true parts', { and: [yes, yes] }, true],
    ['and with a false part', { and: [yes, no] }, false],
    ['or with a true part', { or: [no, yes] }, true],
    ['or of false parts', { or: [no, no] }, false],
    ['not of false', { not: no }, true],
    ['not of true', { not: yes }, false],
    ['nested', { and: [yes, { or: [no, { not: no }] }] }, true],
  ])('%s', (_, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('explains which part decided', () => {
    const filter: WebhookFilter = { and: [yes, { or: [no, { field: 'data.total', gt: 5000 }] }] };
    expect(explainWebhookFilter(filter, event)).toEqual({ matches: false, decidedBy: 'filter.and[1]' });
    expect(explainWebhookFilter({ and: [yes, no] }, event)).toEqual({
      matches: false,
      decidedBy: 'filter.and[1]',
    });
    expect(explainWebhookFilter({ or: [no, yes] }, event)).toEqual({
      matches: true,
      decidedBy: 'filter.or[1]',
    });
    expect(explainWebhookFilter(yes, event)).toEqual({ matches: true, decidedBy: 'filter' });
  });
});

describe('webhook filter: refusals name the offending part', () => {
  const nest = (depth: number): unknown =>
    depth === 0 ? { field: 'type', eq: 'x' } : { not: nest(depth - 1) };

  it.each<[string, unknown, string, RegExp]>([
    ['not an object', 'data.status == 1', 'filter', /must be an object/],
    ['a list at the top', [], 'filter', /must be an object/],
    ['an unknown operator', { field: 'data.status', equals: 'x' }, 'filter.equals', /not an operator/],
    ['no operator', { field: 'data.status' }, 'filter', /needs one operator/],
    ['two operators', { field: 'data.status', eq: 'x', ne: 'y' }, 'filter', /has 2 operators/],
    ['a missing field', { eq: 'x' }, 'filter.field', /field path/],
    ['a field at an unknown root', { field: 'payload.status', eq: 1 }, 'filter.field', /must start at/],
    ['a field below subject', { field: 'subject.id', eq: 1 }, 'filter.field', /has no fields/],
    ['an empty segment', { field: 'data..status', eq: 1 }, 'filter.field', /segment 2/],
    ['a bad character in a segment', { field: 'data.st atus', eq: 1 }, 'filter.field', /segment 2/],
    [
      'too many segments',
      { field: `data.${Array(FILTER_LIMITS.pathSegments).fill('a').join('.')}`, eq: 1 },
      'filter.field',
      /at most 10 segments/,
    ],
    ['an object literal', { field: 'data.crew', eq: { lead: 'Ana' } }, 'filter.eq', /string, a number/],
    ['a boolean bound', { field: 'data.total', gt: true }, 'filter.gt', /number or a string/],
    ['in not a list', { field: 'data.status', in: 'open' }, 'filter.in', /must be a list/],
    ['in empty', { field: 'data.status', in: [] }, 'filter.in', /must be a list/],
    ['in with an object', { field: 'data.status', in: ['a', {}] }, 'filter.in[1]', /string, a number/],
    ['exists not boolean', { field: 'data.status', exists: 'yes' }, 'filter.exists', /true or false/],
    ['startsWith empty', { field: 'subject', startsWith: '' }, 'filter.startsWith', /non-empty/],
    [
      'a literal too long',
      { field: 'subject', eq: 'x'.repeat(FILTER_LIMITS.literalLength + 1) },
      'filter.eq',
      /at most 256/,
    ],
    ['and not a list', { and: { field: 'type', eq: 'x' } }, 'filter.and', /list of 1 to 20/],
    ['and empty', { and: [] }, 'filter.and', /list of 1 to 20/],
    [
      'a bad part deep inside',
      { and: [{ field: 'type', eq: 'x' }, { or: [{ not: { field: 'data.a', lt: null } }] }] },
      'filter.and[1].or[0].not.lt',
      /number or a string/,
    ],
    [
      'a key beside a combinator',
      { and: [{ field: 'type', eq: 'x' }], field: 'type' },
      'filter.field',
      /beside and/,
    ],
    [
      'too deep',
      nest(FILTER_LIMITS.maxDepth + 1),
      `filter${'.not'.repeat(FILTER_LIMITS.maxDepth)}`,
      /deeper than 5/,
    ],
    [
      'too many conditions',
      { or: Array.from({ length: 3 }, () => ({ and: Array(20).fill({ field: 'type', eq: 'x' }) })) },
      'filter.or[2].and[10]',
      /one condition too many/,
    ],
    [
      'too large',
      { or: Array(20).fill({ field: 'subject', in: Array(10).fill('x'.repeat(30)) }) },
      'filter',
      /at most 4096 characters/,
    ],
  ])('%s', (_, filter, path, message) => {
    const problem = findFilterProblem(filter);
    expect(problem).not.toBeNull();
    expect(problem?.path).toBe(path);
    expect(problem?.message).toMatch(message);
  });

  it('accepts the deepest and largest filters the limits allow', () => {
    expect(findFilterProblem(nest(FILTER_LIMITS.maxDepth))).toBeNull();
    expect(findFilterProblem({ or: [{ and: Array(20).fill({ field: 'type', eq: 'x' }) }] })).toBeNull();
  });

  it('names its root as the caller says', () => {
    expect(findFilterProblem({ field: 'x', eq: 1 }, 'body.filter')?.path).toBe('body.filter.field');
  });
});
