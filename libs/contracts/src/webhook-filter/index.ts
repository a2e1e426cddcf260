export * from './match-webhook-filter';
export * from './webhook-filter';
