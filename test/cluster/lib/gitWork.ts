import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A work clone of the stage's Git repository: the stories write files,
 * commit and push (to the bare repository on disk; the Git server serves
 * it over HTTP to source-controller) with the real git.
 */
export class GitWork {
  constructor(private readonly dir: string, private readonly bare: string) {}

  static create(dir: string, bare: string): GitWork {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const work = new GitWork(dir, bare);
    work.git('init', '--quiet', '--initial-branch=main');
    work.git('config', 'user.name', 'HFC Stories');
    work.git('config', 'user.email', 'stories@hfc.invalid');
    work.git('remote', 'add', 'origin', bare);
    return work;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8' }).trim();
  }

  /** Writes (or with null, removes) files, commits them all and pushes; the new commit's sha. */
  commit(message: string, files: Record<string, string | null>): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        rmSync(full, { force: true });
      } else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '-m', message);
    return this.push();
  }

  /** `git revert` of the last commit, pushed; the new commit's sha. */
  revertLast(): string {
    this.git('revert', '--no-edit', 'HEAD');
    return this.push();
  }

  private push(): string {
    // --force: a new run against the same stage starts the history anew.
    this.git('push', '--quiet', '--force', 'origin', 'HEAD:main');
    return this.git('rev-parse', 'HEAD');
  }
}
