import { DLQ_REQUEST_BUDGET_BYTES, inRequests } from './dlq';

describe(inRequests.name, () => {
  const message = (bytes: number) => ({ key: 'k', value: Buffer.alloc(bytes), headers: { reason: 'r' } });

  it('cuts the messages, in order, into requests within the budget', () => {
    const messages = Array.from({ length: 10 }, () => message(200 * 1024));
    const requests = inRequests(messages);
    expect(requests.map((request) => request.length)).toEqual([2, 2, 2, 2, 2]);
    expect(requests.flat()).toEqual(messages);
  });

  it('sends a message larger than the budget alone', () => {
    const requests = inRequests([message(10), message(DLQ_REQUEST_BUDGET_BYTES + 1), message(10)]);
    expect(requests.map((request) => request.length)).toEqual([1, 1, 1]);
  });

  it('makes no request for no messages', () => {
    expect(inRequests([])).toEqual([]);
  });
});
