import { undocumentedVariables } from '@hookline/testing';
import { DeliveryEnv } from './delivery.env';

describe('the configuration reference for DeliveryEnv', () => {
  it('documents every variable in docs/configuration.md and lists it in .env.example', () => {
    expect(undocumentedVariables(DeliveryEnv)).toEqual({ notInReference: [], notInExample: [] });
  });
});
