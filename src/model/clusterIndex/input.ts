import { PendingList, VisibilityGap } from '../visibility';

/** What an index is built from: the objects read, and what of the cluster could not be read. */
export interface IndexInput {
  /** Plain JSON objects from any number of clusters (an object's `cluster` field, or `defaultCluster`). */
  objects: readonly unknown[];
  /** Lists that failed. */
  visibility?: readonly VisibilityGap[];
  /** Lists asked for that have not answered yet: unknown, never empty, never a failure. */
  pending?: readonly PendingList[];
  /** Cluster names that were read, including ones that returned nothing. */
  clusters?: readonly string[];
  defaultCluster?: string;
  /**
   * The lists that answered, when the reader plans its lists (the plugin reads
   * kinds in use): an object of a kind not listed here is unknown, not missing.
   * Unset (the CLI, a snapshot): kinds are judged read by what the index holds.
   */
  listed?: readonly ListedRecord[];
}

/** One list that answered: its kind, and its label selector when it read only labelled objects. */
export interface ListedRecord {
  cluster: string;
  group: string;
  kind: string;
  labelSelector?: string;
}
