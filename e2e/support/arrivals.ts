import {
  eventually,
  type EventuallyOptions,
  type ReceivedRequest,
  type TestReceiver,
} from '@hookline/testing';

/**
 * The request that delivered `eventId` (its webhook-id) to the receiver, at `path` when given, once it
 * arrived; the first one if the event came more than once.
 */
export function arrivalOf(
  receiver: TestReceiver,
  eventId: string,
  { path, ...waiting }: EventuallyOptions & { path?: string } = {},
): Promise<ReceivedRequest> {
  return eventually(() => {
    const requests = path === undefined ? receiver.requests : receiver.requestsTo(path);
    const found = requests.find((request) => request.headers['webhook-id'] === eventId);
    expect(found).toBeDefined();
    return found!;
  }, waiting);
}
