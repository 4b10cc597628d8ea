/**
 * `--kubeconfig PATH --context NAME` with a real Headlamp: the kubeconfig is
 * cut down to that context (its cluster and user only), file paths made
 * absolute; an unknown context is a clear error naming the known ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeOneContext } from '../../demo/server/kubeconfigFile';

let folder: string;
let source: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'hfc-test-kubeconfig-'));
  source = join(folder, 'config');
  writeFileSync(join(folder, 'ca.crt'), 'not read here');
  writeFileSync(
    source,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: main',
      '  cluster: {server: "https://127.0.0.1:6443", certificate-authority: ca.crt}',
      '- name: other',
      '  cluster: {server: "https://127.0.0.1:7443"}',
      'users:',
      '- name: admin',
      '  user: {token: admin-token}',
      '- name: reader',
      '  user: {token: reader-token}',
      'contexts:',
      '- name: admin',
      '  context: {cluster: main, user: admin}',
      '- name: reader',
      '  context: {cluster: other, user: reader}',
      'current-context: reader',
      '',
    ].join('\n')
  );
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it('keeps only the named context, its cluster and its user', async () => {
  const target = join(folder, 'one');
  await writeOneContext(source, 'admin', target);
  const one = parse(readFileSync(target, 'utf8')) as {
    clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
    users: Array<{ name: string; user: Record<string, unknown> }>;
    contexts: Array<{ name: string }>;
    'current-context': string;
  };
  expect(one.contexts.map(context => context.name)).toEqual(['admin']);
  expect(one['current-context']).toBe('admin');
  expect(one.clusters).toEqual([
    {
      name: 'main',
      cluster: expect.objectContaining({
        server: 'https://127.0.0.1:6443',
        'certificate-authority': join(folder, 'ca.crt'),
      }),
    },
  ]);
  expect(one.users).toEqual([
    { name: 'admin', user: expect.objectContaining({ token: 'admin-token' }) },
  ]);
});

it('names the known contexts when the one asked for is not there', async () => {
  await expect(writeOneContext(source, 'nope', join(folder, 'x'))).rejects.toThrow(
    `context "nope" is not in ${source} (contexts: admin, reader)`
  );
});
