import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const INDEX = 'index.html';

/**
 * The built dashboard (web/dist) at `/`: hashed assets cached for long, index.html never, and any
 * other GET that is not an API path falls back to index.html so client-side routes survive a reload.
 */
export function dashboardRouter(distDir: string): Router | undefined {
  if (!existsSync(join(distDir, INDEX))) return undefined;
  const router = express.Router();
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/^\/(?!graphql|healthz|readyz|metrics).*/, (_req, res, next) => {
    res.setHeader('cache-control', 'no-cache');
    // Relative to its root: given an absolute path, send refuses any dot-segment in it, so a checkout
    // under `~/.local/…` would answer 404 for every page. With `root`, only the name is checked.
    res.sendFile(INDEX, { root: distDir }, (error) => error && next(error));
  });
  return router;
}
