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

/**
 * What a fact names: an id the view turns into words (one static t() call each,
 * src/views/crossplane/treeText.ts); the ids read as the English labels.
 */
export type FactLabel =
  | 'Defines'
  | 'Claim kind'
  | 'Scope'
  | 'Mode'
  | 'For'
  | 'Current revision'
  | 'Package'
  | 'Desired state'
  | 'Composition'
  | 'Composition revision'
  | 'Resource name'
  | 'External name'
  | 'Paused'
  | 'Step';

/** A fact next to a node: its label's id, and the value as the object says it. */
export interface Fact {
  label: FactLabel;
  value: string;
}

/** What a heading node groups: an id the view turns into words (src/views/crossplane/treeText.ts). */
export type TreeGroup =
  | 'Definitions and their claims and composite resources'
  | 'Claims and composite resources whose XRD is not found'
  | 'Claims and composite resources whose Composition is not found'
  | 'Claims and composite resources'
  | 'Pipeline'
  | 'Packages'
  | 'Managed resources'
  | 'Other Crossplane objects';

export interface HealthCount {
  health: Health;
  count: number;
}

export interface XpNode {
  /** Unique in one tree (path-based). */
  id: string;
  /** Set on heading nodes: what they group (the view says it in words). */
  group?: TreeGroup;
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
