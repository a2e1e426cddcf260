/**
 * Runs work for one key strictly one after another, in call order, while different keys run
 * concurrently. It outlives a batch, so a consumer whose batches do not wait for their work (see
 * TrackedConsumer) can still keep the messages of one key in order: delivery-service uses it so the
 * events of one subject reach one webhook in order.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  get activeKeys(): number {
    return this.tails.size;
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });
    return result;
  }
}
