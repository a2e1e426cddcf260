import { undocumentedVariables } from '@hookline/testing';
import { SubscriptionEnv } from './subscription.env';

describe('the configuration reference for SubscriptionEnv', () => {
  it('documents every variable in docs/configuration.md and lists it in .env.example', () => {
    expect(undocumentedVariables(SubscriptionEnv)).toEqual({ notInReference: [], notInExample: [] });
  });
});
