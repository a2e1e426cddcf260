import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum PortalSessionErrorCode {
  Disabled = 'PORTAL_SESSIONS_DISABLED',
  OrganizationNotFound = 'ORGANIZATION_NOT_FOUND',
  NotFromSession = 'PORTAL_SESSION_CANNOT_OPEN_SESSION',
  ScopeMissing = 'PORTAL_SESSION_SCOPE_MISSING',
}

const STATUS: Record<PortalSessionErrorCode, HttpStatus> = {
  [PortalSessionErrorCode.Disabled]: HttpStatus.SERVICE_UNAVAILABLE,
  [PortalSessionErrorCode.OrganizationNotFound]: HttpStatus.NOT_FOUND,
  [PortalSessionErrorCode.NotFromSession]: HttpStatus.FORBIDDEN,
  [PortalSessionErrorCode.ScopeMissing]: HttpStatus.FORBIDDEN,
};

export class PortalSessionException extends codedHttpException(STATUS) {
  static disabled(): PortalSessionException {
    return new PortalSessionException(
      PortalSessionErrorCode.Disabled,
      'portal sessions are off: set PORTAL_SESSION_SECRET on subscription-service and audit-projection-service',
    );
  }

  static organizationNotFound(organizationId: string): PortalSessionException {
    return new PortalSessionException(
      PortalSessionErrorCode.OrganizationNotFound,
      `organization ${organizationId} not found`,
    );
  }

  static notFromSession(): PortalSessionException {
    return new PortalSessionException(
      PortalSessionErrorCode.NotFromSession,
      'a portal session cannot open another one; ask with an API key or the admin token',
    );
  }

  static scopeMissing(): PortalSessionException {
    return new PortalSessionException(
      PortalSessionErrorCode.ScopeMissing,
      'this API key needs the scope webhooks:read to open a portal session',
    );
  }
}
