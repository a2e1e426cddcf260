import type { NextFunction, Request, Response } from 'express';
import type { FastifyInstance } from './fastify-instance';

/**
 * Headers on every answer: no MIME sniffing, no framing, no referrer, and `no-store`, since answers
 * carry tenant data and some carry secrets (signing secrets, new API keys), which no cache may keep.
 * HSTS only where the request came over TLS (directly, or per a trusted proxy's X-Forwarded-Proto).
 */
export function securityHeaderList(hstsMaxAgeSeconds: number): {
  always: Array<[string, string]>;
  overTls: Array<[string, string]>;
} {
  return {
    always: [
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Frame-Options', 'DENY'],
      ['Referrer-Policy', 'no-referrer'],
      ['Cache-Control', 'no-store'],
    ],
    overTls:
      hstsMaxAgeSeconds > 0
        ? [['Strict-Transport-Security', `max-age=${hstsMaxAgeSeconds}; includeSubDomains`]]
        : [],
  };
}

/** The security headers as Express middleware. */
export function securityHeaders(hstsMaxAgeSeconds: number) {
  const { always, overTls } = securityHeaderList(hstsMaxAgeSeconds);
  return (req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of always) {
      res.setHeader(name, value);
    }
    if (req.secure) {
      for (const [name, value] of overTls) {
        res.setHeader(name, value);
      }
    }
    next();
  };
}

/** The security headers as a Fastify hook, on every answer of `instance`. */
export function addSecurityHeaderHooks(instance: FastifyInstance, hstsMaxAgeSeconds: number): void {
  const { always, overTls } = securityHeaderList(hstsMaxAgeSeconds);
  const headers = Object.fromEntries(always);
  const tlsHeaders = Object.fromEntries([...always, ...overTls]);
  instance.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.protocol === 'https' ? tlsHeaders : headers);
    done();
  });
}
