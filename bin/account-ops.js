#!/usr/bin/env node
/* global require, __dirname, process, console -- a CommonJS script run by Node */
/* eslint-disable @typescript-eslint/no-require-imports -- a bin shim stays plain CommonJS */
'use strict';
// `npx account-ops …`. Installed from the packed app (production: no sources, no tsx) it
// runs the compiled CLI, dist/apps/cli/src/main.js. In a checkout with dev dependencies it
// runs the TypeScript sources through tsx, in this same process (Ctrl-C, stdout and the
// exit code reach it directly), so it never runs a stale build.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'apps/cli/src/main.ts');
const compiled = path.join(root, 'dist/apps/cli/src/main.js');

function tsxEntry() {
  if (!fs.existsSync(source)) return undefined;
  try {
    return require.resolve('tsx', { paths: [root] });
  } catch {
    return undefined;
  }
}

function fail(error) {
  console.error(`account-ops: cannot start: ${error && error.message ? error.message : error}`);
  process.exitCode = 5;
}

const tsx = tsxEntry();
if (tsx === undefined) {
  try {
    require(compiled);
  } catch (error) {
    fail(error);
  }
} else {
  // tsx reads tsconfig.json from the working directory by default; the path aliases
  // (@account-ops/* to the sources) live in the repository's, whatever directory the
  // auditor is in.
  process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(root, 'tsconfig.json');
  const load = (file) => import(pathToFileURL(file).href);
  // Importing tsx's entry registers its loaders, as `node --import tsx` would.
  load(tsx)
    .then(() => load(source))
    .catch(fail);
}
