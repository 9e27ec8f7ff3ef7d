#!/usr/bin/env node
// A tiny static server for the demo page and the browser tests: 127.0.0.1 only, the
// right MIME type for .wasm, and the strict Content-Security-Policy an EHR would set
// (no 'unsafe-eval'; 'wasm-unsafe-eval' lets WebAssembly compile).
//
//   node tools/serve.mjs DIR [--port 8080] [--no-csp]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.tsv': 'text/tab-separated-values; charset=utf-8', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export function serve(dir, { port = 8080, csp = true } = {}) {
  const rootDir = path.resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let file = path.normalize(path.join(rootDir, decodeURIComponent(url.pathname)));
      if (!file.startsWith(rootDir)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
      if (csp) headers['Content-Security-Policy'] = CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? '.';
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 8080;
  const server = await serve(dir, { port, csp: !args.includes('--no-csp') });
  console.log(`chargecheck demo: http://127.0.0.1:${server.address().port}/`);
}
