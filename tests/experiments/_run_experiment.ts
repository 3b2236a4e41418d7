/**
 * Runs an experiment script the way its `deno task reproduce:<paper>` does:
 * with the permission flags declared in deno.json (so a missing permission
 * fails the test), plus read and write access to the test's output folder.
 *
 * @module
 */

const ROOT = new URL("../../", import.meta.url).pathname;

/** What a run printed and how it ended. */
export interface ExperimentRun {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/**
 * The `deno run` flags of a `reproduce:<paper>` task, widened to `outDir`.
 *
 * @param paper Task suffix, e.g. `qdrop`.
 * @param outDir Output folder the test passes with `--out`.
 * @returns The flags in task order.
 */
export function taskFlags(paper: string, outDir: string): string[] {
  const tasks = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)).tasks;
  const task: string | undefined = tasks[`reproduce:${paper}`];
  if (task === undefined) {
    throw new Error(`deno.json has no task reproduce:${paper}`);
  }
  return task.split(/\s+/).filter((t) => t.startsWith("--")).map((flag) =>
    /^--allow-(read|write)=/.test(flag) ? `${flag},${outDir}` : flag
  );
}

/**
 * Run `experiments/<paper>.ts` from the repository root with its task's
 * permissions and `--out outDir` appended.
 *
 * @param paper Task suffix, e.g. `qdrop`.
 * @param args Flags for the script.
 * @param outDir Output folder (also granted read and write).
 * @returns Exit code and output.
 */
export async function runExperiment(
  paper: string,
  args: string[],
  outDir: string,
): Promise<ExperimentRun> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...taskFlags(paper, outDir),
      `experiments/${paper}.ts`,
      ...args,
      "--out",
      outDir,
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}
