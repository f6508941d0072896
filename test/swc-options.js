/**
 * How TypeScript is compiled for tests and for the child processes tests start (Jest's transform
 * and apps/api/src/multi-process/swc-register.js): decorators with metadata, as Nest needs.
 */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
