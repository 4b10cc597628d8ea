import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readLive } from '../../../src/cli/live';
import { REPO_ROOT } from './env';

/**
 * A story step as the diagnose CLI reads it: every object `diagnose
 * --kubeconfig` lists (the same code, src/cli/live.ts), events included,
 * without managedFields. Written under test/fixtures/real/ when
 * HFC_CLUSTER_RECORD=1, so the unit tests hold the real statuses too.
 */

export const REAL_FIXTURES = join(REPO_ROOT, 'test/fixtures/real');

export interface StoryHeader {
  /** The moment the step was read (diagnose --now for the fixture). */
  now: string;
  /** Values the step's expectations need: commit shas, request tokens. */
  facts: Record<string, string>;
}

export async function readStep(kubeconfig: string): Promise<unknown[]> {
  const read = await readLive({ kubeconfig, contexts: [] });
  return read.objects.map(object => {
    const copy = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
    const metadata = copy.metadata as Record<string, unknown> | undefined;
    if (metadata) delete metadata.managedFields;
    return copy;
  });
}

/** The fixture text: a header comment (JSON) and the objects as multi-document YAML. */
export function fixtureText(header: StoryHeader, objects: unknown[]): string {
  return `# story-step ${JSON.stringify(header)}\n${objects
    .map(object => stringify(object, { lineWidth: 0 }))
    .join('---\n')}`;
}

/** The header of a fixture written by fixtureText. */
export function parseHeader(text: string): StoryHeader {
  const match = /^# story-step (\{.*\})\n/.exec(text);
  if (!match) throw new Error('not a story-step fixture (no "# story-step {…}" first line)');
  return JSON.parse(match[1]) as StoryHeader;
}

export function writeFixture(name: string, text: string): string | undefined {
  if (process.env.HFC_CLUSTER_RECORD !== '1') return undefined;
  mkdirSync(REAL_FIXTURES, { recursive: true });
  const file = join(REAL_FIXTURES, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}
