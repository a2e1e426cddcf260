import {
  EVENT_CATALOG,
  EVENT_TYPES,
  JOB_CHANGEABLE_FIELDS,
  JOB_STATUSES,
  JobStatusChangedData,
  ProjectData,
  ProjectUpdatedData,
  RESOURCES,
  findEventType,
  getNullableFields,
  validateEventData,
  WebhookTestData,
} from './index';
import type { RetryPolicy } from '../retry-policy';
import { defineEventType } from './define-event-type';

type Json = Record<string, unknown>;

function exampleOf(type: string): Json {
  const definition = findEventType(type);
  if (definition === undefined) {
    throw new Error(`no event type ${type} in the catalog`);
  }
  return structuredClone(definition.example);
}

function objectAt(parent: unknown, key: string | number): Json {
  const value: unknown = Array.isArray(parent) ? parent[Number(key)] : (parent as Json)[key];
  if (typeof value !== 'object' || value === null) {
    throw new Error(`no object at ${String(key)}`);
  }
  return value as Json;
}

function errorsOf(type: string, data: unknown): string[] {
  const result = validateEventData(type, data);
  if (result.ok) {
    throw new Error(`expected ${type} data to be refused`);
  }
  return result.errors;
}

const EXPECTED_TYPES = [
  'job.created',
  'job.updated',
  'job.assigned',
  'job.image_created',
  'job.document_created',
  'job.status_changed',
  'estimate.created',
  'estimate.updated',
  'estimate.sent',
  'signed_document.signed',
  'signable_document.signed',
  'project.created',
  'project.updated',
  'project.deleted',
  'drawing.created',
  'drawing.updated',
  'floor.created',
  'floor.updated',
  'floor.published',
  'floor.deleted',
  'floor.archived',
  'floor.unarchived',
  'order.created',
  'order.rejected',
  'order.completed',
  'user.created',
  'customer.created',
  'account.updated',
  'report.submitted',
  'webhook.test',
  'webhook.disabled',
  'delivery.exhausted',
  'delivery.recovered',
];

describe('EVENT_CATALOG', () => {
  it('holds exactly the documented event types, each once', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...EXPECTED_TYPES].sort());
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });

  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition] as const))(
    '%s: name, resource and description are well formed',
    (type, definition) => {
      expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(definition.resource).toBe(type.split('.')[0]);
      expect(definition.description).toMatch(/^[A-Z`].{10,200}\.$/);
    },
  );

  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition] as const))(
    '%s: its example validates and survives validation unchanged',
    (type, definition) => {
      const result = validateEventData(type, definition.example);

      expect(result).toEqual({ ok: true, value: definition.example });
      if (result.ok) {
        expect(JSON.parse(JSON.stringify(result.value))).toEqual(definition.example);
      }
    },
  );

  it('lists the distinct resources in catalog order', () => {
    expect(RESOURCES).toEqual([
      'job',
      'estimate',
      'signed_document',
      'signable_document',
      'project',
      'drawing',
      'floor',
      'order',
      'user',
      'customer',
      'account',
      'report',
      'webhook',
      'delivery',
    ]);
  });

  it('gives drawing events a 24 h time-to-live because their file links expire', () => {
    const ttls = Object.fromEntries(
      EVENT_CATALOG.map((definition) => [definition.type, definition.defaultTtlSeconds]),
    );

    expect(ttls['drawing.created']).toBe(86400);
    expect(ttls['drawing.updated']).toBe(86400);
    expect(ttls['job.created']).toBeUndefined();
  });

  it('gives webhook.test no retries by default, and the other types no schedule of their own', () => {
    const withDefaults = EVENT_CATALOG.filter((definition) => definition.defaultRetryPolicy !== undefined);

    expect(withDefaults.map((definition) => [definition.type, definition.defaultRetryPolicy])).toEqual([
      ['webhook.test', { preset: 'none' }],
    ]);
  });

  it('refuses a default retry schedule outside the bounds of a custom one', () => {
    const entry = (defaultRetryPolicy: RetryPolicy) => () =>
      defineEventType({
        type: 'test.defined',
        resource: 'test',
        description: 'A type of this test.',
        dataClass: WebhookTestData,
        example: { webhookId: 'wh_1', message: 'hello' },
        defaultRetryPolicy,
      });

    expect(entry({ preset: 'custom', delaysSeconds: [60, 300] })).not.toThrow();
    expect(entry({ preset: 'short' })).not.toThrow();
    expect(entry({ preset: 'custom', delaysSeconds: [] })).toThrow(/test.defined: defaultRetryPolicy/);
    expect(entry({ preset: 'custom', delaysSeconds: [0] })).toThrow(/defaultRetryPolicy/);
    expect(entry({ preset: 'custom', delaysSeconds: [1.5] })).toThrow(/defaultRetryPolicy/);
    expect(entry({ preset: 'custom' })).toThrow(/defaultRetryPolicy/);
    expect(entry({ preset: 'none', delaysSeconds: [5] })).toThrow(/defaultRetryPolicy/);
  });

  it('marks the events Hookline emits itself as platform events', () => {
    const platformTypes = EVENT_CATALOG.filter((definition) => definition.origin === 'platform').map(
      (definition) => definition.type,
    );

    expect(platformTypes).toEqual([
      'webhook.test',
      'webhook.disabled',
      'delivery.exhausted',
      'delivery.recovered',
    ]);
    expect(findEventType('job.created')?.origin).toBe('product');
  });

  it('cannot be changed through an example', () => {
    const example = findEventType('project.created')?.example;

    expect(() => {
      Object.assign(objectAt(example, 'customer'), { phone: 'changed' });
    }).toThrow(TypeError);
  });
});

describe(findEventType.name, () => {
  it('finds a definition by its type', () => {
    expect(findEventType('job.status_changed')?.dataClass).toBe(JobStatusChangedData);
  });

  it.each(['job', 'job.deleted', 'JOB.CREATED', 'constructor', '__proto__', ''])(
    'finds nothing for %j',
    (type) => {
      expect(findEventType(type)).toBeUndefined();
    },
  );
});

describe(getNullableFields.name, () => {
  it('lists the nullable fields of a data class, inherited ones included', () => {
    expect([...getNullableFields(ProjectData)].sort()).toEqual([
      'customer',
      'job_number',
      'sales_rep',
      'work_site_address',
    ]);
    expect([...getNullableFields(ProjectUpdatedData)].sort()).toEqual([
      'customer',
      'job_number',
      'sales_rep',
      'work_site_address',
    ]);
  });
});

describe(validateEventData.name, () => {
  it('refuses an unknown event type', () => {
    expect(validateEventData('job.exploded', {})).toEqual({
      ok: false,
      errors: ['unknown event type "job.exploded"'],
    });
  });

  it.each([null, undefined, 'job_8f2c1', 42, true, [], [{ id: 'job_8f2c1' }]])(
    'refuses data %j that is not an object',
    (data) => {
      expect(validateEventData('job.created', data)).toEqual({
        ok: false,
        errors: ['data must be an object'],
      });
    },
  );

  it('returns the data as given, not a copy (no caller needs the DTO instance)', () => {
    const data = exampleOf('project.created');
    const result = validateEventData('project.created', data);

    expect(result).toEqual({ ok: true, value: data });
    expect(result.ok && result.value).toBe(data);
  });

  it('does not change the data it is given', () => {
    const data = exampleOf('job.status_changed');
    const copy = structuredClone(data);

    validateEventData('job.status_changed', data);

    expect(data).toEqual(copy);
  });

  describe('a missing required field', () => {
    it.each([
      ['job.created', 'status'],
      ['estimate.sent', 'recipients'],
      ['drawing.created', 'pdf_url'],
      ['drawing.updated', 'file_name'],
      ['floor.published', 'isPublished'],
      ['delivery.exhausted', 'attempts'],
      ['webhook.test', 'webhookId'],
    ])('%s without %s', (type, field) => {
      const data = exampleOf(type);
      delete data[field];

      expect(errorsOf(type, data)).toEqual([`data.${field} is required`]);
    });

    it('is required even when the field is nullable', () => {
      const data = exampleOf('project.created');
      delete data.job_number;

      expect(errorsOf('project.created', data)).toEqual(['data.job_number is required']);
    });

    it('is reported at its nested path', () => {
      const data = exampleOf('estimate.created');
      delete objectAt(objectAt(data, 'lineItems'), 0).unitPrice;

      expect(errorsOf('estimate.created', data)).toEqual(['data.lineItems[0].unitPrice is required']);
    });
  });

  describe('null', () => {
    it('is accepted where the field is nullable', () => {
      const data = { ...exampleOf('project.created'), job_number: null, customer: null, sales_rep: null };

      expect(validateEventData('project.created', data).ok).toBe(true);
    });

    it('is refused where the field is not nullable', () => {
      const data = { ...exampleOf('project.created'), name: null };

      expect(errorsOf('project.created', data)).toEqual(['data.name must not be null']);
    });
  });

  describe('a field of the wrong type', () => {
    it('names the field, once', () => {
      const data = { ...exampleOf('project.created'), name: 42 };

      expect(errorsOf('project.created', data)).toEqual(['data.name must be a string']);
    });

    it.each([
      ['delivery.exhausted', 'attempts', '3', 'data.attempts must be an integer number'],
      ['floor.archived', 'isArchived', 'true', 'data.isArchived must be a boolean value'],
      [
        'report.submitted',
        'totalFloorAreaSquareFeet',
        '412.6',
        'data.totalFloorAreaSquareFeet must be a number conforming to the specified constraints',
      ],
      ['estimate.created', 'lineItems', {}, 'data.lineItems must be an array'],
      ['project.created', 'customer', 'Jack', 'data.customer must be an object'],
      ['project.created', 'customer', ['Jack'], 'data.customer must be an object'],
    ])('%s with %s = %j', (type, field, value, message) => {
      const data = { ...exampleOf(type), [field]: value };

      expect(errorsOf(type, data)).toContain(message);
    });

    it('names the full path of a nested field', () => {
      const data = exampleOf('project.created');
      objectAt(data, 'customer').phone = 1441;

      expect(errorsOf('project.created', data)).toEqual(['data.customer.phone must be a string']);
    });

    it('names the full path of a field two levels deep', () => {
      const data = exampleOf('job.status_changed');
      objectAt(objectAt(data, 'job'), 'customer').phone = 5125550143;

      expect(errorsOf('job.status_changed', data)).toEqual(['data.job.customer.phone must be a string']);
    });

    it('names the index of an element of a list', () => {
      const data = exampleOf('estimate.created');
      objectAt(objectAt(data, 'lineItems'), 1).quantity = -1;

      expect(errorsOf('estimate.created', data)).toEqual([
        'data.lineItems[1].quantity must not be less than 0',
      ]);
    });

    it('names a list element that is not an object', () => {
      const data = { ...exampleOf('report.submitted'), rooms: ['Kitchen'] };

      expect(errorsOf('report.submitted', data)).toEqual(['data.rooms[0] must be an object']);
    });
  });

  describe('a field with a value out of its domain', () => {
    it.each<[string, string, Json, string]>([
      [
        'lists the allowed statuses',
        'job.created',
        { status: 'done' },
        `data.status must be one of the following values: ${JOB_STATUSES.join(', ')}`,
      ],
      ['refuses an empty string', 'job.created', { name: '' }, 'data.name should not be empty'],
      [
        'refuses a string over its maximum length',
        'job.created',
        { number: 'J-'.padEnd(41, '9') },
        'data.number must be shorter than or equal to 40 characters',
      ],
      [
        'refuses a link that is not https',
        'drawing.created',
        { pdf_url: 'http://exports.fielddraw.example.com/drw_5e3b7.pdf' },
        'data.pdf_url must be an https URL',
      ],
      [
        'refuses a timestamp without a UTC offset',
        'project.created',
        { created_at: '2022-01-16T04:19:23' },
        'data.created_at must be a date-time with a UTC offset, e.g. 2026-11-22T10:00:00.000Z',
      ],
      [
        'refuses an impossible date',
        'project.created',
        { created_at: '2026-02-30T10:00:00Z' },
        'data.created_at must be a valid ISO 8601 date string',
      ],
      [
        'refuses an id that is not a UUID where the product uses UUIDs',
        'floor.deleted',
        { id: 'floor_1' },
        'data.id must be a UUID',
      ],
      [
        'refuses an unknown name in changedFields',
        'job.updated',
        { changedFields: ['name', 'colour'] },
        `each value in data.changedFields must be one of the following values: ${JOB_CHANGEABLE_FIELDS.join(', ')}`,
      ],
      [
        'refuses an HTTP status out of range',
        'delivery.exhausted',
        { lastResponseStatus: 99 },
        'data.lastResponseStatus must not be less than 100',
      ],
      [
        'refuses an event type that is not a catalog name',
        'delivery.exhausted',
        { eventType: 'Job Created' },
        'data.eventType must be an event type such as job.created',
      ],
    ])('%s (%s)', (_case, type, change, message) => {
      const data = { ...exampleOf(type), ...change };

      expect(errorsOf(type, data)).toEqual([message]);
    });
  });

  describe('an unknown field', () => {
    it('is refused at the top level', () => {
      const data = { ...exampleOf('job.created'), unknownField: 'x' };

      expect(errorsOf('job.created', data)).toEqual(['data.unknownField is not allowed']);
    });

    it('is refused in a nested object', () => {
      const data = exampleOf('job.created');
      objectAt(data, 'customer').nickname = 'Mia';

      expect(errorsOf('job.created', data)).toEqual(['data.customer.nickname is not allowed']);
    });

    it('is refused in an element of a list', () => {
      const data = exampleOf('signed_document.signed');
      objectAt(objectAt(data, 'signers'), 1).ipAddress = '203.0.113.7';

      expect(errorsOf('signed_document.signed', data)).toEqual(['data.signers[1].ipAddress is not allowed']);
    });
  });

  it('reports every broken field of one payload', () => {
    const data = exampleOf('job.created');
    delete data.status;
    data.unknownField = true;
    objectAt(data, 'customer').phone = 1441;

    const errors = errorsOf('job.created', data);

    expect(errors).toHaveLength(3);
    expect(errors).toContain('data.status is required');
    expect(errors).toContain('data.unknownField is not allowed');
    expect(errors).toContain('data.customer.phone must be a string');
  });

  it('holds platform events to the same contract', () => {
    expect(errorsOf('webhook.test', { webhookId: 'wh_2x7k9q', message: 'ping', extra: 1 })).toEqual([
      'data.extra is not allowed',
    ]);
  });
});
