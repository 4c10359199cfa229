import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Each library is an npm package (libs/<name>/package.json) whose compiled files are the
 * ones its tsconfig.build.json lists. A consumer installs only what the manifest declares,
 * so every package a compiled file imports must be a dependency or a peer; and the store
 * drivers, optional peers, may only be imported for their types outside the loader
 * (libs/event-store/src/drivers), so that requiring a library loads none of them.
 */
const ROOT = join(__dirname, '..', '..');
const LIBS = ['accounts', 'event-store', 'projections', 'engine', 'evidence-verifier'] as const;
const DRIVERS = [
  'pg',
  'better-sqlite3',
  'pg-copy-streams',
  '@kurrent/kurrentdb-client',
  '@eventstore/db-client',
];
const DRIVER_LOADERS = [
  'libs/event-store/src/drivers/store-drivers.ts',
  // Loaded by connectEsdbClient with import() when an ESDB store is opened.
  'libs/event-store/src/eventstoredb/clients/kurrentdb-client.ts',
  'libs/event-store/src/eventstoredb/clients/eventstore-db-client.ts',
];
/** The `@account-ops/event-store/testing` entry: its fake server runs behind the real clients. */
const TESTING_ENTRY = 'libs/event-store/src/eventstoredb/testing/';
const BUILTINS = new Set(builtinModules);

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Import {
  readonly file: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function compiledFiles(lib: string): string[] {
  const configPath = join(ROOT, 'libs', lib, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`);
  return parsed.fileNames;
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      let typeOnly = ts.isImportDeclaration(node)
        ? (node.importClause?.isTypeOnly ?? false)
        : node.isTypeOnly;
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
      if (
        !typeOnly &&
        ts.isImportDeclaration(node) &&
        node.importClause?.name === undefined &&
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0
      ) {
        typeOnly = bindings.elements.every((element) => element.isTypeOnly);
      }
      found.push({ file, specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ file, specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal))
        found.push({ file, specifier: literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; relative and built-in → undefined. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return BUILTINS.has(name) ? undefined : name;
}

describe.each(LIBS)('@account-ops/%s package manifest', (lib) => {
  const manifest = JSON.parse(
    readFileSync(join(ROOT, 'libs', lib, 'package.json'), 'utf8'),
  ) as Manifest;
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const imports = compiledFiles(lib).flatMap(importsOf);

  it('declares every package its compiled files import (dependencies or peers)', () => {
    const undeclared = imports
      .filter(({ specifier, typeOnly }) => {
        const name = packageOf(specifier);
        // Type-only imports of a driver's types come with the optional peer (or its @types).
        return name !== undefined && name !== manifest.name && !declared.has(name) && !typeOnly;
      })
      .map(({ file, specifier }) => `${relative(ROOT, file)}: ${specifier}`);
    expect(undeclared).toEqual([]);
  });

  it('imports store drivers only for their types outside the lazy loaders', () => {
    const eager = imports
      .filter(({ file, specifier, typeOnly }) => {
        const name = packageOf(specifier);
        return (
          name !== undefined &&
          DRIVERS.includes(name) &&
          !typeOnly &&
          !DRIVER_LOADERS.includes(relative(ROOT, file)) &&
          !relative(ROOT, file).startsWith(TESTING_ENTRY)
        );
      })
      .map(({ file, specifier }) => `${relative(ROOT, file)}: ${specifier}`);
    expect(eager).toEqual([]);
  });

  it('compiles no test code (specs, fakes of other packages, the test helpers)', () => {
    const testCode = imports
      .filter(({ specifier }) =>
        ['@account-ops/testing', '@jest/globals', 'fast-check'].includes(
          packageOf(specifier) ?? '',
        ),
      )
      .map(({ file, specifier }) => `${relative(ROOT, file)}: ${specifier}`);
    expect(testCode).toEqual([]);
  });
});
