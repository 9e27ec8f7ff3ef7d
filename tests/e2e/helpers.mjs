// Shared by the demo tests: paths and the built package under Node. The contract's case
// matching comes from the package tests' helpers (one implementation).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const demoDir = path.join(root, 'js-demo');
export const artifactsDir = path.join(root, 'artifacts');

export async function nodeValidator() {
  const require = createRequire(import.meta.url);
  const pkg = require(path.join(root, 'pkg/node/index.cjs'));
  return pkg.createValidator();
}

export { matches, caseFailures } from '../js/helpers.mjs';
