import { undocumentedVariables } from '@hookline/testing';
import { AuditEnv } from './audit.env';

describe('the configuration reference for AuditEnv', () => {
  it('documents every variable in docs/configuration.md and lists it in .env.example', () => {
    expect(undocumentedVariables(AuditEnv)).toEqual({ notInReference: [], notInExample: [] });
  });
});
