/**
 * A Headlamp release archive is unpacked once per checksum into the cache
 * and reused; an archive whose checksum is not the version list's is refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

let folder: string;
let archive: string;
let api: typeof import('../../demo/headlampArchive');

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'hfc-test-archive-'));
  const build = join(folder, 'build', 'headlamp-9.9.9');
  mkdirSync(join(build, 'frontend'), { recursive: true });
  writeFileSync(join(build, 'headlamp-server'), '#!/bin/sh\necho "Headlamp 9.9.9 (test)"\n', {
    mode: 0o755,
  });
  writeFileSync(join(build, 'frontend', 'index.html'), '<!doctype html>');
  archive = join(folder, 'headlamp-9.9.9.tar.gz');
  expect(
    spawnSync('tar', ['-czf', archive, '-C', join(folder, 'build'), 'headlamp-9.9.9']).status
  ).toBe(0);
  process.env.XDG_CACHE_HOME = join(folder, 'cache');
  api = await import('../../demo/headlampArchive');
});

afterAll(() => {
  delete process.env.XDG_CACHE_HOME;
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it('unpacks under the cache, keyed by the sha256, once', async () => {
  const sha256 = await api.sha256OfFile(archive);
  const dir = await api.unpackHeadlamp(archive, sha256);
  expect(dir).toBe(
    join(
      folder,
      'cache',
      'headlamp-flux-crossplane',
      'headlamp',
      sha256.slice(0, 16),
      'headlamp-9.9.9'
    )
  );
  const unpackedAt = statSync(join(dir, 'headlamp-server')).mtimeMs;
  expect(await api.unpackHeadlamp(archive)).toBe(dir);
  expect(statSync(join(dir, 'headlamp-server')).mtimeMs).toBe(unpackedAt);
});

it('refuses an archive whose checksum is not the one the version list names', async () => {
  const expected = '0'.repeat(64);
  await expect(api.unpackHeadlamp(archive, expected)).rejects.toThrow(
    new RegExp(`has sha256 [0-9a-f]{64}, not the ${expected}`)
  );
});

it('refuses an archive without headlamp-server, leaving nothing in the cache', async () => {
  const empty = join(folder, 'empty.tar.gz');
  writeFileSync(join(folder, 'README'), 'no server here');
  expect(spawnSync('tar', ['-czf', empty, '-C', folder, 'README']).status).toBe(0);
  await expect(api.unpackHeadlamp(empty)).rejects.toThrow('holds no headlamp-server');
  const key = (await api.sha256OfFile(empty)).slice(0, 16);
  expect(() => statSync(join(api.HEADLAMP_CACHE, key))).toThrow();
});
