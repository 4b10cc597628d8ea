import { compositionRevisionRefOf, compositionUpdatePolicyOf } from '../model/crossplane';
import { asArray, field } from '../model/json';
import { XP_APIEXTENSIONS_GROUP } from '../model/kinds';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { Finding, finding, RuleContext } from './context';
import { CrossplaneCase, kindAndName, openAction } from './crossplaneText';
import { matchesAny, XP_NO_COMPOSITION, XP_REVISION_MISSING } from './matchers';
import { commaList, Message, msg } from './messages';

/** XP-REVISION-MISSING and XP-NO-COMPOSITION: no Composition (revision) can be selected for an XR. */

export function revisionMissing({
  context,
  resource: xr,
  said,
  text,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  const index = context.index;
  const pinned = compositionRevisionRefOf(index, xr);
  const pinnedMissing =
    !!pinned &&
    compositionUpdatePolicyOf(index, xr) === 'Manual' &&
    !index.anyGapFor(xr.cluster, XP_APIEXTENSIONS_GROUP, 'CompositionRevision') &&
    !index.get({
      cluster: xr.cluster,
      group: XP_APIEXTENSIONS_GROUP,
      kind: 'CompositionRevision',
      namespace: '',
      name: pinned,
    });
  if (
    !matchesAny(text, XP_REVISION_MISSING) &&
    !(pinnedMissing && said.synced?.status === 'False' && matchesAny(text, XP_NO_COMPOSITION))
  )
    return undefined;
  return finding({
    ...base,
    rule: RULES.XP_REVISION_MISSING,
    title: !pinned
      ? msg('composition.revisionMissing.title', kindAndName(xr))
      : pinnedMissing
      ? msg('composition.revisionMissing.titlePinnedMissing', {
          ...kindAndName(xr),
          revision: pinned,
        })
      : msg('composition.revisionMissing.titlePinned', { ...kindAndName(xr), revision: pinned }),
    explanation: msg('composition.revisionMissing.explanation'),
    actions: [trace],
  });
}

export function noComposition({
  context,
  resource: xr,
  text,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_NO_COMPOSITION)) return undefined;
  const index = context.index;
  const candidates = index.compositionsFor(xr.cluster, xr.group, xr.kind);
  return finding({
    ...base,
    rule: RULES.XP_NO_COMPOSITION,
    title: msg('composition.noComposition.title', kindAndName(xr)),
    explanation: candidates.length
      ? msg('composition.noComposition.candidates', {
          kind: xr.kind,
          compositions: commaList(candidates.map(c => c.name)),
        })
      : index.anyGapFor(xr.cluster, XP_APIEXTENSIONS_GROUP, 'Composition')
      ? msg('composition.noComposition.unreadable')
      : nothingComposes(context, xr),
    actions: [trace, ...candidates.slice(0, 3).map(c => openAction(c))],
  });
}

/**
 * No Composition for the XR's type. The dependsOn advice only when the Kustomization that
 * applies the XR has no spec.dependsOn: a Composition may still come from another
 * Kustomization. With dependsOn already there, that advice does not fit.
 */
function nothingComposes(context: RuleContext, xr: Resource): Message {
  const type = { apiVersion: xr.apiVersion, kind: xr.kind };
  const owner = context.index.inventoryOwnersOf(xr)[0];
  if (!owner || asArray(field(owner.raw, 'spec', 'dependsOn')).length > 0)
    return msg('composition.noComposition.none', type);
  return msg('composition.noComposition.noneDependsOn', {
    ...type,
    namespace: owner.namespace,
    kustomization: owner.name,
  });
}
