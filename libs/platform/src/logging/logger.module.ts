import { RequestMethod, type DynamicModule } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { LoggerModule } from 'nestjs-pino';

/**
 * Probe and scrape routes get no request logger. The request logger keeps its context in an
 * AsyncLocalStorage, which on Node 20 turns on async hooks for every promise of the process from its
 * first request on: a consumer service (delivery, audit) whose only HTTP traffic is probes would pay
 * that on every message it handles.
 */
export const UNLOGGED_ROUTES = [
  { path: 'health/*path', method: RequestMethod.ALL },
  { path: 'metrics', method: RequestMethod.ALL },
];

/**
 * Structured JSON logs; credentials never reach them. `hotRoutes` also go without a request logger:
 * routes whose every call is counted by the service's metrics and answered with its reason, where the
 * per-request context and the async hooks it switches on would cost more than they tell
 * (ingest's publish routes, which carry the platform's whole load).
 */
export function createLoggerModule(
  service: string,
  level: string,
  hotRoutes: readonly RouteInfo[] = [],
): DynamicModule {
  return LoggerModule.forRoot({
    exclude: [...UNLOGGED_ROUTES, ...hotRoutes],
    pinoHttp: {
      name: service,
      level,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
