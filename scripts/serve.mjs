#!/usr/bin/env node
// Serves www/ on 127.0.0.1 for the page and its tests.
//
//   node scripts/serve.mjs [PORT]     (no PORT: a free one)
//
// Only files under www/ are served (no directory listings; `/` is
// index.html). Every response carries the page's own Content-Security-
// Policy, read from the meta tag in www/index.html, so the worker (whose
// policy comes from its response, not from the page) is held to it too.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The policy in www/index.html's Content-Security-Policy meta tag. */
export async function pagePolicy(root = ROOT) {
  const html = await fs.readFile(path.join(root, 'index.html'), 'utf8');
  const match = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  if (!match) throw new Error('www/index.html has no Content-Security-Policy meta tag');
  return match[1];
}

/** Starts the server; resolves with `{server, url, close()}`. Port 0 picks a free one. */
export async function startServer({ port = 0, root = ROOT } = {}) {
  const policy = await pagePolicy(root);
  const server = http.createServer((req, res) => respond(req, res, root, policy));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { server, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function respond(req, res, root, policy) {
  const headers = {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
    res.end('method not allowed\n');
    return;
  }
  const file = resolvePath(root, req.url);
  let body;
  try {
    if (!file || !(await fs.stat(file)).isFile()) throw new Error('not a file');
    body = await fs.readFile(file);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The file under `root` a request path names, or null if it would leave `root`. */
export function resolvePath(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(root, `.${pathname}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const arg = process.argv[2];
  const port = arg === undefined ? 0 : Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: not a port number: ${arg}`);
    process.exit(2);
  }
  for (const built of ['pkg/dossier_bg.wasm', 'vendor/force.js']) {
    try {
      await fs.access(path.join(ROOT, built));
    } catch {
      console.error(`serve: www/${built} is missing; run \`bash scripts/build.sh\` first`);
      process.exit(1);
    }
  }
  const { url } = await startServer({ port });
  console.log(`Dossier is running at ${url}`);
}
