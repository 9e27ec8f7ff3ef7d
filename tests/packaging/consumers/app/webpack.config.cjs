// webpack 5 needs no wasm experiment: the glue fetches its .wasm through
// `new URL(..., import.meta.url)`, which webpack emits as an asset (asset/resource).
const path = require('node:path');

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/main.js',
  output: { path: process.env.OUT_DIR, filename: 'main.js', clean: true },
  performance: { hints: false },
  infrastructureLogging: { level: 'warn' },
  stats: 'errors-warnings',
  resolve: { modules: [path.resolve(__dirname, '../../node_modules'), 'node_modules'] },
};
