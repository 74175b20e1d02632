import type { NextFunction, Request, Response } from 'express';
import { AuthService } from './auth.service';
import { authenticate } from './authenticate';

/** Web UI paths: `/` and `/ui/*` need a session (or local mode); the login page and static assets do not. */
export function isUiPage(path: string): boolean {
  return path === '/' || path === '/ui' || path.startsWith('/ui/');
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
        res
          .status(outcome.status)
          .type('html')
          .send(`<!doctype html><meta charset="utf-8"><title>chipguard: sign in</title><p>${outcome.status === 401 ? 'Please <a href="/login">sign in</a>.' : 'Forbidden.'}</p>`);
      })
      .catch(next);
  };
}
