import type { Page } from 'playwright-core';
import { frontendsToTest } from '../../e2e/frontends';
import {
  Browser,
  Demo,
  isKnownConsoleNoise,
  isLocal,
  knownHeadlampNoise,
  launchBrowser,
  startDemo,
} from '../../e2e/harness';

/**
 * The built plugin inside the real Headlamp (test/e2e/headlampBuilds.json; the
 * home-made shell where none is found and CI is not set) against one context
 * of a kubeconfig, in Debian's Chromium — what a person on call would open
 * next to `diagnose`. One page, kept open between steps; every console error,
 * page error, failed request or watch and request beyond 127.0.0.1 is
 * recorded (Headlamp's own known probes aside) and taken by `problems()`.
 */
export class PluginBrowser {
  private readonly found: Array<{ kind: string; text: string; where?: string }> = [];
  private current?: Page;

  private constructor(
    private readonly demo: Demo,
    private readonly browser: Browser,
    /** Headlamp's name of the cluster: the kubeconfig context. */
    readonly cluster: string,
    /** `Headlamp 0.45.0` or `shell`. */
    readonly frontend: string
  ) {}

  static async start(options: {
    kubeconfig: string;
    context: string;
    log: (line: string) => void;
  }): Promise<PluginBrowser> {
    const frontend = (await frontendsToTest(options.log))[0];
    const demo = await startDemo(options.log, [
      '--kubeconfig',
      options.kubeconfig,
      '--context',
      options.context,
      ...(frontend.headlampDir ? ['--headlamp', frontend.headlampDir] : []),
    ]);
    const browser = await launchBrowser().catch(async (error: unknown) => {
      await demo.stop();
      throw error;
    });
    return new PluginBrowser(demo, browser, options.context, frontend.label);
  }

  /** The plugin's page at `path` (below `/c/<cluster>/flux-crossplane/`), loaded afresh. */
  async open(path: string): Promise<Page> {
    const page = await this.page();
    const url = new URL(
      `c/${this.cluster}/flux-crossplane/${path.replace(/^\//, '')}`,
      this.demo.url
    ).toString();
    await page.goto(url);
    return page;
  }

  /** A Kustomization's page. */
  kustomization(namespace: string, name: string): Promise<Page> {
    return this.open(`kustomizations/${this.cluster}/${namespace}/${name}`);
  }

  /** What went wrong in the browser since the last call (known noise aside). */
  problems(): string[] {
    return this.found
      .splice(0)
      .filter(problem => !isKnownConsoleNoise(problem.text))
      .map(
        problem => `${problem.kind}: ${problem.text}${problem.where ? ` (${problem.where})` : ''}`
      );
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.demo.stop().catch(() => undefined);
  }

  private async page(): Promise<Page> {
    if (this.current && !this.current.isClosed()) return this.current;
    const page = await this.browser.context.newPage();
    // Failed loads of Headlamp's own probes are logged without their URL: one line set aside each.
    let probes = 0;
    page.on('console', message => {
      if (message.type() !== 'error') return;
      if (probes > 0 && message.text().startsWith('Failed to load resource')) {
        probes--;
        return;
      }
      this.found.push({ kind: 'console.error', text: message.text() });
    });
    page.on('request', request => {
      if (!isLocal(request.url()))
        this.found.push({ kind: 'off-machine request', text: request.url() });
    });
    page.on('response', response => {
      if (response.status() < 400) return;
      if (knownHeadlampNoise(response.url(), response.status())) {
        probes++;
        return;
      }
      this.found.push({
        kind: 'console.error',
        text: `HTTP ${response.status()} ${response.request().method()} ${response.url()}`,
      });
    });
    page.on('websocket', socket =>
      socket.on('socketerror', error =>
        this.found.push({ kind: 'failed watch', text: error, where: socket.url() })
      )
    );
    page.on('pageerror', error => this.found.push({ kind: 'pageerror', text: String(error) }));
    this.current = page;
    return page;
  }
}
