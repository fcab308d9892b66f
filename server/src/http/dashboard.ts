import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built dashboard (web/dist) at `/`: hashed assets cached for long, index.html never, and any
 * other GET that is not an API path falls back to index.html so client-side routes survive a reload.
 */
export function dashboardRouter(distDir: string): Router | undefined {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = express.Router();
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/^\/(?!graphql|healthz|readyz|metrics).*/, (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
