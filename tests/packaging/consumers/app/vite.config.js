// Vite 8 needs no wasm plugin: the glue's `new URL('chargecheck_bg.wasm', import.meta.url)`
// becomes an emitted asset. Module workers keep `import.meta.url` working inside them.
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir: process.env.OUT_DIR, emptyOutDir: true, target: 'es2022' },
});
