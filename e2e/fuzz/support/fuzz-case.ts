import fc from 'fast-check';
import { HOSTILE_STRINGS } from './hostile-values';
import type { Operation, Parameter, ServiceDocument } from './openapi-operations';
import { arbitraryFor } from './schema-arbitrary';

export type Credential = 'key' | 'admin' | 'none' | 'bad' | 'other';

/** Which value a path parameter gets: one the caller owns, another tenant's, or made up. */
export type PathChoice = { kind: 'own' | 'foreign'; index: number } | { kind: 'text'; text: string };

export type FuzzBody = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | null;

export interface FuzzCase {
  operation: Operation;
  credential: Credential;
  path: Record<string, PathChoice>;
  /** Omitted parameters are left out; arrays are sent as repeated parameters. */
  query: Record<string, unknown>;
  body: FuzzBody;
}

const RAW_BODIES = ['', '{', 'null', '[]', '"text"', '{"a":1}{', `${'['.repeat(5_000)}${']'.repeat(5_000)}`];

function pathChoice(): fc.Arbitrary<PathChoice> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('own' as const), index: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('foreign' as const), index: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        text: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 30 })),
      }),
    },
  );
}

function queryFor(parameters: Parameter[], document: ServiceDocument): fc.Arbitrary<Record<string, unknown>> {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  return fc.record(
    Object.fromEntries(
      query.map((parameter) => [
        parameter.name,
        fc.option(arbitraryFor(parameter.schema, document), { freq: 2, nil: undefined }),
      ]),
    ),
  );
}

function bodyFor(
  operation: Operation,
  document: ServiceDocument,
  override: fc.Arbitrary<unknown> | undefined,
): fc.Arbitrary<FuzzBody> {
  const raw = fc.constantFrom(...RAW_BODIES).map((text): FuzzBody => ({ kind: 'raw', text }));
  if (operation.body === null) {
    // fetch cannot send a GET with a body; other methods without one get a stray body now and then.
    return operation.method === 'GET'
      ? fc.constant(null)
      : fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: raw });
  }
  const generated = arbitraryFor(operation.body, document);
  const value = override === undefined ? generated : fc.oneof(generated, override, override);
  return fc.oneof(
    { weight: 12, arbitrary: value.map((json): FuzzBody => ({ kind: 'json', value: json })) },
    { weight: 1, arbitrary: raw },
  );
}

/**
 * A request to one operation of the document: its parameters and body from the schemas, a credential
 * that is mostly right, and `bodyOverrides` (by `METHOD path`) for bodies a schema describes too loosely.
 */
export function fuzzCaseArbitrary(
  document: ServiceDocument,
  bodyOverrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<FuzzCase> {
  // Built once per operation (not per case); probes take no input worth generating, the API routes get the cases.
  return fc.oneof(
    ...document.operations.map((operation) => ({
      weight: operation.path.startsWith('/health') ? 1 : 10,
      arbitrary: fc.record({
        operation: fc.constant(operation),
        credential: fc.oneof(
          { weight: 16, arbitrary: fc.constant<Credential>('key') },
          { weight: 1, arbitrary: fc.constantFrom<Credential>('admin', 'none', 'bad', 'other') },
        ),
        path: fc.record(
          Object.fromEntries(
            operation.parameters
              .filter((parameter) => parameter.in === 'path')
              .map((parameter) => [parameter.name, pathChoice()]),
          ),
        ),
        query: queryFor(operation.parameters, document),
        body: bodyFor(operation, document, bodyOverrides[`${operation.method} ${operation.path}`]),
      }),
    })),
  );
}
