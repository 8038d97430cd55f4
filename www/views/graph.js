// The Graph view: who is named with whom. Entities are circles (area by
// mentions, colour by type), lines join entities named together (width by
// how often), laid out by d3-force (graph-layout.js). Filters pick an
// entity type and a story; clicking a circle (or Enter on it) opens the
// entity's page. Names are SVG text set with textContent.

import { UiEvent } from '../event-bus.js';
import { el, replaceChildren, cleanText } from '../dom.js';
import { edgeWidth, graphData, nodeRadius } from '../graph.js';
import { layoutGraph } from '../graph-layout.js';
import { LABELS, LABEL_NAMES, plural } from '../state.js';
import { fillStoryOptions } from './story-filter.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Names written beside their circle: the most mentioned; the rest show on hover. */
const LABELLED = 40;
/** Room a name needs to the right of its circle (pixels). */
const LABEL_ROOM = 180;

/** The last layout: laying out again for the same graph and size would give the same picture. */
let cached = null;

export function renderGraph(els, state, bus) {
  fillStoryOptions(els.graphStory, state.report, state.graphFilter.story);
  els.graphType.value = state.graphFilter.label;
  const data = graphData(state.report, state.graphFilter);
  if (!data.nodes.length) {
    els.graphSummary.textContent = '';
    replaceChildren(els.graph, [el('p', {
      className: 'empty',
      text: state.report ? 'No entity of this type in these documents.' : 'Once coverage is analyzed, the names it mentions together appear here as a network.',
    })]);
    return;
  }
  const width = Math.max(360, Math.floor(els.graph.clientWidth || 800));
  // The legend above the picture takes about 30 pixels of the panel.
  const height = Math.max(360, Math.floor((els.graph.clientHeight || width * 0.62) - 30));
  const most = Math.max(...data.nodes.map((n) => n.mentions));
  const heaviest = Math.max(1, ...data.edges.map((e) => e.weight));
  const nodes = data.nodes.map((n) => ({ ...n, radius: nodeRadius(n.mentions, most) }));
  const key = [state.report, state.graphFilter.label, state.graphFilter.story, width, height];
  if (!cached || cached.key.some((part, i) => part !== key[i])) cached = { key, positions: layoutGraph(nodes, data.edges, width, height) };
  const at = cached.positions;

  const unit = data.basis === 'sentences' ? 'sentence' : 'document';
  els.graphSummary.textContent = [
    plural(nodes.length, 'entity', 'entities'),
    plural(data.edges.length, 'link'),
    `line width: ${unit}s naming both`,
    data.hidden ? `${data.hidden} named less often not drawn` : null,
  ].filter(Boolean).join(' · ');

  const names = new Map(nodes.map((n) => [n.id, n]));
  const near = new Set();
  for (const e of data.edges) {
    if (e.source === state.focusEntity) near.add(e.target);
    if (e.target === state.focusEntity) near.add(e.source);
  }
  const lines = data.edges.map((e) => {
    const a = at.get(e.source);
    const b = at.get(e.target);
    const touching = state.focusEntity && (e.source === state.focusEntity || e.target === state.focusEntity);
    return svg('line', {
      class: `edge${touching ? ' near' : ''}`,
      x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
      'stroke-width': edgeWidth(e.weight, heaviest).toFixed(2),
      'data-source': e.source, 'data-target': e.target, 'data-weight': e.weight,
    }, [svg('title', {}, [`${cleanText(names.get(e.source).name)} and ${cleanText(names.get(e.target).name)}: ${plural(e.weight, unit)}`])]);
  });
  const labelled = new Set(nodes.slice(0, LABELLED).map((n) => n.id));
  const circles = nodes.map((n) => {
    const p = at.get(n.id);
    const label = LABELS.includes(n.label) ? n.label : 'MISC';
    const focus = n.id === state.focusEntity;
    const description = `${cleanText(n.name)}, ${LABEL_NAMES[label]}: ${plural(n.mentions, 'mention')} in ${plural(n.documents, 'document')}`;
    const group = svg('g', {
      class: `node n-${label}${focus ? ' focus' : ''}${near.has(n.id) ? ' near' : ''}`,
      transform: `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`,
      tabindex: 0,
      role: 'button',
      'aria-label': `${description}. Open its page.`,
      'aria-pressed': focus ? 'true' : 'false',
      'data-entity': n.id,
      'data-mentions': n.mentions,
    }, [
      svg('title', {}, [description]),
      svg('circle', { r: n.radius.toFixed(1) }),
      labelled.has(n.id) || focus ? nameText(n, p.x > width - LABEL_ROOM) : null,
    ]);
    const open = () => bus.emit(UiEvent.FOCUS_ENTITY, n.id);
    group.addEventListener('click', open);
    group.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    return group;
  });
  const picture = svg('svg', {
    class: 'graph-svg',
    width, height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'group',
    'aria-label': `Network of ${plural(nodes.length, 'entity', 'entities')} named together`,
  }, [svg('g', { class: 'edges' }, lines), svg('g', { class: 'nodes' }, circles)]);
  // Rebuilding must not drop keyboard focus from a node.
  const focused = els.graph.contains(document.activeElement) ? document.activeElement.getAttribute('data-entity') : null;
  replaceChildren(els.graph, [legend(), picture]);
  if (focused) [...els.graph.querySelectorAll('.node')].find((g) => g.getAttribute('data-entity') === focused)?.focus();
}

/** A node's name beside its circle; on the left near the right edge, so that it is not cut off. */
function nameText(node, left) {
  const x = (left ? -1 : 1) * (node.radius + 3);
  return svg('text', { x: x.toFixed(1), y: 4, class: 'node-label', 'text-anchor': left ? 'end' : 'start' }, [cleanText(node.name)]);
}

/** An SVG element with fixed attribute names from this file; strings become text nodes. */
function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function legend() {
  return el('ul', { className: 'legend graph-legend', attrs: { 'aria-label': 'Colours' } }, LABELS.map((label) => el('li', {}, [
    el('span', { className: `swatch m-${label}`, text: label }),
    ` ${LABEL_NAMES[label]}`,
  ])));
}
