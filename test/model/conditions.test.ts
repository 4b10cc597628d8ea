import { conditionState, readyState, traceStatus } from '../../src/model/conditions';
import { toResource } from '../../src/model/resource';

function object(status: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const resource = toResource({
    apiVersion: 'example.org/v1',
    kind: 'Thing',
    metadata: { name: 'a', generation: 3, ...extra },
    status,
  });
  if (!resource) throw new Error('fixture');
  return resource;
}

describe('conditionState', () => {
  it('reads the status, not the presence, of a condition', () => {
    expect(readyState(object({ conditions: [{ type: 'Ready', status: 'True' }] }))).toBe('true');
    expect(readyState(object({ conditions: [{ type: 'Ready', status: 'False' }] }))).toBe('false');
    expect(readyState(object({ conditions: [{ type: 'Ready', status: 'Unknown' }] }))).toBe(
      'unknown'
    );
    expect(readyState(object({ conditions: [{ type: 'Ready', status: 'maybe' }] }))).toBe(
      'unknown'
    );
    expect(readyState(object({ conditions: [] }))).toBe('absent');
  });

  it('reports a condition about an older generation as progressing', () => {
    const stale = object({
      conditions: [{ type: 'Ready', status: 'False', observedGeneration: 2 }],
    });
    expect(conditionState(stale, 'Ready')).toBe('progressing');
    const staleFlux = object({
      observedGeneration: 2,
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(readyState(staleFlux)).toBe('progressing');
    const current = object({
      observedGeneration: 3,
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(readyState(current)).toBe('true');
  });
});

describe('traceStatus (crossplane beta trace order)', () => {
  it('deleting wins over everything', () => {
    const deleting = object(
      { conditions: [{ type: 'Ready', status: 'True' }] },
      { deletionTimestamp: '2026-01-01T00:00:00Z' }
    );
    expect(traceStatus(deleting).state).toBe('deleting');
  });
  it('Ready reason when Synced and Ready are both True', () => {
    const ok = object({
      conditions: [
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        { type: 'Ready', status: 'True', reason: 'Available' },
      ],
    });
    expect(traceStatus(ok)).toEqual({ state: 'ready', reason: 'Available', message: '' });
  });
  it('Synced reason and whole message before Ready', () => {
    const long = 'connect failed: '.repeat(10) + 'cannot get referenced ProviderConfig';
    const failing = object({
      conditions: [
        { type: 'Synced', status: 'False', reason: 'ReconcileError', message: long },
        { type: 'Ready', status: 'False', reason: 'Creating', message: 'Unready resources: x' },
      ],
    });
    expect(traceStatus(failing)).toEqual({
      state: 'not-synced',
      reason: 'ReconcileError',
      message: long,
    });
  });
  it('Ready reason when only Ready is not True', () => {
    const waiting = object({
      conditions: [
        { type: 'Synced', status: 'True' },
        {
          type: 'Ready',
          status: 'False',
          reason: 'Creating',
          message: 'Unready resources: bucket',
        },
      ],
    });
    expect(traceStatus(waiting)).toEqual({
      state: 'not-ready',
      reason: 'Creating',
      message: 'Unready resources: bucket',
    });
  });
  it('unknown when there are no conditions', () => {
    expect(traceStatus(object({})).state).toBe('unknown');
  });
});
