import { ObjectRole } from '../clusterIndex';
import { Health, HealthSummary } from '../health';
import { Presence, Relation } from '../join';
import { ObjectRef, Resource } from '../resource';

export type XpRelation = Relation | 'xrd' | 'instance' | 'group' | 'step';

/** One condition as a column shows it: verbatim status and reason, flagged when it describes an older generation. */
export interface ConditionCell {
  type: string;
  /** `True`, `False`, `Unknown`, or `''` when the object has no such condition. */
  status: string;
  reason: string;
  stale: boolean;
}

/** A fact next to a node. `label` is English text (translated by the view). */
export interface Fact {
  label: string;
  value: string;
}

export interface HealthCount {
  health: Health;
  count: number;
}

export interface XpNode {
  /** Unique in one tree (path-based). */
  id: string;
  /** Set on heading nodes: English text, translated by the view. */
  group?: string;
  ref?: ObjectRef;
  resource?: Resource;
  presence: Presence;
  role: ObjectRole | 'unknown';
  relation: XpRelation;
  /** `crossplane beta trace` precedence for XRs, claims and MRs; each kind's own conditions otherwise. */
  status: HealthSummary;
  conditions: ConditionCell[];
  facts: Fact[];
  /** Whether the Kustomization's inventory lists it (false: shown for context). */
  applied?: boolean;
  /** The walk stopped here: the object is already shown higher up. */
  repeated?: boolean;
  /** Keep the children in their own order (pipeline steps). */
  ordered?: boolean;
  children: XpNode[];
  /** Worst health of the node and everything below it. */
  worst: Health;
  /** Direct children by health, worst first. */
  childCounts: HealthCount[];
  /** Number of nodes below this one. */
  size: number;
  /** The object where a failing branch starts: its banner explains the branch. */
  rootCause: boolean;
}

/** What the rules said about an object: `root` when it has a diagnosis of its own with no deeper cause. */
export type DiagnosedAs = 'root' | 'symptom' | undefined;

export interface TreeOptions {
  diagnosed?: (ref: ObjectRef) => DiagnosedAs;
}
