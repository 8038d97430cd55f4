// Shared by the wasm benchmarks: serve a wasm-bindgen build (and extra
// in-memory files) on 127.0.0.1 to a blank page in Debian's headless
// Chromium, launched as shared/TOOLCHAIN.md says, and run a callback there.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
};

/**
 * Serves `dir`'s `dossier.js` and `dossier_bg.wasm`, plus `extra`
 * (`{'/name.ext': Buffer}`), opens a blank page titled `title` and returns
 * `await run(page)`; the browser, its profile and the server are gone after.
 */
export async function inChromium(dir, extra, title, run) {
  const files = new Set(['/index.html', '/dossier.js', '/dossier_bg.wasm', ...Object.keys(extra)]);
  const server = http.createServer(async (req, res) => {
    const name = new URL(req.url, 'http://127.0.0.1').pathname.replace(/^\/$/, '/index.html');
    if (!files.has(name)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body =
        name === '/index.html'
          ? `<!doctype html><meta charset="utf-8"><title>${title}</title>`
          : (extra[name] ?? (await fsp.readFile(path.join(dir, name.slice(1)))));
      res.writeHead(200, { 'content-type': TYPES[path.extname(name)] }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    return await run(page);
  } finally {
    if (context) await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Peak resident memory (VmHWM, bytes) of the Chromium renderers this process started. */
export function rendererPeakRss() {
  return rendererMemory('VmHWM');
}

/** The renderer's resident memory now, in bytes (VmRSS; as `rendererPeakRss` finds it). */
export function rendererRss() {
  return rendererMemory('VmRSS');
}

/** The largest `field` (VmHWM, VmRSS) of this process's renderer processes, in bytes. */
function rendererMemory(field) {
  const parent = new Map();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      // the process ended while we looked
    }
  }
  const mine = (pid) => {
    for (let p = pid; p && p !== '0' && p !== '1'; p = parent.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  let peak = null;
  for (const pid of parent.keys()) {
    try {
      if (!mine(pid) || !fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1]);
      if (kb) peak = Math.max(peak ?? 0, kb * 1024);
    } catch {
      // not readable: skip
    }
  }
  return peak;
}

/**
 * A temporary copy of the page (www/) whose pkg/ is `pkgDir`'s build, so a
 * benchmark of that build never touches the shared www/pkg. Returns its folder.
 */
export function pageWithPkg(pkgDir) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  // generated and git-ignored: without it the page's modules never load
  if (!fs.existsSync(path.join(repo, 'www', 'vendor', 'force.js'))) {
    throw new Error('www/vendor/force.js is missing: run `node scripts/build-vendor.mjs` (or scripts/build.sh) first');
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-www-'));
  fs.cpSync(path.join(repo, 'www'), root, { recursive: true, filter: (src) => !src.startsWith(path.join(repo, 'www', 'pkg')) });
  fs.mkdirSync(path.join(root, 'pkg'));
  for (const name of ['dossier.js', 'dossier_bg.wasm']) fs.copyFileSync(path.join(pkgDir, name), path.join(root, 'pkg', name));
  return root;
}

/** Every file under `p`, folders walked recursively in sorted order (as the CLI walks them). */
export function walk(p, out = []) {
  if (fs.statSync(p).isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else {
    out.push(p);
  }
  return out;
}
