import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export class ApiKeyException extends codedHttpException({
  ORGANIZATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  API_KEY_NOT_FOUND: HttpStatus.NOT_FOUND,
}) {
  static organizationNotFound(organizationId: string): ApiKeyException {
    return new ApiKeyException('ORGANIZATION_NOT_FOUND', `organization ${organizationId} not found`);
  }

  static apiKeyNotFound(keyId: string): ApiKeyException {
    return new ApiKeyException('API_KEY_NOT_FOUND', `API key ${keyId} not found`);
  }
}

export type ApiKeyErrorCode = ApiKeyException['code'];
