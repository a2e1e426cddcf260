import type { DeliveryCommand } from '@hookline/contracts';
import { jobCreatedEvent } from '../../test/fixtures';
import { consumedMessage } from '../../test/kafka-helpers';
import { parseDeliveryCommand } from './parse-delivery-command';

const asMessage = (value: unknown) => consumedMessage(value, { key: 'wh_1' });

describe('parseDeliveryCommand', () => {
  const command: DeliveryCommand = {
    kind: 'redeliver',
    commandId: 'cmd_1',
    deliveryId: 'dlv_1',
    webhookId: 'wh_1',
    organizationId: 'org_test',
    event: jobCreatedEvent(),
    attempt: 4,
    requestedAt: '2026-11-22T10:00:00.000Z',
  };

  it('accepts a valid command', () => {
    expect(parseDeliveryCommand(asMessage(JSON.parse(JSON.stringify(command))))).toEqual({
      ok: true,
      command,
    });
  });

  it('names every problem', () => {
    const result = parseDeliveryCommand(
      asMessage({ ...command, kind: 'recover', attempt: 0, organizationId: 'org_other' }),
    );
    expect(result).toEqual({
      ok: false,
      reason:
        'invalid delivery command: kind must be redeliver; attempt must be an integer ≥ 1; event.organizationId must equal organizationId',
    });
    expect(parseDeliveryCommand(asMessage('nope')).ok).toBe(false);
    expect(
      parseDeliveryCommand(asMessage({ ...command, event: { ...command.event, type: 'job.exploded' } })),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('job.exploded'),
    });
  });
});
