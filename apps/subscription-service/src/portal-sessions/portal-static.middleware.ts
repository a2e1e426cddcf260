import { existsSync } from 'node:fs';
import path from 'node:path';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SubscriptionEnv } from '../config/subscription.env';
import { parseOriginList, portalSecurityHeaders } from './portal-security-headers';

/** What the built portal reads at start: where the audit API is, as the browser reaches it. */
export interface PortalRuntimeConfig {
  auditUrl: string;
}

const PORTAL_PATH = /^\/portal(\/.*)?$/;

/**
 * Serves the built portal under `/portal/`: hashed assets cached for good, `index.html` never, and
 * every response with the portal's CSP. Plain middleware, so the API's auth guard is not in the way.
 */
@Injectable()
export class PortalStaticMiddleware implements NestMiddleware {
  private readonly root: string;
  private readonly headers: Record<string, string>;
  private readonly runtimeConfig: PortalRuntimeConfig;

  constructor(config: SubscriptionEnv) {
    this.root = path.resolve(config.PORTAL_DIST_DIR);
    this.headers = portalSecurityHeaders(
      parseOriginList(config.PORTAL_FRAME_ANCESTORS),
      config.PORTAL_AUDIT_URL,
    );
    this.runtimeConfig = { auditUrl: config.PORTAL_AUDIT_URL.replace(/\/+$/, '') };
  }

  use(req: Request, res: Response, next: NextFunction): void {
    // originalUrl: where Nest mounts middleware, Express may have cut the prefix off `path`.
    const match = PORTAL_PATH.exec(new URL(req.originalUrl, 'http://portal.invalid').pathname);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return next();
    }
    const file = match[1] ?? '';
    if (file === '') {
      return res.redirect(301, 'portal/');
    }
    res.set(this.headers);
    // Its own frame-ancestors decides who may embed the portal, not the platform's blanket DENY.
    if (!('x-frame-options' in this.headers)) {
      res.removeHeader('X-Frame-Options');
    }
    if (file === '/config.json') {
      res.set('cache-control', 'no-store').json(this.runtimeConfig);
      return;
    }
    if (!existsSync(path.join(this.root, 'index.html'))) {
      res.status(404).json({
        statusCode: 404,
        error: 'Not Found',
        message: 'the portal is not built: run npm run build:portal (or set PORTAL_DIST_DIR)',
      });
      return;
    }
    if (file.startsWith('/assets/')) {
      res.sendFile(
        file.slice(1),
        { root: this.root, dotfiles: 'deny', immutable: true, maxAge: '365d' },
        (error) => {
          if (error && !res.headersSent) {
            res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'no such asset' });
          }
        },
      );
      return;
    }
    // Screens are addressed in the fragment, so every other path is the app itself.
    res.set('cache-control', 'no-cache');
    res.sendFile('index.html', { root: this.root });
  }
}
