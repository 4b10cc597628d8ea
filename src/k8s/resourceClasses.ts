import { makeCustomResourceClass } from '@kinvolk/headlamp-plugin/lib/Crd';
import type { KubeObjectClass } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';

export interface ClassSpec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const classes = new Map<string, KubeObjectClass>();

/** One Headlamp resource class per group/version/plural, created once so hooks stay stable. */
export function resourceClass(spec: ClassSpec): KubeObjectClass {
  const key = `${spec.group}/${spec.version}/${spec.plural}`;
  let cls = classes.get(key);
  if (!cls) {
    cls = makeCustomResourceClass({
      apiInfo: [{ group: spec.group, version: spec.version }],
      kind: spec.kind || spec.plural,
      pluralName: spec.plural,
      singularName: (spec.kind || spec.plural).toLowerCase(),
      isNamespaced: spec.namespaced,
    });
    classes.set(key, cls);
  }
  return cls;
}
