// Generates libs/client's types from the committed OpenAPI documents (openapi-typescript), formatted with
// prettier. `--write` rewrites the files; `--print <file>` prints one, which the drift test compares.
//
// openapi-typescript spells out every operation in full (all four parameter places, the headers of every
// response, every method a path does not have). The types written here are the same, but each operation says
// only what is its own and takes the rest from the helper types of libs/client/src/openapi-shapes.ts. What
// several documents declare alike (the health endpoints and their report) is declared once, in shared.ts, and
// a schema that repeats another's members (a created webhook is a webhook with its secret) is written as that
// schema with its own members.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'libs/client/src/generated');
export const CLIENT_SERVICES = ['subscription-service', 'event-ingest-service', 'audit-projection-service'];
const SHARED = 'shared';
// The hand-written helper types that shared.ts passes on.
const SHAPES = 'openapi-shapes';

const sourceFile = ts.createSourceFile('types.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
const bare = ts.createPrinter({ removeComments: true });
/** A type without its comments, on one line (prettier breaks it again where it is too long). */
const print = (node) => bare.printNode(ts.EmitHint.Unspecified, node, sourceFile).replace(/\s*\n\s*/g, ' ');
const commented = ts.createPrinter();
const hasComments = (node) =>
  commented.printNode(ts.EmitHint.Unspecified, node, sourceFile) !==
  bare.printNode(ts.EmitHint.Unspecified, node, sourceFile);
const nameOf = (member) => member.name.text;
const membersOf = (node) => (node && ts.isTypeLiteralNode(node) ? node.members : []);
const member = (node, name) => membersOf(node).find((m) => m.name && nameOf(m) === name);
/** `x?: never`: openapi-typescript's way of saying a member is not there. */
const isNever = (m) => m.type?.kind === ts.SyntaxKind.NeverKeyword;

/** The lines of a JSDoc comment that openapi-typescript attached to a node. */
function commentLines(node) {
  return (ts.getSyntheticLeadingComments(node) ?? []).flatMap((comment) =>
    comment.text
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trimEnd())
      .filter((line) => line !== ''),
  );
}

function jsDoc(lines, indent = '  ') {
  if (lines.length === 0) {
    return '';
  }
  if (lines.length === 1) {
    return `${indent}/** ${lines[0]} */\n`;
  }
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`).join('\n')}\n${indent} */\n`;
}

/** `components['schemas']['X']` → `'X'`, for the per-API shorthands; anything else → null. */
function schemaName(node) {
  const text = print(node);
  return /^components\["schemas"\]\["(\w+)"\]$/.exec(text.replace(/'/g, '"'))?.[1] ?? null;
}

/** The body type of a response or request body literal: `content: { 'application/json': T }`. */
function jsonBodyOf(node) {
  const content = member(node, 'content');
  if (!content || isNever(content)) {
    return null;
  }
  const json = member(content.type, 'application/json');
  if (!json || membersOf(content.type).length !== 1) {
    throw new Error(`unexpected content: ${print(node)}`);
  }
  return json.type;
}

/** Response bodies written out inline in more than one operation, across the documents. */
function sharedBodies(documents) {
  const seen = new Map();
  for (const { operations } of documents) {
    for (const op of operations.members) {
      for (const response of membersOf(member(op.type, 'responses').type)) {
        const body = jsonBodyOf(response.type);
        if (body && !ts.isTypeReferenceNode(body) && !ts.isIndexedAccessTypeNode(body)) {
          const key = print(body);
          const entry = seen.get(key) ?? { body, uses: 0, docs: new Set(), operation: nameOf(op) };
          entry.uses += 1;
          entry.docs.add(astToString(body));
          seen.set(key, entry);
        }
      }
    }
  }
  const shared = new Map();
  for (const [key, entry] of seen) {
    if (entry.uses > 1) {
      // HealthController_ready → HealthReadyBody
      const name = `${entry.operation.replace(/Controller_(\w)/, (_, c) => c.toUpperCase())}Body`;
      // Documented only where every use says the same (the health report's examples differ by status).
      const type = entry.docs.size === 1 ? astToString(entry.body).trim() : print(entry.body);
      shared.set(key, { name, declaration: `export type ${name} = ${type};` });
    }
  }
  return shared;
}

/** What the lines of one file's paths and operations refer to, and which helpers they use. */
function writer(shared, operationsName = 'operations', qualify = (name) => `${SHARED}.${name}`) {
  const usedLocals = new Set();
  const helper = qualify;
  const docs = new Map();
  const body = (node, wrapper, local) => {
    const name = schemaName(node);
    if (name) {
      return `${(usedLocals.add(local), local)}<'${name}'>`;
    }
    const hoisted = shared.get(print(node));
    return `${helper(wrapper)}<${hoisted ? helper(hoisted.name) : print(node)}>`;
  };

  const pathLine = (item) => {
    const methods = membersOf(item.type).filter((m) => nameOf(m) !== 'parameters' && !isNever(m));
    const parameters = member(item.type, 'parameters');
    if (membersOf(parameters.type).some((m) => !isNever(m))) {
      throw new Error(`${nameOf(item)}: path-level parameters are not generated`);
    }
    // The summary of an operation goes with the operation.
    for (const method of methods) {
      docs.set(method.type.indexType.literal.text, commentLines(method));
    }
    const entries = methods.map((m) => `${nameOf(m)}: ${operationsName}['${method(m)}']`);
    return `  '${nameOf(item)}': ${helper('PathItem')}<{ ${entries.join('; ')} }>;`;
  };
  const method = (m) => m.type.indexType.literal.text;

  const operationLine = (op) => {
    const parts = [];
    const lines = [...(docs.get(nameOf(op)) ?? [])];
    const parameters = membersOf(member(op.type, 'parameters').type).filter((m) => !isNever(m));
    if (parameters.length > 0) {
      const fields = parameters.map((m) => {
        const type = hasComments(m.type) ? astToString(m.type).trim() : print(m.type);
        return `${jsDoc(commentLines(m), '')}${nameOf(m)}${m.questionToken ? '?' : ''}: ${type}`;
      });
      parts.push(`parameters: { ${fields.join(';\n')} }`);
    }
    const requestBody = member(op.type, 'requestBody');
    if (!isNever(requestBody)) {
      const optional = requestBody.questionToken ? '?' : '';
      parts.push(`requestBody${optional}: ${body(jsonBodyOf(requestBody.type), 'JsonBody', 'Body')}`);
    }
    // Statuses with the same response (the API's error body, or none) are listed together.
    const statuses = new Map();
    for (const response of membersOf(member(op.type, 'responses').type)) {
      const status = print(response.name);
      const described = commentLines(response).map((line) => line.replace(/^@description /, ''));
      lines.push(...described.map((line) => `@response ${status} ${line}`));
      const json = jsonBodyOf(response.type);
      const type = json ? body(json, 'JsonResponse', 'Json') : helper('NoContent');
      statuses.set(type, [...(statuses.get(type) ?? []), status]);
    }
    const single = [...statuses].filter(([, codes]) => codes.length === 1);
    const grouped = [...statuses].filter(([, codes]) => codes.length > 1);
    const responses = [
      ...(single.length > 0 ? [`{ ${single.map(([type, [code]]) => `${code}: ${type}`).join('; ')} }`] : []),
      ...grouped.map(([type, codes]) => `${helper('SameResponse')}<${codes.join(' | ')}, ${type}>`),
    ];
    parts.push(`responses: ${responses.join(' & ')}`);
    return `${jsDoc(lines)}  ${nameOf(op)}: ${helper('Operation')}<{ ${parts.join('; ')} }>;`;
  };

  /** `Json<'Name'>` and `Body<'Name'>`: a JSON body of one of the document's schemas. */
  const locals = () =>
    [
      ['Json', 'JsonResponse'],
      ['Body', 'JsonBody'],
    ]
      .filter(([local]) => usedLocals.has(local))
      .map(([local, wrapper]) => {
        const type = `${helper(wrapper)}<components['schemas'][Name]>`;
        return `type ${local}<Name extends keyof components['schemas']> = ${type};`;
      });
  return { helper, pathLine, operationLine, locals };
}

/**
 * The endpoints (path and operations) that every document declares alike, such as the health checks: shared.ts
 * declares them once, and each API's `paths` and `operations` extend those.
 */
function commonEndpoints(documents) {
  const operationsOf = (document, item) =>
    membersOf(item.type)
      .filter((m) => nameOf(m) !== 'parameters' && !isNever(m))
      .map((m) => document.operations.members.find((op) => nameOf(op) === m.type.indexType.literal.text));
  const text = (document, item) =>
    [item, ...operationsOf(document, item)].map((node) => astToString(node)).join('\n');
  const [first, ...others] = documents;
  const common = first.paths.members.filter((item) => {
    const mine = text(first, item);
    return (
      !mine.includes('components[') &&
      others.every((document) => {
        const theirs = document.paths.members.find((other) => nameOf(other) === nameOf(item));
        return theirs && text(document, theirs) === mine;
      })
    );
  });
  const paths = new Set(common.map(nameOf));
  const operations = new Set(common.flatMap((item) => operationsOf(first, item).map(nameOf)));
  return {
    paths,
    operations,
    items: common,
    operationNodes: common.flatMap((item) => operationsOf(first, item)),
  };
}

/**
 * A schema that has every member of another, smaller one (the same type, the same documentation, or each
 * made optional: an update's fields) is written as that one with its own members:
 * `Extend<components['schemas']['Base'], { … }>`, or `Extend<Partial<…>, { … }>`.
 */
function schemaLines(schemas) {
  const entries = membersOf(schemas.type).map((schema) => ({
    name: nameOf(schema),
    schema,
    members: new Map(membersOf(schema.type).map((m) => [nameOf(m), m])),
  }));
  const smaller = (a, b) =>
    a.members.size < b.members.size || (a.members.size === b.members.size && a.name < b.name);
  const same = (base, own, partial) =>
    base !== undefined &&
    (partial ? own.questionToken !== undefined : !base.questionToken === !own.questionToken) &&
    print(base.type) === print(own.type) &&
    commentLines(base).join('\n') === commentLines(own).join('\n');
  const derivation = (entry, base, partial) => {
    if (![...base.members.keys()].every((name) => entry.members.has(name))) {
      return null;
    }
    const own = [...entry.members.values()].filter((m) => !same(base.members.get(nameOf(m)), m, partial));
    const shared = entry.members.size - own.length;
    return shared >= 3 && shared > own.length ? { base, partial, own, shared } : null;
  };
  const lines = entries.map((entry) => {
    const comments = jsDoc(commentLines(entry.schema), '    ');
    const [best] = entries
      .filter((base) => base !== entry && smaller(base, entry))
      .flatMap((base) => [derivation(entry, base, false), derivation(entry, base, true)])
      .filter((found) => found !== null)
      .sort((a, b) => b.shared - a.shared);
    if (!best) {
      return `${comments}    ${entry.name}: ${astToString(entry.schema.type).trim()};`;
    }
    const base = `components['schemas']['${best.base.name}']`;
    const extension = best.own.map((m) => astToString(m).trim()).join('\n');
    const from = best.partial ? `Partial<${base}>` : base;
    return `${comments}    ${entry.name}: ${SHARED}.Extend<${from}, {\n${extension}\n}>;`;
  });
  return { lines };
}

/** `webhooks` and `$defs`, which no document has: the one empty type of shared.ts. */
function emptyDeclarations(nodes) {
  const empty = (node) => print(node) === `export type ${node.name.text} = Record<string, never>;`;
  const names = nodes.filter(empty).map((node) => `Empty as ${node.name.text}`);
  return [
    ...(names.length > 0 ? [`export type { ${names.join(', ')} } from './${SHARED}';`] : []),
    ...nodes.filter((node) => !empty(node)).map((node) => astToString(node).trim()),
  ];
}

/**
 * The error response that most operations of an API share (its error body, or none) is named `Refusals`:
 * `Refusals<401 | 404>`.
 */
function namedRefusals(lines) {
  const pattern = /shared\.SameResponse<([\d |]+), ([^>]+>?)>/g;
  const counts = new Map();
  for (const [, codes, type] of lines.join('\n').matchAll(pattern)) {
    if (codes.split(' | ').every((code) => Number(code) >= 400)) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
  }
  const [common] = [...counts].filter(([, count]) => count >= 3).sort((a, b) => b[1] - a[1]);
  if (!common) {
    return { lines, refusals: [] };
  }
  const named = (line) =>
    line.replace(pattern, (all, codes, type) => (type === common[0] ? `Refusals<${codes}>` : all));
  return {
    lines: lines.map(named),
    refusals: [`type Refusals<Status extends number> = shared.SameResponse<Status, ${common[0]}>;`],
  };
}

function generateService(document, shared, common) {
  const { paths, components, operations, rest } = document;
  const write = writer(shared);
  const pathLines = paths.members.filter((item) => !common.paths.has(nameOf(item))).map(write.pathLine);
  const { lines: operationLines, refusals } = namedRefusals(
    operations.members.filter((op) => !common.operations.has(nameOf(op))).map(write.operationLine),
  );

  const schemas = components.members.find((m) => nameOf(m) === 'schemas');
  const emptyKinds = components.members.filter((m) => nameOf(m) !== 'schemas');
  if (!emptyKinds.every(isNever)) {
    throw new Error('components other than schemas are not generated');
  }
  const schema = schemaLines(schemas);
  const extendsCommon = common.paths.size > 0 ? ` extends ${write.helper('CommonPaths')}` : '';
  const extendsOperations = common.operations.size > 0 ? ` extends ${write.helper('CommonOperations')}` : '';
  const componentsLine = `export interface components extends ${write.helper('NoComponents')} {\n  schemas: {\n${schema.lines.join('\n')}\n  };\n}`;
  return [
    `import type * as ${SHARED} from './${SHARED}';`,
    ...emptyDeclarations(rest),
    '',
    `export interface paths${extendsCommon} {\n${pathLines.join('\n')}\n}`,
    componentsLine,
    ...write.locals(),
    ...refusals,
    `export interface operations${extendsOperations} {\n${operationLines.join('\n')}\n}`,
  ].join('\n');
}

function generateShared(shared, common) {
  const used = new Set();
  const write = writer(shared, 'CommonOperations', (name) => (used.add(name), name));
  const paths = common.items.map(write.pathLine);
  const operations = common.operationNodes.map(write.operationLine);
  const hoisted = new Set([...shared.values()].map((entry) => entry.name));
  const helpers = [...used].filter((name) => !hoisted.has(name)).sort();
  const header = `// Generated by \`npm run client:generate\`: what every API's generated types use; do not edit.\n`;
  return [
    header + `export type * from '../${SHAPES}';`,
    `import type { ${helpers.join(', ')} } from '../${SHAPES}';`,
    '',
    ...[...shared.values()].map((entry) => entry.declaration),
    '/** The endpoints every API has. */',
    `export interface CommonPaths {\n${paths.join('\n')}\n}`,
    `export interface CommonOperations {\n${operations.join('\n')}\n}`,
  ].join('\n');
}

async function formatted(name, text) {
  const file = path.join(OUT, `${name}.ts`);
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

/** Every generated file's source, by name (the services' and shared.ts). */
async function generateAll() {
  const documents = [];
  for (const service of CLIENT_SERVICES) {
    const document = JSON.parse(readFileSync(path.join(ROOT, 'docs/openapi', `${service}.json`), 'utf8'));
    // A default is what the server fills in when a field is left out: the field stays optional to send.
    const nodes = await openapiTS(document, { defaultNonNullable: false });
    const byName = (name) => nodes.find((node) => node.name?.text === name);
    const rest = nodes.filter((node) => !['paths', 'components', 'operations'].includes(node.name?.text));
    documents.push({
      service,
      paths: byName('paths'),
      components: byName('components'),
      operations: byName('operations'),
      rest,
    });
  }
  const shared = sharedBodies(documents);
  const common = commonEndpoints(documents);
  const sources = {};
  for (const document of documents) {
    const header = `// Generated by \`npm run client:generate\` from docs/openapi/${document.service}.json; do not edit.\n`;
    sources[document.service] = await formatted(
      document.service,
      header + generateService(document, shared, common),
    );
  }
  sources[SHARED] = await formatted(SHARED, generateShared(shared, common));
  return sources;
}

const [mode, name] = process.argv.slice(2);
if (mode === '--print' && [...CLIENT_SERVICES, SHARED].includes(name)) {
  process.stdout.write((await generateAll())[name]);
} else if (mode === '--write') {
  for (const [file, source] of Object.entries(await generateAll())) {
    writeFileSync(path.join(OUT, `${file}.ts`), source);
    console.log(`wrote ${path.relative(ROOT, path.join(OUT, `${file}.ts`))}`);
  }
} else {
  console.error(`usage: generate-types.mjs --write | --print <${[...CLIENT_SERVICES, SHARED].join('|')}>`);
  process.exit(2);
}
