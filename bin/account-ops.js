#!/usr/bin/env node
/* global require, __dirname, process, console -- a CommonJS script run by Node */
/* eslint-disable @typescript-eslint/no-require-imports -- a bin shim stays plain CommonJS */
'use strict';
// `npx account-ops …`: runs the TypeScript CLI (apps/cli/src/main.ts) through tsx in this
// same process, so Ctrl-C, stdout and the exit code reach it directly, with nothing to
// relay (tsx's own CLI would run it in a child process).
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
// tsx reads tsconfig.json from the working directory by default; the path aliases
// (@account-ops/*) live in the repository's, whatever directory the auditor is in.
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(root, 'tsconfig.json');

const load = (file) => import(pathToFileURL(file).href);
// Importing tsx's entry registers its loaders, as `node --import tsx` would.
load(require.resolve('tsx', { paths: [root] }))
  .then(() => load(path.join(root, 'apps/cli/src/main.ts')))
  .catch((error) => {
    console.error(`account-ops: cannot start: ${error && error.message ? error.message : error}`);
    process.exitCode = 5;
  });
