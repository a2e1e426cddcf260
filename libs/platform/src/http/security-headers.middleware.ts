import type { NextFunction, Request, Response } from 'express';

/**
 * Headers on every answer: no MIME sniffing, no framing, no referrer, and `no-store`, since answers
 * carry tenant data and some carry secrets (signing secrets, new API keys), which no cache may keep.
 * HSTS only where the request came over TLS (directly, or per a trusted proxy's X-Forwarded-Proto).
 */
export function securityHeaders(hstsMaxAgeSeconds: number) {
  const hsts = `max-age=${hstsMaxAgeSeconds}; includeSubDomains`;
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (hstsMaxAgeSeconds > 0 && req.secure) {
      res.setHeader('Strict-Transport-Security', hsts);
    }
    next();
  };
}
