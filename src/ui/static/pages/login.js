// Sign in with an API key: POST /v1/session {key} sets the session cookies; then back to `next`.
import { api } from '../api.js';
import { errorBox, field, h, setTitle } from '../dom.js';

/** Only a path on this site (not //host, not a scheme) may be a redirect target. */
export function safeNext(next) {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/login') ? next : '/queue';
}

export async function render(main, ctx) {
  setTitle('Sign in');
  const next = safeNext(ctx.query.get('next'));
  const key = h('input', { type: 'password', name: 'key', autocomplete: 'current-password', required: true });
  const msg = h('div', { class: 'form-msg', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card login' },
    h('h1', {}, 'Sign in to chipguard'),
    field('API key', key, 'The key you were given (npx chipguard keys create). It is kept in a session cookie, never in the page.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
    msg,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren(h('p', {}, 'Signing in…'));
    try {
      await api('/v1/session', { method: 'POST', body: { key: key.value }, auth: false });
      location.assign(next);
    } catch (err) {
      if (err.status === 404) msg.replaceChildren(h('p', {}, 'This server has no sign-in (local mode). ', h('a', { href: next }, 'Continue')));
      else if (err.status === 401 || err.status === 403)
        msg.replaceChildren(errorBox({ message: 'The key was not accepted. Check it and try again.' }, 'Not signed in'));
      else msg.replaceChildren(errorBox(err, 'Not signed in'));
      key.select();
    }
  });
  main.replaceChildren(form);
  key.focus();
}
