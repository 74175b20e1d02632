// A network of linked parties (GET /v1/networks/:id or ?party=), drawn with cytoscape (served from node_modules).
import { api } from '../api.js';
import { empty, errorBox, field, h, setTitle } from '../dom.js';
import { reasonList } from './decision.js';

const CYTOSCAPE = '/ui/vendor/cytoscape/cytoscape.esm.min.mjs';

/** Members and links → cytoscape elements; a link end is a member id, a member name or a member index. */
export function toElements(net) {
  const members = net.members || [];
  const ids = members.map((m, i) => String(m.id ?? m.name ?? i));
  const resolve = (end) => {
    if (typeof end === 'number' && ids[end] !== undefined) return ids[end];
    const s = String(end);
    if (ids.includes(s)) return s;
    const byName = members.findIndex((m) => m.name === s);
    return byName >= 0 ? ids[byName] : null;
  };
  const nodes = members.map((m, i) => ({
    data: { id: ids[i], label: m.name || ids[i], kind: m.kind, listed: !!m.listed, denied: !!(m.denied || m.decision === 'deny') },
  }));
  const edges = (net.links || [])
    .map((l, i) => ({ a: resolve(l.a), b: resolve(l.b), l, i }))
    .filter((e) => e.a && e.b)
    .map(({ a, b, l, i }) => ({ data: { id: `e${i}`, source: a, target: b, label: l.via ? `${l.via.type}: ${l.via.value}` : '' } }));
  return [...nodes, ...edges];
}

export async function render(main, ctx) {
  setTitle('Network');
  const id = ctx.params[0];
  const party = ctx.query.get('party') || '';
  const name = h('input', { type: 'search', name: 'party', value: party, required: true });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find a network' },
    field('Party name', name),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Find network')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`/networks?party=${encodeURIComponent(name.value.trim())}`);
  });
  const out = h('div', { 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, 'Network of linked parties'), form, out);
  if (!id && !party) {
    out.replaceChildren(empty('Search for a party to draw the parties and accounts linked to it by shared identifiers.'));
    return;
  }
  let net;
  try {
    net = await api(id ? `/v1/networks/${encodeURIComponent(id)}` : `/v1/networks?party=${encodeURIComponent(party)}`);
  } catch (e) {
    out.replaceChildren(
      e.status === 404
        ? h(
            'div',
            { class: 'state empty', role: 'status' },
            h('strong', {}, 'No network found. '),
            id ? `There is no network ${id}` : `No network links to "${party}"`,
            ' (or this server does not build networks yet).',
          )
        : errorBox(e, 'The network could not be loaded'),
    );
    return;
  }
  const canvas = h('div', {
    class: 'network-canvas',
    role: 'img',
    'aria-label': `Network graph: ${(net.members || []).length} members, ${(net.links || []).length} links`,
  });
  const members = net.members || [];
  out.replaceChildren(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `Network ${net.id ?? ''}`, net.score !== undefined ? ` · score ${net.score}` : ''),
      h(
        'ul',
        { class: 'legend' },
        h('li', {}, h('span', { class: 'swatch deny' }), 'listed / denied'),
        h('li', {}, h('span', { class: 'swatch dot' }), 'party'),
        h('li', {}, h('span', { class: 'swatch review' }), 'account'),
      ),
      canvas,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Members'),
      members.length
        ? h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              {},
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Member', 'Kind', 'Listed', 'Decisions'].map((t) => h('th', { scope: 'col' }, t)),
                ),
              ),
              h(
                'tbody',
                {},
                members.map((m) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, m.name),
                    h('td', {}, m.kind),
                    h('td', {}, m.listed ? 'listed' : '—'),
                    h(
                      'td',
                      {},
                      (m.decisionIds || []).map((d, i) => [i ? ', ' : '', h('a', { href: `/decisions/${encodeURIComponent(d)}` }, d)]),
                    ),
                  ),
                ),
              ),
            ),
          )
        : empty('No members.'),
    ),
    net.reasons?.length ? h('section', { class: 'card' }, h('h2', {}, 'Reasons'), reasonList(net.reasons)) : null,
  );
  try {
    const { default: cytoscape } = await import(CYTOSCAPE);
    cytoscape({
      container: canvas,
      elements: toElements(net),
      layout: { name: 'cose', animate: false, padding: 40 },
      maxZoom: 1.6,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: { label: 'data(label)', 'font-size': 10, 'background-color': '#14263f', 'text-wrap': 'ellipsis', 'text-max-width': 120, color: '#1b1f24' },
        },
        { selector: 'node[kind = "account"]', style: { 'background-color': '#d99a00', shape: 'round-rectangle' } },
        { selector: 'node[?listed], node[?denied]', style: { 'background-color': '#b3261e', 'border-width': 3, 'border-color': '#5c0f0a' } },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#9aa4af',
            label: 'data(label)',
            'font-size': 8,
            color: '#5b6673',
            'curve-style': 'bezier',
            'text-rotation': 'autorotate',
            'text-background-color': '#fff',
            'text-background-opacity': 0.85,
            'text-background-padding': 2,
          },
        },
      ],
    });
  } catch (e) {
    canvas.replaceChildren(errorBox(e, 'The graph could not be drawn (the member table lists the same network)'));
  }
}
