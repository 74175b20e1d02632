import type { NextFunction, Request, Response } from 'express';
import { AuthService } from './auth.service';
import { authenticate } from './authenticate';

/** The web UI's top-level page paths (src/ui serves them; the JSON API is under /v1). */
const UI_PAGE = /^\/(ui|queue|decisions|lists|batch|cloud|overview|networks)(\/|$)/;

/** Web UI paths: `/`, the pages and `/ui/*` need a session (or local mode); the login page and static assets do not. */
export function isUiPage(path: string): boolean {
  return path === '/' || UI_PAGE.test(path);
}

export function isPublicUiPath(path: string): boolean {
  if (path === '/login' || path.startsWith('/login/') || path === '/favicon.ico') return true;
  if (/^\/(ui\/)?(assets|static)\//.test(path)) return true;
  return /\.(css|js|mjs|map|png|svg|ico|woff2?|ttf|jpg|jpeg|gif|webp)$/i.test(path);
}

/** Express middleware in front of the UI's pages (whoever serves them: a controller or express.static). */
export function uiPagesGuard(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isUiPage(req.path) || isPublicUiPath(req.path)) return next();
    authenticate(req, auth)
      .then((outcome) => {
        if (outcome.ok) return next();
        res.status(outcome.status).type('html').send(signInPage(outcome.status, req.originalUrl));
      })
      .catch(next);
  };
}

/** The answer to a page request without a session: a link (and a redirect) to the login page, back to this page after. */
function signInPage(status: number, url: string): string {
  if (status !== 401)
    return '<!doctype html><meta charset="utf-8"><title>chipguard: forbidden</title><p>Forbidden: your key\'s role cannot open this page.</p>';
  const login = `/login?next=${encodeURIComponent(url.startsWith('/') && !url.startsWith('//') ? url : '/')}`;
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${login}"><title>chipguard: sign in</title><p>Please <a href="${login}">sign in</a>.</p>`;
}
