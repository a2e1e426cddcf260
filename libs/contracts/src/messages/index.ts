export * from './compile-validator';
export * from './message-schemas';
export * from './schema-parts';
export * from './validators';
