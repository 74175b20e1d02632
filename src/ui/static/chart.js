// Inline SVG charts drawn from data: the 3A090 TPP / performance-density map, stacked day bars, horizontal bars.
import { h, s } from './dom.js';

const BRANCH_COLOUR = { '3A090.a': 'var(--deny-soft)', '3A090.b': 'var(--review-soft)' };

/**
 * Items plotted by TPP (x, log scale) and performance density (y) over the 3A090 branches of the rule set
 * (from GET /v1/rules/thresholds). Returns the figure, or null when no item has a TPP.
 */
export function thresholdChart(items, thresholds) {
  const plotted = items.filter((i) => typeof i.tpp === 'number' && i.tpp > 0);
  if (!plotted.length) return null;
  const W = 640,
    H = 320,
    L = 56,
    R = 16,
    T = 16,
    B = 44;
  const branches = thresholds.branches || [];
  const tpps = [...plotted.map((i) => i.tpp), ...branches.flatMap((b) => [b.tppMin, b.tppBelow]).filter(Boolean)];
  const pds = [
    ...plotted.map((i) => i.performanceDensity).filter((v) => typeof v === 'number'),
    ...branches.flatMap((b) => [b.pdMin, b.pdBelow]).filter(Boolean),
  ];
  const xMin = Math.pow(10, Math.floor(Math.log10(Math.min(...tpps) / 2)));
  const xMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...tpps) * 1.5)));
  const yMax = Math.ceil(Math.max(...pds, 1) * 1.15);
  const x = (v) => L + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - L - R);
  const y = (v) => T + (1 - v / yMax) * (H - T - B);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'tchart-title' },
    s('title', { id: 'tchart-title' }, `Items by TPP and performance density against the 3A090 thresholds of rule set ${thresholds.rulesVersion}`),
  );
  // branch regions (a branch without a PD bound spans the whole height); labels on top of every region
  const labels = [];
  for (const b of branches) {
    const x0 = x(Math.max(b.tppMin ?? xMin, xMin)),
      x1 = x(Math.min(b.tppBelow ?? xMax, xMax));
    const y0 = y(Math.min(b.pdBelow ?? yMax, yMax)),
      y1 = y(b.pdMin ?? 0);
    svg.append(
      s(
        'rect',
        {
          x: x0,
          y: y0,
          width: Math.max(0, x1 - x0),
          height: Math.max(0, y1 - y0),
          fill: BRANCH_COLOUR[b.paragraph] ?? 'var(--muted-soft)',
          stroke: 'var(--line-strong)',
          'stroke-dasharray': '3 3',
        },
        s('title', {}, `${b.paragraph} (${b.id}): ${b.text}`),
      ),
    );
    labels.push(s('text', { x: x0 + 4, y: y0 + 14, class: 'region-label' }, b.id));
  }
  svg.append(...labels);
  // axes
  svg.append(s('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }), s('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }));
  for (let v = xMin; v <= xMax; v *= 10) {
    svg.append(
      s('line', { x1: x(v), y1: H - B, x2: x(v), y2: H - B + 4, class: 'axis' }),
      s('text', { x: x(v), y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, v.toLocaleString('en-US')),
    );
  }
  for (const t of [...new Set(branches.flatMap((b) => [b.tppMin, b.tppBelow]).filter(Boolean))]) {
    svg.append(s('text', { x: x(t), y: H - B + 30, 'text-anchor': 'middle', class: 'tick strong' }, String(t)));
  }
  const yStep = yMax > 20 ? 5 : yMax > 8 ? 2 : 1;
  for (let v = 0; v <= yMax; v += yStep) svg.append(s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, String(v)));
  for (const t of [...new Set(branches.flatMap((b) => [b.pdMin, b.pdBelow]).filter(Boolean))]) {
    svg.append(
      s('line', { x1: L, y1: y(t), x2: W - R, y2: y(t), class: 'threshold' }),
      s('text', { x: W - R - 2, y: y(t) - 3, 'text-anchor': 'end', class: 'tick strong' }, `PD ${t}`),
    );
  }
  svg.append(s('text', { x: (L + W - R) / 2, y: H - 2, 'text-anchor': 'middle', class: 'axis-label' }, 'Total processing performance (TPP, log scale)'));
  svg.append(
    s(
      'text',
      { x: 12, y: (T + H - B) / 2, transform: `rotate(-90 12 ${(T + H - B) / 2})`, 'text-anchor': 'middle', class: 'axis-label' },
      'Performance density',
    ),
  );
  // items
  for (const i of plotted) {
    const hasPd = typeof i.performanceDensity === 'number';
    const cx = x(Math.min(Math.max(i.tpp, xMin), xMax)),
      cy = y(hasPd ? Math.min(i.performanceDensity, yMax) : 0);
    svg.append(
      s(
        'g',
        { class: 'point' },
        s('circle', { cx, cy, r: 7, class: hasPd ? 'dot' : 'dot hollow' }),
        s('text', { x: cx, y: cy + 4, 'text-anchor': 'middle', class: 'dot-label' }, String(i.index + 1)),
        s('title', {}, `Item ${i.index + 1}: ${i.resolvedModel || ''} TPP ${i.tpp}, PD ${hasPd ? i.performanceDensity : 'unknown'} → ${i.eccn}`),
      ),
    );
  }
  const legend = h(
    'ul',
    { class: 'legend' },
    h('li', {}, h('span', { class: 'swatch a' }), '3A090.a'),
    h('li', {}, h('span', { class: 'swatch b' }), '3A090.b'),
    h('li', {}, h('span', { class: 'swatch dot' }), 'item (number = item); hollow: no performance density'),
  );
  return h(
    'figure',
    { class: 'chart-box' },
    svg,
    h('figcaption', {}, legend, h('small', { class: 'muted' }, `Thresholds of rule set ${thresholds.rulesVersion}: ${thresholds.citation}`)),
  );
}

/** Decisions per day, stacked by outcome. */
export function dayBars(perDay) {
  const W = 720,
    H = 240,
    L = 40,
    R = 8,
    T = 10,
    B = 36;
  const max = Math.max(1, ...perDay.map((d) => d.allow + d.review + d.deny));
  const bw = (W - L - R) / perDay.length;
  const y = (v) => T + (1 - v / max) * (H - T - B);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'days-title' },
    s('title', { id: 'days-title' }, 'Decisions per day by outcome'),
  );
  svg.append(s('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }));
  for (const v of [0, Math.round(max / 2), max]) svg.append(s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, String(v)));
  const labelEvery = Math.ceil(perDay.length / 8);
  perDay.forEach((d, i) => {
    let base = 0;
    const g = s('g', {}, s('title', {}, `${d.day}: ${d.allow} allow, ${d.review} review, ${d.deny} deny`));
    for (const k of ['allow', 'review', 'deny']) {
      if (!d[k]) continue;
      g.append(s('rect', { x: L + i * bw + 1, y: y(base + d[k]), width: Math.max(1, bw - 2), height: y(base) - y(base + d[k]), class: `bar-${k}` }));
      base += d[k];
    }
    svg.append(g);
    if (i % labelEvery === 0) svg.append(s('text', { x: L + i * bw + bw / 2, y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, d.day.slice(5)));
  });
  return svg;
}
