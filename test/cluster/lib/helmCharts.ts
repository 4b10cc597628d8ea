import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * Charts for the stage's local Helm repository: each one a real chart archive
 * (Chart.yaml and templates, packed with tar as `helm package` lays it out),
 * and an index.yaml listing every version written so far. No chart holds a
 * Deployment: no kube-controller-manager runs here, so one would never be ready.
 */

export interface ChartVersion {
  name: string;
  version: string;
  /** templates/<file> → content */
  templates: Record<string, string>;
}

export class HelmRepository {
  private readonly versions: Array<ChartVersion & { digest: string }> = [];

  constructor(private readonly dir: string, private readonly url: string) {}

  add(chart: ChartVersion): void {
    const work = mkdtempSync(join(tmpdir(), 'hfc-chart-'));
    try {
      const root = join(work, chart.name);
      mkdirSync(join(root, 'templates'), { recursive: true });
      writeFileSync(
        join(root, 'Chart.yaml'),
        stringify({
          apiVersion: 'v2',
          name: chart.name,
          version: chart.version,
          type: 'application',
        })
      );
      for (const [file, content] of Object.entries(chart.templates)) {
        writeFileSync(join(root, 'templates', file), content);
      }
      const archive = join(this.dir, `${chart.name}-${chart.version}.tgz`);
      execFileSync('tar', ['-czf', archive, '-C', work, chart.name]);
      const digest = createHash('sha256').update(readFileSync(archive)).digest('hex');
      this.versions.push({ ...chart, digest });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    this.writeIndex();
  }

  private writeIndex(): void {
    const entries: Record<string, unknown[]> = {};
    for (const chart of this.versions) {
      (entries[chart.name] ??= []).unshift({
        apiVersion: 'v2',
        name: chart.name,
        version: chart.version,
        type: 'application',
        digest: chart.digest,
        urls: [`${this.url}/${chart.name}-${chart.version}.tgz`],
        created: new Date().toISOString(),
      });
    }
    writeFileSync(
      join(this.dir, 'index.yaml'),
      stringify({ apiVersion: 'v1', entries, generated: new Date().toISOString() })
    );
  }
}
