import { runWithProgress } from '../../demo/build';

/** The demo's builds (plugin, Headlamp shell) say how long they have been running. */
describe('demo builds report progress', () => {
  it('a build that prints nothing is reported as still running, then as built with its time', async () => {
    const lines: string[] = [];
    await runWithProgress(
      process.execPath,
      ['-e', 'setTimeout(() => {}, 700)'],
      'the test build',
      line => lines.push(line),
      200
    );
    expect(lines[0]).toBe('Building the test build…');
    const still = lines.filter(line => /^ {2}still building the test build: \d+ s$/.test(line));
    expect(still.length).toBeGreaterThanOrEqual(2);
    expect(lines[lines.length - 1]).toMatch(/^Built the test build in \d+\.\d s\.$/);
  });

  it('a failing build rejects with its exit status and stops reporting', async () => {
    const lines: string[] = [];
    await expect(
      runWithProgress(process.execPath, ['-e', 'process.exit(3)'], 'the test build', line =>
        lines.push(line)
      )
    ).rejects.toThrow('building the test build failed (exit 3)');
    expect(lines).toEqual(['Building the test build…']);
  });
});
