// Places the graph's nodes with d3-force (bundled at build time into
// vendor/force.js by scripts/build-vendor.mjs). The simulation is run to
// rest here, synchronously, instead of animating: the picture is the same
// for the same graph, and nothing moves under the pointer.

import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from './vendor/force.js';

/** Ticks run: d3's default cooling (alpha 1 to alphaMin 0.001) takes 300. */
const TICKS = 300;

/**
 * Positions for `nodes` ({id, radius}) linked by `edges` ({source, target,
 * weight}, ids) in a `width` x `height` box: a Map id -> {x, y}, every
 * circle inside the box. Heavier edges pull harder; nodes repel and do not
 * overlap; unlinked nodes drift to the middle rather than off the page.
 */
export function layoutGraph(nodes, edges, width, height) {
  const sim = nodes.map((n) => ({ id: n.id, radius: n.radius }));
  const links = edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight }));
  const heaviest = Math.max(1, ...links.map((l) => l.weight));
  const simulation = forceSimulation(sim)
    .force('link', forceLink(links).id((d) => d.id).distance((l) => 40 + l.source.radius + l.target.radius).strength((l) => 0.1 + 0.6 * (l.weight / heaviest)))
    .force('charge', forceManyBody().strength(-160))
    .force('collide', forceCollide((d) => d.radius + 6))
    .force('x', forceX(width / 2).strength(0.06))
    .force('y', forceY(height / 2).strength(0.06 * (width / Math.max(1, height))))
    .force('center', forceCenter(width / 2, height / 2))
    .stop();
  simulation.tick(TICKS);
  return fitInto(sim, width, height);
}

/** The most a settled picture is enlarged to fill the box: beyond it a small graph looks scattered. */
const MAX_ZOOM = 4;

/**
 * Scales and moves the settled positions so that the picture fills the box
 * (keeping its aspect) with every circle inside; circles keep their size,
 * so enlarging also opens room between them.
 */
function fitInto(sim, width, height) {
  const positions = new Map();
  if (!sim.length) return positions;
  const margin = 8;
  const minX = Math.min(...sim.map((n) => n.x - n.radius));
  const maxX = Math.max(...sim.map((n) => n.x + n.radius));
  const minY = Math.min(...sim.map((n) => n.y - n.radius));
  const maxY = Math.max(...sim.map((n) => n.y + n.radius));
  const scale = Math.min(MAX_ZOOM, (width - 2 * margin) / Math.max(1, maxX - minX), (height - 2 * margin) / Math.max(1, maxY - minY));
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  for (const n of sim) {
    // A circle keeps its radius when the picture is scaled: the clamp keeps it inside.
    const x = offsetX + (n.x - minX) * scale;
    const y = offsetY + (n.y - minY) * scale;
    positions.set(n.id, {
      x: Math.min(width - n.radius, Math.max(n.radius, x)),
      y: Math.min(height - n.radius, Math.max(n.radius, y)),
    });
  }
  return positions;
}
