// The single-page shell: a path router over the pages, the signed-in user in the header.
import { logout, session } from './api.js';
import { errorBox, h, loading } from './dom.js';

const ROUTES = [
  [/^\/(queue)?$/, 'queue', () => import('./pages/queue.js')],
  [/^\/decisions\/([^/]+)$/, 'queue', () => import('./pages/decision.js')],
  [/^\/lists$/, 'lists', () => import('./pages/lists.js')],
  [/^\/batch$/, 'batch', () => import('./pages/batch.js')],
  [/^\/cloud$/, 'cloud', () => import('./pages/cloud.js')],
  [/^\/overview$/, 'overview', () => import('./pages/overview.js')],
  [/^\/networks(?:\/([^/]+))?$/, 'networks', () => import('./pages/network.js')],
  [/^\/login$/, null, () => import('./pages/login.js')],
];

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  const path = location.pathname;
  const route = ROUTES.find(([re]) => re.test(path));
  document.querySelectorAll('[data-nav]').forEach((a) => a.removeAttribute('aria-current'));
  if (!route) {
    main.replaceChildren(errorBox({ message: `There is no page at ${path}.` }, 'Page not found'));
    return;
  }
  const [re, nav, load] = route;
  if (nav) document.querySelector(`[data-nav="${nav}"]`)?.setAttribute('aria-current', 'page');
  main.replaceChildren(loading());
  try {
    const isLogin = nav === null;
    const [page, user] = await Promise.all([load(), isLogin ? Promise.resolve(null) : session()]);
    if (seq !== renderSeq) return;
    if (user) showUser(user);
    const params = path
      .match(re)
      .slice(1)
      .map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
    const ctx = { params, query: new URLSearchParams(location.search), session: user, navigate, isCurrent: () => seq === renderSeq };
    await page.render(main, ctx);
  } catch (e) {
    if (seq !== renderSeq || (e && e.status === 401)) return;
    main.replaceChildren(errorBox(e));
  }
}

function showUser(user) {
  const who = document.getElementById('who');
  if (who.dataset.name === user.name) return;
  who.dataset.name = user.name;
  who.replaceChildren(
    h('span', { class: 'who-name' }, user.name),
    h('span', { class: 'badge role' }, user.role),
    user.local
      ? h('span', { class: 'badge local', title: 'No API keys exist yet: loopback requests act as the local admin' }, 'local mode')
      : h('button', { type: 'button', class: 'link', onclick: () => logout() }, 'Sign out'),
  );
}

document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || a.hasAttribute('download') || a.target) return;
  if (/^\/(v1|docs|health|ui)(\/|$)/.test(url.pathname)) return;
  e.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
  document.getElementById('main').focus({ preventScroll: false });
});
window.addEventListener('popstate', render);
render();
