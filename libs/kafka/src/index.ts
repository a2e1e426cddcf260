export * from './batch-consumer';
export * from './codec';
export * from './compacted-topic-reader';
export * from './dlq';
export * from './kafka-client';
export * from './output-sink';
export * from './publisher';
