import { ClusterIndex } from '../model/clusterIndex';
import { KubeEvent, sortEvents } from '../model/events';
import { kindInfo } from '../model/kinds';
import { Condition, joinApiVersion, ObjectRef, refKey, Resource } from '../model/resource';
import { sameRevision } from '../model/revision';
import { RuleInfo } from './catalogue';
import { Message, renderEnglish } from './messages';
import { Diagnosis, Evidence, Subject, SuggestedAction } from './types';

/** An object whose alerting and rollout the platform team cares most about. */
export interface KeyObject {
  kind: string;
  namespace: string;
  name: string;
  /** Limit to one cluster; all clusters when absent. */
  cluster?: string;
}

export interface RuleSettings {
  keyObjects: KeyObject[];
  /** A reconcile request not handled after this many ms counts as stale (default 10 minutes). */
  requestStaleAfterMs: number;
  /** Multiples of `spec.interval` after which a reconciliation counts as overdue (default 2). */
  staleIntervals: number;
}

/** The Flux objects a key-object setting names, in its cluster or in every cluster read. */
export function keyObjectsIn(index: ClusterIndex, key: KeyObject): Resource[] {
  const clusters = key.cluster ? [key.cluster] : index.clusters;
  return clusters.flatMap(cluster =>
    index
      .findByKind(cluster, key.kind, key.namespace, key.name)
      .filter(resource => resource.group.endsWith('toolkit.fluxcd.io'))
  );
}

export const DEFAULT_KEY_OBJECTS: KeyObject[] = [
  { kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' },
  { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
];

export const DEFAULT_SETTINGS: RuleSettings = {
  keyObjects: DEFAULT_KEY_OBJECTS,
  requestStaleAfterMs: 10 * 60_000,
  staleIntervals: 2,
};

export interface RuleContext {
  index: ClusterIndex;
  now: number;
  settings: RuleSettings;
}

/**
 * What a rule returns: a diagnosis plus the objects that block the subject
 * (used to chain root causes after every rule has run).
 */
export interface Finding {
  diagnosis: Diagnosis;
  blockedBy: ObjectRef[];
}

export function subjectOf(ref: ObjectRef & { apiVersion?: string }): Subject {
  const version = ref.version || kindInfo(ref.group, ref.kind)?.versions[0];
  const subject: Subject = {
    apiVersion: ref.apiVersion || (version ? joinApiVersion(ref.group, version) : ref.group),
    kind: ref.kind,
    name: ref.name,
  };
  if (ref.cluster) subject.cluster = ref.cluster;
  if (ref.namespace) subject.namespace = ref.namespace;
  return subject;
}

/** The object a diagnosis names: `apiVersion` is `group/version`, `v1` (core), or a bare `group` when no version was known. */
export function refOfSubject(subject: Subject): ObjectRef {
  const slash = subject.apiVersion.lastIndexOf('/');
  const group =
    slash >= 0
      ? subject.apiVersion.slice(0, slash)
      : subject.apiVersion.includes('.')
      ? subject.apiVersion
      : '';
  return {
    cluster: subject.cluster ?? '',
    group,
    kind: subject.kind,
    namespace: subject.namespace ?? '',
    name: subject.name,
  };
}

export function subjectKey(subject: Subject): string {
  return refKey(refOfSubject(subject));
}

/** A controller's message as people read it: no trailing newlines or blank lines around it. */
export function messageText(message: string | undefined): string {
  return (message ?? '').trim();
}

export function conditionEvidence(condition: Condition | undefined): Evidence[] {
  if (!condition) return [];
  const reason = condition.reason ? ` (${condition.reason})` : '';
  const text = messageText(condition.message);
  const message = text ? `: ${text}` : '';
  return [{ kind: 'condition', text: `${condition.type}=${condition.status}${reason}${message}` }];
}

export function eventEvidence(events: KubeEvent[], limit = 3): Evidence[] {
  return sortEvents(events)
    .slice(0, limit)
    .map(event => ({
      kind: 'event' as const,
      text: `${event.type} ${event.reason}: ${messageText(event.message)}`.trim(),
    }));
}

export function warningEvents(context: RuleContext, resource: Resource): KubeEvent[] {
  return context.index.eventsFor(resource).filter(event => event.type === 'Warning');
}

/**
 * Warning events about one revision: Flux annotates its events with the
 * revision they are about; an event of an earlier revision is history that a
 * later commit may already have fixed. Events without the annotation are kept.
 */
export function warningEventsAt(
  context: RuleContext,
  resource: Resource,
  revision: string | undefined
): KubeEvent[] {
  return warningEvents(context, resource).filter(
    event => !revision || event.revision === undefined || sameRevision(event.revision, revision)
  );
}

/** Longest title a diagnosis gets; the full text stays in the evidence. */
export const TITLE_MAX = 200;

export function capTitle(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length <= TITLE_MAX ? flat : `${flat.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/** An evidence line a rule words itself (a message), beside lines quoted from the cluster. */
export interface WordedEvidence {
  kind: Evidence['kind'];
  message: Message;
}

export type EvidenceInput = Evidence | WordedEvidence;

/** An action with its label as a message (see `commands.ts`). */
export type ActionInput = Omit<SuggestedAction, 'label'> & { label: Message };

export interface FindingInput {
  rule: RuleInfo;
  resource: ObjectRef & { apiVersion?: string };
  title: Message;
  explanation: Message;
  evidence?: EvidenceInput[];
  actions: ActionInput[];
  blockedBy?: ObjectRef[];
  severity?: Diagnosis['severity'];
}

function evidenceText(evidence: EvidenceInput): Evidence {
  return 'message' in evidence
    ? { kind: evidence.kind, text: renderEnglish(evidence.message) }
    : { kind: evidence.kind, text: evidence.text };
}

function actionOf(action: ActionInput): SuggestedAction {
  return { ...action, label: renderEnglish(action.label) };
}

/** A rule's finding: the English texts (the English renderer) and, beside them, their data. */
export function finding(input: FindingInput): Finding {
  const evidence = input.evidence ?? [];
  return {
    diagnosis: {
      ruleId: input.rule.id,
      severity: input.severity ?? input.rule.severity,
      subject: subjectOf(input.resource),
      title: capTitle(renderEnglish(input.title)),
      explanation: renderEnglish(input.explanation),
      evidence: evidence.map(evidenceText),
      actions: input.actions.map(actionOf),
      text: {
        title: input.title,
        explanation: input.explanation,
        evidence: evidence.map(each => ('message' in each ? each.message : null)),
        actions: input.actions.map(action => action.label),
      },
    },
    blockedBy: input.blockedBy ?? [],
  };
}

export type Rule = (context: RuleContext) => Finding[];

/** Appends actions to a diagnosis after its rule ran, keeping their label data beside them. */
export function appendActions(diagnosis: Diagnosis, actions: ActionInput[]): void {
  diagnosis.actions.push(...actions.map(actionOf));
  diagnosis.text?.actions.push(...actions.map(action => action.label));
}
