import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { FastifyInstance } from './fastify-instance';
import type { ApiErrorBody } from './api-exception.filter';
import type { HttpProtection } from './http-protection';
import { TokenBucketLimiter, type TakeResult } from './token-bucket-limiter';

// Probes and scrapes come from the platform, often all from one address; they must never be refused.
const UNLIMITED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** A refused request: its Retry-After seconds and the body of its 429. */
export interface RateLimitRefusal {
  retryAfterSeconds: number;
  body: ApiErrorBody;
}

/** What the limiter needs of a request, whichever HTTP framework carries it. */
export interface RateLimitedRequest {
  path: string;
  ip: string;
  authorization: string | undefined;
}

/**
 * Three limits, checked before authentication so refused requests cost almost nothing: per client
 * address, per presented credential (its hash, so a flood of random keys cannot grow memory), and
 * per address for 401 answers, which locks out key guessing for a while. 429 with Retry-After.
 */
export class RequestRateLimiter {
  private readonly perIp: TokenBucketLimiter;
  private readonly perKey: TokenBucketLimiter;
  private readonly authFailures: TokenBucketLimiter;

  constructor(options: HttpProtection['rateLimit']) {
    this.perIp = new TokenBucketLimiter({
      capacity: options.perIpPerSecond,
      refillPerSecond: options.perIpPerSecond,
    });
    this.perKey = new TokenBucketLimiter({
      capacity: options.perKeyPerSecond,
      refillPerSecond: options.perKeyPerSecond,
    });
    this.authFailures = new TokenBucketLimiter({
      capacity: options.authFailuresPerIpPerMinute,
      refillPerSecond: options.authFailuresPerIpPerMinute / 60,
    });
  }

  /** Whether the request may go on: null, or why not. `isLimited` says whether its answer counts. */
  check(request: RateLimitedRequest): RateLimitRefusal | null {
    const now = Date.now();
    const lockedOut = this.authFailures.peek(request.ip, now);
    if (!lockedOut.ok) {
      return refusal(lockedOut, 'too many requests with unknown credentials from your address');
    }
    const byIp = this.perIp.take(request.ip, now);
    if (!byIp.ok) {
      return refusal(byIp, 'too many requests from your address');
    }
    if (request.authorization !== undefined) {
      const byKey = this.perKey.take(
        createHash('sha256').update(request.authorization).digest('base64'),
        now,
      );
      if (!byKey.ok) {
        return refusal(byKey, 'too many requests with this API key');
      }
    }
    return null;
  }

  /** A limited request was answered: a 401 counts against its address. */
  answered(ip: string, statusCode: number): void {
    if (statusCode === 401) {
      this.authFailures.take(ip, Date.now());
    }
  }

  isLimited(path: string): boolean {
    return !UNLIMITED_PATHS.test(path);
  }
}

function refusal(result: Extract<TakeResult, { ok: false }>, reason: string): RateLimitRefusal {
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  return {
    retryAfterSeconds: seconds,
    body: { statusCode: 429, error: 'Too Many Requests', message: `${reason}; retry after ${seconds} s` },
  };
}

/** The limiter as Express middleware. */
export function rateLimit(options: HttpProtection['rateLimit']) {
  const limiter = new RequestRateLimiter(options);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!limiter.isLimited(req.path)) {
      return next();
    }
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const refused = limiter.check({ path: req.path, ip, authorization: req.headers.authorization });
    if (refused) {
      res.setHeader('Retry-After', String(refused.retryAfterSeconds));
      res.status(429).json(refused.body);
      return;
    }
    res.once('finish', () => limiter.answered(ip, res.statusCode));
    next();
  };
}

/** The limiter as Fastify hooks, on every route of `instance`. */
export function addRateLimitHooks(instance: FastifyInstance, options: HttpProtection['rateLimit']): void {
  const limiter = new RequestRateLimiter(options);
  instance.addHook('onRequest', (request, reply, done) => {
    if (!limiter.isLimited(request.url)) {
      return done();
    }
    const refused = limiter.check({
      path: request.url,
      ip: request.ip,
      authorization: request.headers.authorization,
    });
    if (refused) {
      void reply.code(429).header('Retry-After', String(refused.retryAfterSeconds)).send(refused.body);
      return;
    }
    reply.raw.once('finish', () => limiter.answered(request.ip, reply.raw.statusCode));
    done();
  });
}
