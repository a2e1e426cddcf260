import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from './api-exception.filter';
import type { HttpProtection } from './http-protection';
import { TokenBucketLimiter, type TakeResult } from './token-bucket-limiter';

// Probes and scrapes come from the platform, often all from one address; they must never be refused.
const UNLIMITED_PATHS = /^\/(health|metrics)(\/|$)/;

/**
 * Three limits, checked before authentication so refused requests cost almost nothing: per client
 * address, per presented credential (its hash, so a flood of random keys cannot grow memory), and
 * per address for 401 answers, which locks out key guessing for a while. 429 with Retry-After.
 */
export function rateLimit(options: HttpProtection['rateLimit']) {
  const perIp = new TokenBucketLimiter({
    capacity: options.perIpPerSecond,
    refillPerSecond: options.perIpPerSecond,
  });
  const perKey = new TokenBucketLimiter({
    capacity: options.perKeyPerSecond,
    refillPerSecond: options.perKeyPerSecond,
  });
  const authFailures = new TokenBucketLimiter({
    capacity: options.authFailuresPerIpPerMinute,
    refillPerSecond: options.authFailuresPerIpPerMinute / 60,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNLIMITED_PATHS.test(req.path)) {
      return next();
    }
    const now = Date.now();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const lockedOut = authFailures.peek(ip, now);
    if (!lockedOut.ok) {
      return refuse(res, lockedOut, 'too many requests with unknown credentials from your address');
    }
    const byIp = perIp.take(ip, now);
    if (!byIp.ok) {
      return refuse(res, byIp, 'too many requests from your address');
    }
    const credential = req.headers.authorization;
    if (credential !== undefined) {
      const byKey = perKey.take(createHash('sha256').update(credential).digest('base64'), now);
      if (!byKey.ok) {
        return refuse(res, byKey, 'too many requests with this API key');
      }
    }
    res.once('finish', () => {
      if (res.statusCode === 401) {
        authFailures.take(ip, Date.now());
      }
    });
    next();
  };
}

function refuse(res: Response, result: Extract<TakeResult, { ok: false }>, reason: string): void {
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  res.setHeader('Retry-After', String(seconds));
  res.status(429).json({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `${reason}; retry after ${seconds} s`,
  } satisfies ApiErrorBody);
}
