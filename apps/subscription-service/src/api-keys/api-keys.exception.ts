import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum ApiKeyErrorCode {
  OrganizationNotFound = 'ORGANIZATION_NOT_FOUND',
  ApiKeyNotFound = 'API_KEY_NOT_FOUND',
}

const STATUS: Record<ApiKeyErrorCode, HttpStatus> = {
  [ApiKeyErrorCode.OrganizationNotFound]: HttpStatus.NOT_FOUND,
  [ApiKeyErrorCode.ApiKeyNotFound]: HttpStatus.NOT_FOUND,
};

export class ApiKeyException extends codedHttpException(STATUS) {
  static organizationNotFound(organizationId: string): ApiKeyException {
    return new ApiKeyException(
      ApiKeyErrorCode.OrganizationNotFound,
      `organization ${organizationId} not found`,
    );
  }

  static apiKeyNotFound(keyId: string): ApiKeyException {
    return new ApiKeyException(ApiKeyErrorCode.ApiKeyNotFound, `API key ${keyId} not found`);
  }
}
