// Valid examples of the messages, for tests and benchmarks; the services import none of it.
export * from './message-examples';
