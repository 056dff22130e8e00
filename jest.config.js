/**
 * Jest runs TypeScript through @swc/jest: it strips types without checking them,
 * which keeps the suite fast. Types are checked separately by `npm run typecheck`.
 * @type {import('jest').Config}
 */

// The handlers run on Node 22 in Lambda; on a Node 20 development machine the
// AWS SDK would print its Node-version warning once per test file.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 30000,
};
