import fc from 'fast-check';
import { buildIndex } from '../../src/model/clusterIndex';
import { healthOf } from '../../src/model/health';
import { joinTree } from '../../src/model/join';
import { provenanceOf } from '../../src/model/provenance';
import { commitRollouts, sourceRollouts } from '../../src/model/rollout';
import { loadFixture } from '../fixtures/load';

/**
 * The model never throws on odd JSON: whatever the API server, a snapshot
 * file or a broken controller hands it, every function returns.
 */
const skeletons = loadFixture('platform.yaml');

const oddValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 })
);

/** Replaces or deletes the value at a random path of a JSON object. */
function mutate(value: unknown, path: number[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null)
    return remove ? undefined : replacement;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  if (entries.length === 0) return remove ? undefined : replacement;
  const [key, child] = entries[path[0] % entries.length];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...value };
  const next = mutate(child, path.slice(1), replacement, remove);
  if (Array.isArray(copy)) copy[Number(key)] = next;
  else if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

const mutatedObject = fc
  .tuple(
    fc.constantFrom(...skeletons),
    fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
    oddValue,
    fc.boolean()
  )
  .map(([skeleton, path, replacement, remove]) => mutate(skeleton, path, replacement, remove));

function exerciseEverything(objects: unknown[]): void {
  const index = buildIndex({ objects, defaultCluster: 'c' });
  for (const resource of index.resources) {
    healthOf(index, resource);
    joinTree(index, resource);
    provenanceOf(index, resource);
  }
  commitRollouts(sourceRollouts(index, { now: 0 }));
}

describe('the model on odd input', () => {
  it('never throws on arbitrary JSON values (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 8 }), objects => {
        exerciseEverything(objects);
      }),
      { numRuns: 1000 }
    );
  });

  it('never throws on real objects with fields removed or replaced by odd values (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(mutatedObject, { minLength: 1, maxLength: 12 }), mutated => {
        // Mutated copies first: the first copy of an object wins in the index.
        exerciseEverything([...mutated, ...skeletons]);
      }),
      { numRuns: 1000 }
    );
  });
});
