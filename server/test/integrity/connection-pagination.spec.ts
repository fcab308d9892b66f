import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPair, insertStudent, queueRun } from './integrity-domain-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Page {
  totalCount: number;
  pageInfo: PageInfo;
  ids: number[];
  cursors: string[];
}

type Args = { first?: number; after?: string | null; last?: number; before?: string | null; filter?: Record<string, unknown> };

const LISTS = {
  violations: 'query ($first: Int, $after: String, $last: Int, $before: String, $filter: ViolationFilter) { violations(first: $first, after: $after, last: $last, before: $before, filter: $filter) { ...page } }',
  checkRuns: 'query ($first: Int, $after: String, $last: Int, $before: String) { checkRuns(first: $first, after: $after, last: $last, before: $before) { ...page } }',
  repairs: 'query ($first: Int, $after: String, $last: Int, $before: String) { repairs(first: $first, after: $after, last: $last, before: $before) { ...page } }',
} as const;
type List = keyof typeof LISTS;

const PAGE_FIELDS = (list: List) =>
  `fragment page on ${list === 'violations' ? 'Violation' : list === 'checkRuns' ? 'CheckRun' : 'Repair'}Connection {
     totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } }`;

describe('connection pagination, forwards and backwards', () => {
  let app: TestApp;
  let admin: string;
  const VIOLATIONS = 7;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    for (let i = 0; i < VIOLATIONS; i += 1) {
      await insertPair(app, await insertStudent(app), 'PLAYER', { progress: { totalXp: 0, level: 1 } });
    }
    for (let i = 0; i < 5; i += 1) await app.services.integrity.run((await queueRun(app, 'MANUAL')).id);
  });
  afterAll(() => app.close());

  async function request(list: List, args: Args) {
    return app.gql<Record<List, { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: { id: string } }> }>>(
      `${LISTS[list]} ${PAGE_FIELDS(list)}`,
      args,
      admin,
    );
  }

  async function page(list: List, args: Args): Promise<Page> {
    const { body } = await request(list, args);
    expect(body.errors, JSON.stringify(args)).toBeUndefined();
    const connection = body.data![list];
    return {
      totalCount: connection.totalCount,
      pageInfo: connection.pageInfo,
      ids: connection.edges.map((e) => Number(e.node.id)),
      cursors: connection.edges.map((e) => e.cursor),
    };
  }

  /** Every page from the newest with first/after, and every page from the oldest with last/before. */
  async function walks(list: List, size: number, filter?: Record<string, unknown>) {
    const forward: Page[] = [];
    for (let after: string | null = null; forward.length < 20; ) {
      const current = await page(list, { first: size, after, filter });
      forward.push(current);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    const backward: Page[] = [];
    for (let before: string | null = null; backward.length < 20; ) {
      const current = await page(list, { last: size, before, filter });
      backward.push(current);
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    return { forward, backward };
  }

  for (const list of ['violations', 'checkRuns'] as const) {
    describe(`${list}`, () => {
      it('walks the same rows forwards and backwards, the pages in mirrored order', async () => {
        const everything = await page(list, { first: 100 });
        expect(everything.ids.length).toBeGreaterThanOrEqual(5);
        const { forward, backward } = await walks(list, 2);
        const forwardIds = forward.flatMap((p) => p.ids);
        expect(forwardIds).toEqual(everything.ids);
        // Backwards the walk meets the oldest page first; each page still reads newest first.
        expect([...backward].reverse().flatMap((p) => p.ids)).toEqual(forwardIds);
        // Pages are cut from the far end: backwards the newest page holds what is left over.
        expect(backward.at(-1)!.ids).toEqual(everything.ids.slice(0, everything.ids.length % 2 || 2));
        expect(new Set(forwardIds).size).toBe(forwardIds.length);
        for (const p of [...forward, ...backward]) expect(p.ids).toEqual([...p.ids].sort((a, b) => b - a));
      });

      it('says honestly whether there is a page on either side', async () => {
        const { forward, backward } = await walks(list, 2);
        expect(forward.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual(
          forward.map((_, i) => [i > 0, i < forward.length - 1]),
        );
        expect(backward.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual(
          backward.map((_, i) => [i < backward.length - 1, i > 0]),
        );
        for (const p of [...forward, ...backward]) {
          expect(p.pageInfo.startCursor).toBe(p.cursors[0]);
          expect(p.pageInfo.endCursor).toBe(p.cursors.at(-1));
        }
      });

      it('round-trips cursors: back from a page’s start is the page before it, and forward from there is the page again', async () => {
        const first = await page(list, { first: 2 });
        const second = await page(list, { first: 2, after: first.pageInfo.endCursor });
        const back = await page(list, { last: 2, before: second.pageInfo.startCursor });
        expect(back.ids).toEqual(first.ids);
        expect(back.cursors).toEqual(first.cursors);
        expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
        const again = await page(list, { first: 2, after: back.pageInfo.endCursor });
        expect(again.ids).toEqual(second.ids);
        // Any edge's cursor works as a bookmark: after and before it are the rows on each side.
        const middle = second.cursors[0]!;
        const index = (await page(list, { first: 100 })).cursors.indexOf(middle);
        const all = await page(list, { first: 100 });
        expect((await page(list, { first: 100, after: middle })).ids).toEqual(all.ids.slice(index + 1));
        expect((await page(list, { last: 100, before: middle })).ids).toEqual(all.ids.slice(0, index));
      });

      it('fills a page of exactly the remaining size without promising another one', async () => {
        const total = (await page(list, { first: 100 })).ids.length;
        expect((await page(list, { first: total })).pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
        expect((await page(list, { last: total })).pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
        expect((await page(list, { first: total - 1 })).pageInfo).toMatchObject({ hasNextPage: true });
        expect((await page(list, { last: total - 1 })).pageInfo).toMatchObject({ hasPreviousPage: true });
        const end = await page(list, { first: 100 });
        const beyond = await page(list, { first: 2, after: end.pageInfo.endCursor });
        expect(beyond).toMatchObject({ ids: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
      });
    });
  }

  describe('violations', () => {
    it('answers an empty list with an empty page and no pages around it', async () => {
      for (const args of [{ first: 5 }, { last: 5 }]) {
        const empty = await page('violations', { ...args, filter: { type: 'ORPHAN_LICENSE' } });
        expect(empty).toMatchObject({ totalCount: 0, ids: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
      }
    });

    it('defaults to the newest 50 forwards when neither first nor last is given', async () => {
      const unsized = await page('violations', {});
      expect(unsized.ids).toEqual((await page('violations', { first: 50 })).ids);
      expect(unsized.pageInfo.hasPreviousPage).toBe(false);
    });

    it('has no previous page once the rows before the cursor are gone (resolved)', async () => {
      const first = await page('violations', { first: 2 });
      const second = await page('violations', { first: 2, after: first.pageInfo.endCursor });
      expect(second.pageInfo.hasPreviousPage).toBe(true);
      await app.sql('update violations set resolved_at = now() where id = any(?)', [first.ids]);
      try {
        const again = await page('violations', { first: 2, after: first.pageInfo.endCursor });
        expect(again.ids).toEqual(second.ids);
        expect(again.pageInfo.hasPreviousPage).toBe(false);
        expect((await page('violations', { last: 2, before: second.pageInfo.startCursor })).ids).toEqual([]);
      } finally {
        await app.sql('update violations set resolved_at = null where id = any(?)', [first.ids]);
      }
    });

    it('refuses both directions at once, bad sizes and foreign cursors with BAD_USER_INPUT, naming the field', async () => {
      const { cursors } = await page('violations', { first: 1 });
      const run = await page('checkRuns', { first: 1 });
      const cases: Array<[Args, string]> = [
        [{ first: 2, last: 2 }, 'last'],
        [{ first: 2, before: cursors[0] }, 'before'],
        [{ after: cursors[0], last: 2 }, 'last'],
        [{ after: cursors[0], before: cursors[0] }, 'before'],
        [{ last: 0 }, 'last'],
        [{ last: 101 }, 'last'],
        [{ first: 0 }, 'first'],
        [{ last: 2, before: 'not-a-cursor' }, 'before'],
        [{ last: 2, before: run.cursors[0] }, 'before'],
        [{ first: 2, after: run.cursors[0] }, 'after'],
      ];
      for (const [args, field] of cases) {
        const { body } = await request('violations', args);
        // A field error: the (nullable) list is null, the request itself is answered.
        expect({ args, data: body.data?.violations ?? null, extensions: body.errors?.[0]?.extensions }).toMatchObject({
          args,
          data: null,
          extensions: { code: 'BAD_USER_INPUT', field },
        });
      }
      const both = await request('violations', { first: 2, last: 2 });
      expect(both.body.errors?.[0]?.message).toBe('Page forwards with first and after, or backwards with last and before, not both in one request');
    });
  });

  describe('repairs', () => {
    it('pages backwards too', async () => {
      await app.services.repairs.autoSync((await queueRun(app, 'AUTO_SYNC')).id, 'sync-job');
      const { forward, backward } = await walks('repairs', 3);
      const ids = forward.flatMap((p) => p.ids);
      expect(ids).toHaveLength(VIOLATIONS);
      expect([...backward].reverse().flatMap((p) => p.ids)).toEqual(ids);
    });
  });
});
