/**
 * The Crossplane tree a person reads on a Kustomization page and on the
 * detail page of any Crossplane object: definitions (XRD → Composition →
 * pipeline Functions), the claims and XRs applied, and what Crossplane
 * composed below them down to managed resources, their ProviderConfigs and
 * Providers. Pure data: the views only lay it out.
 *
 * types: the shapes; facts: what a node says of its object; build: nodes, their branch health
 * and order; marks: where failing branches start; section: the Kustomization's Crossplane
 * section; objectTree: any object, up and down. The rows on screen (paging) are the view-model's:
 * src/viewModels/crossplaneTreeRows.ts.
 */
export type {
  ConditionCell,
  DiagnosedAs,
  Fact,
  FactLabel,
  HealthCount,
  TreeGroup,
  TreeOptions,
  XpNode,
  XpRelation,
} from './types';
export { conditionCells, factsOf } from './facts';
export { branchHealth, finish, fromJoin, UNHEALTHY } from './build';
export { markRootCauses, pathsToRootCauses } from './marks';
export type { CrossplaneSectionModel } from './section';
export { compositionNameOf, kustomizationCrossplaneTree } from './section';
export type { ChainLink } from './objectTree';
export { objectTree, ownerChain } from './objectTree';
