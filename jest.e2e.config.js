/** Jest for the end-to-end tests: the bot, the Agents Playground and headless Chromium (npm run test:e2e). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 120000,
};
