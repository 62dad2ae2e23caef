/**
 * `npm run codegen`: server resolver types and client operation types from server/schema.graphql, through
 * graphql-codegen's core and plugins (its CLI brings loaders for remote schemas that need Node 22, and a
 * task runner; the project reads one local schema and a folder of .graphql documents).
 */
import fs from 'node:fs';
import path from 'node:path';
import { codegen } from '@graphql-codegen/core';
import { getCachedDocumentNodeFromSchema, type Types } from '@graphql-codegen/plugin-helpers';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import * as typescriptResolvers from '@graphql-codegen/typescript-resolvers';
import { buildSchema, lexicographicSortSchema, parse } from 'graphql';
import { documentsFolder, schemaFile, targets } from '../codegen.js';
import { projectRoot } from '../server/config.js';

const pluginMap = { typescript, 'typescript-resolvers': typescriptResolvers, 'typescript-operations': typescriptOperations };

function graphqlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .flatMap((entry) => (entry.isFile() && entry.name.endsWith('.graphql') ? [path.join(entry.parentPath, entry.name)] : []));
}

// Sorted, as graphql-codegen's CLI does, so generated types keep a stable order whatever the schema's.
const schema = lexicographicSortSchema(buildSchema(fs.readFileSync(path.join(projectRoot, schemaFile), 'utf8')));
const documents: Types.DocumentFile[] = graphqlFiles(path.join(projectRoot, documentsFolder))
  .sort()
  .map((file) => ({ location: path.relative(projectRoot, file), document: parse(fs.readFileSync(file, 'utf8')) }));

for (const target of targets) {
  const output = await codegen({
    filename: target.filename,
    schema: getCachedDocumentNodeFromSchema(schema),
    schemaAst: schema,
    documents,
    config: target.config,
    plugins: target.plugins.map((name) => ({ [name]: {} })),
    pluginMap,
  });
  const file = path.join(projectRoot, target.filename);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, output);
}
