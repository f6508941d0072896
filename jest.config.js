/** One Jest config for the monorepo: apps and libs, TypeScript through swc. */
const swc = require('./test/swc-options');

module.exports = {
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testEnvironment: 'node',
  testRegex: '.*\\.spec\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@itil/([^/]+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
};
