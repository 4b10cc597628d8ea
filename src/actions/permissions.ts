import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import { useEffect, useState } from 'react';

/** Whether the user may patch an object, from a SelfSubjectAccessReview on the object's own cluster. */
export type Permission = 'checking' | 'allowed' | 'denied';

const answers = new Map<string, Promise<boolean>>();

function cacheKey(object: KubeObject): string {
  const data = object.jsonData as {
    apiVersion?: string;
    kind?: string;
    metadata?: { namespace?: string; name?: string };
  };
  return [
    object.cluster,
    data.apiVersion,
    data.kind,
    data.metadata?.namespace ?? '',
    data.metadata?.name ?? '',
  ].join('|');
}

export function canPatch(object: KubeObject): Promise<boolean> {
  const key = cacheKey(object);
  let answer = answers.get(key);
  if (!answer) {
    answer = object.getAuthorization('patch').then(
      (review: { status?: { allowed?: boolean } } | undefined) => review?.status?.allowed === true,
      () => false
    );
    answers.set(key, answer);
    // A denied or failed review may change (role granted later): ask again next time.
    answer.then(allowed => !allowed && answers.delete(key));
  }
  return answer;
}

/** Forget cached answers (tests). */
export function resetPermissions(): void {
  answers.clear();
}

export function usePatchPermission(object: KubeObject | undefined): Permission {
  const [permission, setPermission] = useState<Permission>('checking');
  useEffect(() => {
    if (!object) {
      setPermission('denied');
      return;
    }
    let cancelled = false;
    setPermission('checking');
    canPatch(object).then(allowed => !cancelled && setPermission(allowed ? 'allowed' : 'denied'));
    return () => {
      cancelled = true;
    };
  }, [object]);
  return permission;
}
