import { stringField } from '../model/json';
import { Resource } from '../model/resource';
import { parseRevision } from '../model/revision';
import { Message, msg } from './messages';

/** The revision a Kustomization last tried (`status.lastAttemptedRevision`), as Flux wrote it. */
export function lastAttempted(kustomization: Resource): string | undefined {
  return stringField(kustomization.raw, 'status', 'lastAttemptedRevision');
}

/** That revision in words: `commit <short>`, or "the latest commit" when the status names none. */
export function revisionText(kustomization: Resource): Message {
  const attempted = parseRevision(lastAttempted(kustomization));
  return attempted.raw
    ? msg('kustomize.revision.commit', { commit: attempted.short })
    : msg('kustomize.revision.latest');
}
