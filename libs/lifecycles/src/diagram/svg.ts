import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { GAP_Y, LANE, layOut, NODE_H, NODE_W, type LaidOutEdge, type LaidOutNode, type Layout } from './layered-layout';

const COLOURS: Record<string, [fill: string, stroke: string]> = {
  new: ['#e3f2fd', '#1565c0'],
  active: ['#e8f5e9', '#2e7d32'],
  pending: ['#fff8e1', '#f9a825'],
  resolved: ['#f3e5f5', '#6a1b9a'],
  closed: ['#eceff1', '#455a64'],
  cancelled: ['#fbe9e7', '#bf360c'],
};

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const r = (n: number) => Math.round(n * 10) / 10;
const textWidth = (text: string, size: number) => text.length * size * 0.57;

/**
 * The lifecycle as a standalone SVG a process owner can open in a browser: states coloured by
 * category (dashed when the SLA clock is paused, double-bordered when final), transitions as
 * arrows labelled with event and [guard]. Dependency-free: a layered layout written by hand.
 */
export function toSvg(definition: LifecycleDefinition, title = definition.id): string {
  const layout = layOut(definition);
  const width = Math.max(layout.width, 6 * 118 + 60);
  const height = layout.height + 40;
  const arrows: string[] = [];
  const labels: string[] = [];
  const ports = portsOf(layout);
  let longLane = 0;
  let backLane = 0;
  const rightmost = Math.max(...[...layout.nodes.values()].map((n) => n.x + NODE_W));

  for (const edge of layout.edges) {
    const from = layout.nodes.get(edge.source)!;
    const to = layout.nodes.get(edge.target)!;
    if (edge.kind === 'self') {
      const x = from.x + NODE_W;
      const y = from.y + NODE_H / 2;
      arrows.push(path(`M ${r(x)} ${r(y - 12)} C ${r(x + 46)} ${r(y - 40)}, ${r(x + 46)} ${r(y + 40)}, ${r(x)} ${r(y + 12)}`));
      labels.push(label(edge.labels, x + 48, y, 'start'));
    } else if (edge.kind === 'adjacent') {
      const [x1, y1] = ports.out(edge);
      const [x2, y2] = ports.in(edge);
      const my = (y1 + y2) / 2;
      const { index, count } = ports.rank(edge);
      const t = count === 1 ? 0.3 : 0.22 + (0.4 * index) / (count - 1);
      arrows.push(path(`M ${r(x1)} ${r(y1)} C ${r(x1)} ${r(my)}, ${r(x2)} ${r(my)}, ${r(x2)} ${r(y2)}`));
      labels.push(label(edge.labels, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, 'middle'));
    } else if (edge.kind === 'long') {
      // Down a lane on the left, through the gaps between rows: it crosses no state.
      const lane = longLane++;
      const laneX = layout.left - 30 - lane * LANE;
      const x1 = from.x + 10 + (lane % 4) * 6;
      const y1 = from.y + NODE_H;
      const gapBelow = y1 + 10 + (lane % 4) * 4;
      const x2 = to.x + 10 + (lane % 4) * 6;
      const y2 = to.y;
      const gapAbove = y2 - 10 - (lane % 4) * 4;
      arrows.push(path(`M ${r(x1)} ${r(y1)} L ${r(x1)} ${r(gapBelow)} L ${r(laneX)} ${r(gapBelow)} L ${r(laneX)} ${r(gapAbove)} L ${r(x2)} ${r(gapAbove)} L ${r(x2)} ${r(y2)}`));
      labels.push(label(edge.labels, laneX - 4, gapBelow + (gapAbove - gapBelow) * STAGGER[lane % STAGGER.length], 'end'));
    } else if (edge.kind === 'back') {
      // Up a lane on the right, through the gaps between rows.
      const lane = backLane++;
      const laneX = rightmost + 30 + lane * LANE;
      const x1 = from.x + NODE_W - 10 - (lane % 4) * 6;
      const y1 = from.y;
      const gapAbove = y1 - 10 - (lane % 4) * 4;
      const x2 = to.x + NODE_W - 10 - (lane % 4) * 6;
      const y2 = to.y + NODE_H;
      const gapBelow = y2 + 10 + (lane % 4) * 4;
      arrows.push(path(`M ${r(x1)} ${r(y1)} L ${r(x1)} ${r(gapAbove)} L ${r(laneX)} ${r(gapAbove)} L ${r(laneX)} ${r(gapBelow)} L ${r(x2)} ${r(gapBelow)} L ${r(x2)} ${r(y2)}`));
      labels.push(label(edge.labels, laneX + 4, gapAbove + (gapBelow - gapAbove) * STAGGER[lane % STAGGER.length], 'start'));
    } else {
      // Fan-in: one short arrow into the target, captioned with the event and where it comes from.
      const x = to.x + NODE_W / 2;
      const y2 = to.y;
      const y1 = y2 - GAP_Y * 0.45;
      arrows.push(path(`M ${r(x)} ${r(y1)} L ${r(x)} ${r(y2)}`));
      labels.push(label([edge.labels[0], ...wrap(`from ${edge.sources!.join(', ')}`, 40)], x, y1 - 4, 'middle', true));
    }
  }

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width)}" height="${Math.round(height)}" viewBox="0 0 ${Math.round(width)} ${Math.round(height)}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#546e7a"/></marker></defs>',
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    `<text x="28" y="32" font-size="17" font-weight="bold" fill="#263238">${escapeXml(title)}</text>`,
    ...start(layout, definition.initial),
    ...arrows,
    ...[...layout.nodes.values()].map((n) => nodeBox(definition, n)),
    ...labels,
    legend(28, height - 34),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

/** Where along a lane its label sits, so that labels of neighbouring lanes do not overlap. */
const STAGGER = [0.5, 0.3, 0.7, 0.4, 0.6];

const path = (d: string) => `<path d="${d}" fill="none" stroke="#546e7a" stroke-width="1.3" marker-end="url(#arrow)"/>`;

function start(layout: Layout, initial: string): string[] {
  const node = layout.nodes.get(initial);
  if (!node) return [];
  const cx = node.x - 34;
  const cy = node.y + NODE_H / 2;
  return [`<circle cx="${r(cx)}" cy="${r(cy)}" r="7" fill="#263238"/>`, path(`M ${r(cx + 7)} ${r(cy)} L ${r(node.x)} ${r(cy)}`)];
}

/** Where adjacent arrows leave and enter nodes: spread along the bottom and top edges. */
function portsOf(layout: Layout) {
  const adjacent = layout.edges.filter((e) => e.kind === 'adjacent');
  const x = (s: string) => layout.nodes.get(s)!.x;
  const spread = (edges: LaidOutEdge[], edge: LaidOutEdge, other: (e: LaidOutEdge) => string, node: LaidOutNode) => {
    const sorted = [...edges].sort((a, b) => x(other(a)) - x(other(b)));
    const i = sorted.indexOf(edge);
    return node.x + (NODE_W * (i + 1)) / (sorted.length + 1);
  };
  return {
    rank: (edge: LaidOutEdge) => {
      const siblings = adjacent.filter((e) => e.source === edge.source).sort((a, b) => x(a.target) - x(b.target));
      return { index: siblings.indexOf(edge), count: siblings.length };
    },
    out: (edge: LaidOutEdge): [number, number] => {
      const node = layout.nodes.get(edge.source)!;
      return [spread(adjacent.filter((e) => e.source === edge.source), edge, (e) => e.target, node), node.y + NODE_H];
    },
    in: (edge: LaidOutEdge): [number, number] => {
      const node = layout.nodes.get(edge.target)!;
      return [spread(adjacent.filter((e) => e.target === edge.target), edge, (e) => e.source, node), node.y];
    },
  };
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && (current + ' ' + word).length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return current ? [...lines, current] : lines;
}

function label(lines: string[], x: number, y: number, anchor: 'start' | 'middle' | 'end', above = false): string {
  const size = 10;
  const w = Math.max(...lines.map((l) => textWidth(l, size))) + 8;
  const h = lines.length * 12 + 4;
  const top = above ? y - h : y - h / 2;
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  const tx = anchor === 'start' ? left + 4 : anchor === 'end' ? left + w - 4 : x;
  const texts = lines.map((l, i) => `<text x="${r(tx)}" y="${r(top + 12 + i * 12)}" font-size="${size}" text-anchor="${anchor}" fill="${i === 0 ? '#263238' : '#607d8b'}">${escapeXml(l)}</text>`);
  return `<g><rect x="${r(left)}" y="${r(top)}" width="${r(w)}" height="${r(h)}" rx="3" fill="#ffffff" fill-opacity="0.92"/>${texts.join('')}</g>`;
}

function nodeBox(definition: LifecycleDefinition, node: LaidOutNode): string {
  const state = definition.states[node.state];
  const [fill, stroke] = COLOURS[state.meta?.category ?? ''] ?? ['#ffffff', '#90a4ae'];
  const dash = state.meta?.sla === 'paused' ? ' stroke-dasharray="6 3"' : '';
  const final = state.type === 'final' ? `<rect x="${r(node.x - 4)}" y="${r(node.y - 4)}" width="${NODE_W + 8}" height="${NODE_H + 8}" rx="12" fill="none" stroke="${stroke}" stroke-width="1"/>` : '';
  const sub = `${state.meta?.category ?? '?'} · SLA ${state.meta?.sla ?? '?'}`;
  return [
    `<g><title>${escapeXml(state.description ?? node.state)}</title>`,
    final,
    `<rect x="${r(node.x)}" y="${r(node.y)}" width="${NODE_W}" height="${NODE_H}" rx="9" fill="${fill}" stroke="${stroke}" stroke-width="1.6"${dash}/>`,
    `<text x="${r(node.x + NODE_W / 2)}" y="${r(node.y + 19)}" font-size="13" font-weight="bold" text-anchor="middle" fill="#263238">${escapeXml(node.state)}</text>`,
    `<text x="${r(node.x + NODE_W / 2)}" y="${r(node.y + 35)}" font-size="10" text-anchor="middle" fill="#546e7a">${escapeXml(sub)}</text>`,
    '</g>',
  ].join('');
}

function legend(x: number, y: number): string {
  const items = Object.entries(COLOURS).map(
    ([category, [fill, stroke]], i) =>
      `<rect x="${x + i * 118}" y="${y - 11}" width="14" height="14" rx="3" fill="${fill}" stroke="${stroke}"${category === 'pending' ? ' stroke-dasharray="4 2"' : ''}/><text x="${x + i * 118 + 20}" y="${y}" font-size="11" fill="#37474f">${category}</text>`,
  );
  return `<g>${items.join('')}<text x="${x}" y="${y + 18}" font-size="10" fill="#78909c">dashed border: SLA clock paused · double border: final state · [guard]: must hold for the event</text></g>`;
}
