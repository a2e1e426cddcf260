/** A JSON Schema as generated from a catalog DTO (the keywords this module reads are typed). */
export interface JSONSchema {
  type?: string | string[];
  properties?: Record<string, JSONSchema>;
  required?: string[];
  additionalProperties?: boolean | JSONSchema;
  items?: JSONSchema;
  enum?: unknown[];
  $ref?: string;
  [keyword: string]: unknown;
}
