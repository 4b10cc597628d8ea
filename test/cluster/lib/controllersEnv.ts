import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The running controllers (controllers.sh setup wrote RUN_DIR/controllers/controllers.env). */
export interface ControllersEnv {
  runDir: string;
  dir: string;
  server: string;
  kubeconfig: string;
  gitUrl: string;
  gitRepository: string;
  gitUser: string;
  gitPassword: string;
  chartsUrl: string;
  chartsDir: string;
  /** The controllers controllers.sh setup started (a story needing another one is skipped). */
  running: Set<string>;
}

function parseEnv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) values.set(match[1], match[2]);
  }
  return values;
}

export function controllersEnv(): ControllersEnv {
  const runDir = process.env.HFC_CLUSTER_RUN_DIR;
  const server = process.env.HFC_CLUSTER_CONTROLLERS_SERVER;
  const kubeconfig = process.env.HFC_CLUSTER_CONTROLLERS_KUBECONFIG;
  if (!runDir || !server || !kubeconfig) {
    throw new Error(
      'the controllers stage is not running: run "npm run test:cluster" (test/cluster/run.sh)'
    );
  }
  const values = parseEnv(readFileSync(join(runDir, 'controllers', 'controllers.env'), 'utf8'));
  const value = (name: string): string => {
    const found = values.get(name);
    if (!found) throw new Error(`controllers.env has no ${name}`);
    return found;
  };
  return {
    runDir,
    dir: value('HFC_CONTROLLERS_DIR'),
    server,
    kubeconfig,
    gitUrl: value('HFC_CONTROLLERS_GIT_URL'),
    gitRepository: value('HFC_CONTROLLERS_GIT_REPOSITORY'),
    gitUser: value('HFC_CONTROLLERS_GIT_USER'),
    gitPassword: readFileSync(value('HFC_CONTROLLERS_GIT_PASSWORD_FILE'), 'utf8').trim(),
    chartsUrl: value('HFC_CONTROLLERS_CHARTS_URL'),
    chartsDir: value('HFC_CONTROLLERS_CHARTS_DIR'),
    running: new Set((values.get('HFC_CONTROLLERS_RUNNING') ?? '').split(' ').filter(Boolean)),
  };
}
