import { shellWord } from '../common/shellWord';
import { ObjectRef } from '../model/resource';
import { ActionInput, subjectOf } from './context';
import { Message, msg } from './messages';

/** Copyable command lines and UI actions, spelled the way the flux, kubectl and crossplane CLIs take them. */

const FLUX_CLI_KINDS: Record<string, string> = {
  Kustomization: 'kustomization',
  HelmRelease: 'helmrelease',
  GitRepository: 'source git',
  OCIRepository: 'source oci',
  Bucket: 'source bucket',
  HelmRepository: 'source helm',
  HelmChart: 'source chart',
  Alert: 'alert',
  Provider: 'alert-provider',
  Receiver: 'receiver',
};

function scopeFlags(ref: ObjectRef): string {
  const parts: string[] = [];
  if (ref.namespace) parts.push(`-n ${shellWord(ref.namespace)}`);
  if (ref.cluster) parts.push(`--context ${shellWord(ref.cluster)}`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function kubectlResource(ref: ObjectRef): string {
  return ref.group ? `${ref.kind.toLowerCase()}.${ref.group}` : ref.kind.toLowerCase();
}

export function fluxCommand(
  verb: 'reconcile' | 'suspend' | 'resume',
  ref: ObjectRef,
  extra = ''
): string {
  const kind = FLUX_CLI_KINDS[ref.kind] ?? ref.kind.toLowerCase();
  return `flux ${verb} ${kind} ${shellWord(ref.name)}${scopeFlags(ref)}${extra ? ` ${extra}` : ''}`;
}

/**
 * `flux logs` filtered for one object: the controller's lines about it.
 * `fluxNamespace`: where the controllers run, when not in flux-system (the CLI's default).
 */
export function fluxLogs(ref: ObjectRef, fluxNamespace?: string): string {
  const where =
    fluxNamespace && fluxNamespace !== 'flux-system'
      ? ` --flux-namespace=${shellWord(fluxNamespace)}`
      : '';
  return `flux logs --kind=${ref.kind} --name=${shellWord(ref.name)}${scopeFlags(ref)}${where}`;
}

/**
 * `kubectl logs` of one container of a pod (or `deploy/NAME` when no pod is
 * known); `previous` for the container that crashed; `grep` keeps the lines
 * that name one object.
 */
export function kubectlLogs(
  target: Pick<ObjectRef, 'cluster' | 'namespace' | 'name' | 'kind'>,
  container: string,
  options: { previous?: boolean; grep?: string } = {}
): string {
  const what = target.kind === 'Pod' ? target.name : `deploy/${target.name}`;
  const flags = [
    ...(container ? [`-c ${shellWord(container)}`] : []),
    ...(options.previous ? ['--previous'] : []),
  ];
  const scope = scopeFlags({ ...target, group: '', kind: target.kind });
  const filter = options.grep ? ` | grep -F -- ${shellWord(options.grep)}` : '';
  return `kubectl logs ${shellWord(what)}${
    flags.length ? ` ${flags.join(' ')}` : ''
  }${scope}${filter}`;
}

export function kubectlDescribe(ref: ObjectRef): string {
  return `kubectl describe ${kubectlResource(ref)} ${shellWord(ref.name)}${scopeFlags(ref)}`;
}

export function kubectlEvents(ref: ObjectRef): string {
  // Group-qualified so that two kinds of one name (a claim and an MR, say) are not confused.
  // A cluster-scoped object has no namespace to name: its events are wherever the recorder
  // put them (client-go uses `default`), so look in all namespaces.
  const all = ref.namespace ? '' : ' -A';
  return `kubectl events --for ${kubectlResource(ref)}/${shellWord(ref.name)}${scopeFlags(
    ref
  )}${all}`;
}

export function crossplaneTrace(ref: ObjectRef): string {
  return `crossplane beta trace ${kubectlResource(ref)} ${shellWord(ref.name)}${scopeFlags(ref)}`;
}

export function command(label: Message, line: string): ActionInput {
  return { label, kind: 'command', command: line };
}

export function open(label: Message, ref: ObjectRef): ActionInput {
  return { label, kind: 'open', target: subjectOf(ref) };
}

/** Opens a pod in Headlamp's log viewer (its pod page with the logs view). */
export function openLogs(label: Message, pod: ObjectRef): ActionInput {
  return {
    label,
    kind: 'open',
    target: subjectOf({ ...pod, version: pod.version || 'v1' }),
    view: 'logs',
  };
}

export function reconcile(ref: ObjectRef, withSource = false): ActionInput {
  return {
    label: withSource ? msg('action.reconcileWithSource') : msg('action.reconcile'),
    kind: withSource ? 'reconcile-with-source' : 'reconcile',
    target: subjectOf(ref),
    command: fluxCommand('reconcile', ref, withSource ? '--with-source' : ''),
  };
}

export function resume(ref: ObjectRef): ActionInput {
  return {
    label: msg('action.resume'),
    kind: 'resume',
    target: subjectOf(ref),
    command: fluxCommand('resume', ref),
  };
}

export function suspend(ref: ObjectRef): ActionInput {
  return {
    label: msg('action.suspend'),
    kind: 'suspend',
    target: subjectOf(ref),
    command: fluxCommand('suspend', ref),
  };
}

export function doc(label: Message, url: string): ActionInput {
  return { label, kind: 'doc', url };
}
