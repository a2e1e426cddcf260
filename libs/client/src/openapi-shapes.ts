// The helper types of the generated types (./generated): openapi-typescript's shapes of operations, paths
// and responses, with each operation saying only what is its own.
export type Empty = Record<string, never>;
type Flatten<T> = { [K in keyof T]: T[K] };
/** `Base` with the members of `T` in place of its own. */
type Override<Base, T> = Flatten<Omit<Base, keyof T> & T>;
type Never<Keys extends string> = { [K in Keys]?: never };
/** A schema that has every member of `Base` and those of `T`. */
export type Extend<Base, T> = Override<Base, T>;

/** The parameters of an operation: the places it declares, and `never` for the others. */
type OperationParameters<T> = Override<Never<'query' | 'header' | 'path' | 'cookie'>, T>;
/** An operation: its parameters, its request body (`never` without one) and its responses. */
export type Operation<T extends { parameters?: object; requestBody?: unknown; responses: object }> = Override<
  { requestBody?: never },
  Omit<T, 'parameters' | 'responses'> & {
    parameters: OperationParameters<T extends { parameters: infer P } ? P : object>;
    responses: Flatten<T['responses']>;
  }
>;
/** The same response for each of several statuses. */
export type SameResponse<Status extends number, Response> = { [S in Status]: Response };
/** A path: its operations by method, and `never` for the other methods. */
export type PathItem<T> = Override<
  Never<'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'> & {
    parameters: OperationParameters<object>;
  },
  T
>;

/** A response with a JSON body. */
export interface JsonResponse<Body> {
  headers: { [name: string]: unknown };
  content: { 'application/json': Body };
}
/** A response without a body. */
export interface NoContent {
  headers: { [name: string]: unknown };
  content?: never;
}
/** A JSON request body. */
export interface JsonBody<Body> {
  content: { 'application/json': Body };
}
/** The component kinds an API without them declares as `never`. */
export interface NoComponents {
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
