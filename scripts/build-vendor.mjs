#!/usr/bin/env node
// Writes www/vendor/force.js: the parts of d3-force (and its d3-dispatch,
// d3-quadtree and d3-timer) that the graph view uses, bundled by esbuild
// from node_modules into one dependency-free ES module. The file is
// generated and git-ignored; the page imports it like its own modules, so
// scripts/build-dist.mjs can inline it (its bundler needs `export { ... }`
// lists and no bare imports, which is what esbuild writes).
// Run by scripts/build.sh: `node scripts/build-vendor.mjs`.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, 'www', 'vendor', 'force.js');

/** The d3-force names the graph view imports. */
export const NAMES = ['forceSimulation', 'forceLink', 'forceManyBody', 'forceCenter', 'forceCollide', 'forceX', 'forceY'];

export async function buildVendor() {
  const version = JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'd3-force', 'package.json'), 'utf8')).version;
  const result = await build({
    stdin: { contents: `export { ${NAMES.join(', ')} } from 'd3-force';`, resolveDir: REPO, loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'inline',
    write: false,
  });
  const code = result.outputFiles[0].text;
  // The single-file build's bundler reads export lists at the start of a line.
  const source = `// d3-force ${version} (ISC licence, Mike Bostock), bundled by scripts/build-vendor.mjs; generated, do not edit.\n${code.replace(/export\s*\{/, '\nexport {')}`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, source);
  return { file: OUT, bytes: Buffer.byteLength(source), version };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { file, bytes, version } = await buildVendor();
  console.log(`[build-vendor] ${path.relative(REPO, file)}: d3-force ${version}, ${bytes} bytes`);
}
