/**
 * `node -r ./swc-register.js apps/api/src/main.ts`: runs the API from source in a child process,
 * compiled on load by swc with the options Jest uses. tsx cannot run the API: esbuild emits no
 * decorator metadata, so Nest's constructor injection finds no types. `@itil/<lib>` resolves to
 * `libs/<lib>/src` as in tsconfig.base.json.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const options = require(path.join(root, 'test/swc-options.js'));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@itil\/([^/]+)(\/.*)?$/.exec(request);
  const target = alias ? path.join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request;
  return resolveFilename.call(this, target, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
