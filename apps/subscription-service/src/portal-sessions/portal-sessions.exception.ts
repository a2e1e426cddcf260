import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export class PortalSessionException extends codedHttpException({
  PORTAL_SESSIONS_DISABLED: HttpStatus.SERVICE_UNAVAILABLE,
  ORGANIZATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  PORTAL_SESSION_CANNOT_OPEN_SESSION: HttpStatus.FORBIDDEN,
  PORTAL_SESSION_SCOPE_MISSING: HttpStatus.FORBIDDEN,
}) {
  static disabled(): PortalSessionException {
    return new PortalSessionException(
      'PORTAL_SESSIONS_DISABLED',
      'portal sessions are off: set PORTAL_SESSION_SECRET on subscription-service and audit-projection-service',
    );
  }

  static organizationNotFound(organizationId: string): PortalSessionException {
    return new PortalSessionException('ORGANIZATION_NOT_FOUND', `organization ${organizationId} not found`);
  }

  static notFromSession(): PortalSessionException {
    return new PortalSessionException(
      'PORTAL_SESSION_CANNOT_OPEN_SESSION',
      'a portal session cannot open another one; ask with an API key or the admin token',
    );
  }

  static scopeMissing(): PortalSessionException {
    return new PortalSessionException(
      'PORTAL_SESSION_SCOPE_MISSING',
      'this API key needs the scope webhooks:read to open a portal session',
    );
  }
}

export type PortalSessionErrorCode = PortalSessionException['code'];
