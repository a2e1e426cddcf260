import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';

const ROOT = path.resolve(__dirname, '../../..');

/** The variables an env class validates, by name. */
function variablesOf(envClass: new () => object): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(envClass, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)].sort();
}

/**
 * The variables of a service's env class that docs/configuration.md does not document or
 * .env.example does not list: both must stay empty, so a new variable cannot ship unexplained.
 */
export function undocumentedVariables(envClass: new () => object): {
  notInReference: string[];
  notInExample: string[];
} {
  const reference = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
  const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  const variables = variablesOf(envClass);
  return {
    notInReference: variables.filter((name) => !reference.includes(`\`${name}\``)),
    notInExample: variables.filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example)),
  };
}
