/**
 * The index of everything read, one file per job: input (what it is built from), maps (its
 * maps and their keys), build (the builders that fill the maps), lists (what could not be
 * read, or has not answered yet), clusterIndex (the index and its lookups).
 */
export type { IndexInput, ListedRecord } from './input';
export type { XrLayout } from './clusterIndex';
export { buildIndex, ClusterIndex } from './clusterIndex';
export type { ObjectRole, XrdType } from '../role';
