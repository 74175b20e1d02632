import { Controller, Get, Module, OnModuleInit, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Application, Response } from 'express';
import { static as serveStatic } from 'express';
import { dirname, join } from 'path';
import { ALL_ROLES } from '../auth/roles';
import { Public, Roles } from '../auth/roles.decorator';

/** The folder of the web interface's files: src/ui/static in tests, dist/ui/static after `nest build` (nest-cli.json assets). */
export const UI_STATIC_DIR = join(__dirname, 'static');

/** cytoscape's browser build, served from node_modules (nothing is loaded from the internet). */
export const CYTOSCAPE_DIR = dirname(require.resolve('cytoscape'));

/** The single-page application's paths: each answers index.html, the client-side router draws the page. */
export const UI_PAGES = ['/', '/queue', '/decisions/:id', '/lists', '/batch', '/cloud', '/overview', '/networks', '/networks/:id'];

@ApiExcludeController()
@Controller()
export class UiController {
  /** The pages: any signed-in role (what a role may do on them, the API decides); without a session, 401. */
  @Get(UI_PAGES)
  @Roles(...ALL_ROLES)
  page(@Res() res: Response): void {
    sendIndex(res);
  }

  @Get('/login')
  @Public()
  login(@Res() res: Response): void {
    sendIndex(res);
  }
}

function sendIndex(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(join(UI_STATIC_DIR, 'index.html'));
}

/**
 * The reviewer web interface at `/`: static HTML, CSS and ES modules from UI_STATIC_DIR under /ui/, talking to
 * the JSON API (/v1/...). Mounted on the HTTP adapter before Nest's not-found handler.
 */
@Module({ controllers: [UiController] })
export class UiModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<Application>();
    if (!app || typeof app.use !== 'function') return;
    const options = { index: false, fallthrough: true, maxAge: 0 };
    app.use('/ui/vendor/cytoscape', serveStatic(CYTOSCAPE_DIR, options));
    app.use('/ui', serveStatic(UI_STATIC_DIR, options));
  }
}
