import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const INDEX_HTML = '<!doctype html><html><head><title>LevelSync test dashboard</title></head><body><div id="root"></div></body></html>';

/** A tiny built dashboard (index.html + one hashed asset) under a parent whose name starts with a dot. */
async function dashboardUnderDotDirectory(): Promise<{ parent: string; dist: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'levelsync-dash-'));
  const dist = join(parent, '.hidden', 'levelsync', 'web', 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), INDEX_HTML);
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log("dashboard");');
  return { parent, dist };
}

describe('when the dashboard is built under a directory whose name starts with a dot', () => {
  let app: TestApp;
  let parent: string;

  beforeAll(async () => {
    const built = await dashboardUnderDotDirectory();
    parent = built.parent;
    app = await startTestApp({}, { dashboardDir: built.dist });
  });
  afterAll(async () => {
    await app.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('serves index.html at /, uncached', async () => {
    const response = await fetch(`${app.httpUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves index.html for a client-side route, so a reload keeps the page', async () => {
    const response = await fetch(`${app.httpUrl}/violations/open`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves hashed assets, cached for long', async () => {
    const response = await fetch(`${app.httpUrl}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('answers a missing asset with NOT_FOUND naming the path', async () => {
    const response = await fetch(`${app.httpUrl}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'No route for GET /assets/missing.js', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});

describe('when no dashboard is built', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers an unknown path with NOT_FOUND naming the route', async () => {
    const response = await fetch(`${app.httpUrl}/anything-unknown`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'No route for GET /anything-unknown', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('answers / with NOT_FOUND, not a JSON parse error', async () => {
    const response = await fetch(`${app.httpUrl}/`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toEqual({ message: 'No route for GET /', extensions: { code: 'NOT_FOUND' } });
  });

  it('still answers a malformed JSON body as BAD_USER_INPUT', async () => {
    const response = await fetch(`${app.graphqlUrl}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toEqual({ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
