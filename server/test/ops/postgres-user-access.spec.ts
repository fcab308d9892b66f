import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertPostgresUserCanRun, binariesForPostgresUser, closedAncestor, clusterDirForPostgresUser } from '../../src/standalone/postgres-user-access';

// Run as root, the embedded postgres runs as the `postgres` user; these checks turn a bare EACCES
// from initdb into a message that names the closed directory. They read mode bits only, so they
// behave the same whoever runs the tests.
describe('whether the postgres user can reach the embedded cluster', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'levelsync-access-'));
    chmodSync(root, 0o755);
  });
  afterEach(() => {
    chmodSync(root, 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('finds the nearest directory others cannot enter', () => {
    const bin = join(root, 'checkout', 'node_modules', 'bin');
    mkdirSync(bin, { recursive: true });
    expect(closedAncestor(join(bin, 'postgres'))).toBeUndefined();

    chmodSync(join(root, 'checkout'), 0o700);
    expect(closedAncestor(join(bin, 'postgres'))).toBe(join(root, 'checkout'));
    expect(() => assertPostgresUserCanRun(bin)).toThrow(
      `because ${join(root, 'checkout')} is closed to other users: run as a non-root user, open it with \`chmod o+x ${join(root, 'checkout')}\``,
    );
  });

  it('keeps the cluster in the data directory it opens, or in a durable home of its own below a closed directory', () => {
    const data = join(root, 'outer', 'data');
    const clusters = join(root, 'clusters');
    mkdirSync(data, { recursive: true });
    chmodSync(data, 0o700);
    expect(clusterDirForPostgresUser(data, clusters)).toBe(join(data, 'postgres'));
    expect(statSync(data).mode & 0o777).toBe(0o711);

    chmodSync(join(root, 'outer'), 0o700);
    const home = clusterDirForPostgresUser(data, clusters);
    expect(dirname(dirname(home))).toBe(clusters);
    expect(closedAncestor(home)).toBeUndefined();
    expect(clusterDirForPostgresUser(data, clusters)).toBe(home); // the same at every start

    chmodSync(clusters, 0o700);
    expect(() => clusterDirForPostgresUser(data, clusters)).toThrow(`(${clusters} is closed to other users)`);
  });

  it('runs the binaries where they are when it can, and from one reusable copy below a closed checkout', async () => {
    const bin = join(root, 'checkout', 'node_modules', 'native', 'bin');
    mkdirSync(join(root, 'checkout', 'node_modules', 'native', 'share'), { recursive: true });
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'postgres'), 'the server', { mode: 0o755 });
    writeFileSync(join(bin, '..', 'share', 'postgres.bki'), 'catalog');
    expect(binariesForPostgresUser(bin)).toBe(bin);

    chmodSync(join(root, 'checkout'), 0o700);
    const copy = binariesForPostgresUser(bin);
    try {
      expect(copy).not.toBe(bin);
      expect(closedAncestor(join(copy, 'postgres'))).toBeUndefined();
      expect(readFileSync(join(copy, 'postgres'), 'utf8')).toBe('the server');
      expect(statSync(join(copy, 'postgres')).mode & 0o777).toBe(0o755);
      expect(readFileSync(join(dirname(copy), 'share', 'postgres.bki'), 'utf8')).toBe('catalog');
      // A later start reuses the copy.
      writeFileSync(join(copy, 'marker'), '');
      expect(binariesForPostgresUser(bin)).toBe(copy);
      expect(existsSync(join(copy, 'marker'))).toBe(true);
    } finally {
      rmSync(dirname(copy), { recursive: true, force: true });
    }
  });
});
