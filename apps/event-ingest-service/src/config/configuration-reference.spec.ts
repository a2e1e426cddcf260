import { undocumentedVariables } from '@hookline/testing';
import { IngestEnv } from './ingest.env';

describe('the configuration reference for IngestEnv', () => {
  it('documents every variable in docs/configuration.md and lists it in .env.example', () => {
    expect(undocumentedVariables(IngestEnv)).toEqual({ notInReference: [], notInExample: [] });
  });
});
