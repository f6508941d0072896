// Lets a child process run the API from its TypeScript sources (`node -r <this> apps/api/src/main.ts`)
// the way Jest does: swc with decorator metadata (Nest's injection needs it; tsx/esbuild omits it)
// and the @itil/* aliases of tsconfig.base.json. Used by tests that need a real process to signal.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '../../../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@itil\/([^/]+)(\/.*)?$/.exec(request);
  return resolveFilename.call(this, alias ? join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request, ...rest);
};

const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
