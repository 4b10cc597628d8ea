import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/model/index';
import { healthOf } from '../../src/model/health';
import { kstatusOf } from '../../src/model/kstatus';
import { toResource } from '../../src/model/resource';

function resource(object: Record<string, unknown>) {
  const result = toResource(object);
  if (!result) throw new Error('not a resource');
  return result;
}

const deployment = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
  resource({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps', generation: 2 },
    spec,
    status: { observedGeneration: 2, ...status },
  });

describe('kstatus: the verdict of Flux health checks on Kubernetes kinds', () => {
  it('a Deployment rolled out is Current, one short of ready pods is InProgress with the count', () => {
    const conditions = [
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    ];
    const done = deployment(
      { replicas: 2, progressDeadlineSeconds: 600 },
      { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions }
    );
    expect(kstatusOf(done)).toEqual({
      status: 'Current',
      reason: '',
      message: 'Deployment is available. Replicas: 2',
    });
    const rolling = deployment(
      { replicas: 2, progressDeadlineSeconds: 600 },
      { replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1, conditions }
    );
    expect(kstatusOf(rolling)).toMatchObject({ status: 'InProgress', message: 'Available: 1/2' });
  });

  it('a Deployment past its progress deadline is Failed; an unobserved generation is InProgress', () => {
    const stuck = deployment(
      { replicas: 1, progressDeadlineSeconds: 600 },
      {
        replicas: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      }
    );
    expect(kstatusOf(stuck)).toMatchObject({
      status: 'Failed',
      reason: 'ProgressDeadlineExceeded',
    });
    const unobserved = deployment({ replicas: 1 }, { observedGeneration: 1 });
    expect(kstatusOf(unobserved)).toMatchObject({
      status: 'InProgress',
      message: 'Deployment generation is 2, but latest observed generation is 1',
    });
  });

  it('a crash-looping Pod is Failed, a pending claim of storage InProgress, a ConfigMap Current', () => {
    const pod = resource({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'apps' },
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    });
    expect(kstatusOf(pod)).toMatchObject({
      status: 'Failed',
      message: 'Containers in CrashLoop state: app',
    });
    const pvc = resource({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'apps' },
      status: { phase: 'Pending' },
    });
    expect(kstatusOf(pvc)).toMatchObject({
      status: 'InProgress',
      message: 'PVC is not Bound. phase: Pending',
    });
    const configMap = resource({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'apps' },
    });
    expect(kstatusOf(configMap).status).toBe('Current');
  });

  it('a Job that failed is Failed, one not started InProgress', () => {
    const job = (status: Record<string, unknown>) =>
      resource({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j', namespace: 'a' },
        status,
      });
    expect(kstatusOf(job({ failed: 3, conditions: [{ type: 'Failed', status: 'True' }] }))).toEqual(
      {
        status: 'Failed',
        reason: 'JobFailed',
        message: 'Job Failed. failed: 3/1',
      }
    );
    expect(kstatusOf(job({})).status).toBe('InProgress');
  });

  it('health of an inventory row of a Kubernetes kind reads kstatus: in progress is not failing', () => {
    const index = buildIndex({ objects: [] });
    const rolling = deployment({ replicas: 3 }, { replicas: 3, updatedReplicas: 1 });
    expect(healthOf(index, rolling)).toEqual({
      health: 'progressing',
      reason: 'LessUpdated',
      message: 'Updated: 1/3',
    });
  });

  it('never throws and always gives one of its four verdicts, whatever the object holds', () => {
    const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Job', 'Service'];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.option(fc.jsonValue()),
        fc.option(fc.jsonValue()),
        (kind, spec, status) => {
          const group = ['Pod', 'Service'].includes(kind) ? '' : kind === 'Job' ? 'batch' : 'apps';
          const object = resource({
            apiVersion: group ? `${group}/v1` : 'v1',
            kind,
            metadata: { name: 'x', namespace: 'y', generation: 1 },
            spec,
            status,
          });
          expect(['Current', 'InProgress', 'Failed', 'Terminating']).toContain(
            kstatusOf(object).status
          );
        }
      )
    );
  });
});
