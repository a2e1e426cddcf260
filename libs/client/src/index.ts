export * from './hookline-api.error';
export * from './hookline-client';
export * from './paginate';
export * from './unwrap';
export * from './verify-webhook';
export type {
  components as SubscriptionComponents,
  paths as SubscriptionPaths,
} from './generated/subscription-service';
export type { components as IngestComponents, paths as IngestPaths } from './generated/event-ingest-service';
export type {
  components as AuditComponents,
  paths as AuditPaths,
} from './generated/audit-projection-service';
