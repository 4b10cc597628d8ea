/** Browser tests against the real kube-apiserver; run by test/cluster/run.sh while it is up. */
import { runTests } from './harness';
import { REAL_CLUSTER_TESTS } from './realCluster.e2e';

process.exitCode = await runTests(REAL_CLUSTER_TESTS, process.argv[2]);
