/** One produce request a held publisher has not answered yet. */
export interface HeldRequest<Batch> {
  batches: Batch[];
  succeed: () => void;
  fail: (error: Error) => void;
}

/** A publisher whose produce requests stay in flight until the test settles them, in order. */
export function heldPublisher<Batch>() {
  const requests: Array<HeldRequest<Batch>> = [];
  const publisher = {
    sendMany: (batches: Batch[]) =>
      new Promise<void>((resolve, reject) => {
        requests.push({ batches, succeed: resolve, fail: reject });
      }),
  };
  return { publisher, requests };
}
