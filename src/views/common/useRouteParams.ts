import { useParams } from 'react-router-dom';
import { clusterFromParam } from '../routes';

/** The object named by a detail route: its own cluster (`-` for none), namespace, name and, for sources, kind. */
export function useObjectParams(): {
  cluster: string;
  namespace: string;
  name: string;
  kind?: string;
} {
  const params = useParams<{
    objectCluster?: string;
    namespace?: string;
    name?: string;
    kind?: string;
  }>();
  return {
    cluster: clusterFromParam(params.objectCluster),
    namespace: params.namespace ?? '',
    name: params.name ?? '',
    kind: params.kind,
  };
}
