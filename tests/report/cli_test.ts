import assert from "node:assert/strict";
import { writeCell } from "../../lib/report/cells.ts";
import { writePageSpec } from "../../lib/report/page_spec.ts";
import { DEMO_PAGE, syntheticCell, writeDemoClaims } from "./_fixtures.ts";

// Runs the entry point as `deno task report` does: no network, no run permission.
async function report(
  args: string[],
  outDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--allow-read`,
      `--allow-write=${outDir}`,
      "lib/report/cli.ts",
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
  });
  const out = await cmd.output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

Deno.test("cli builds every paper with cells and the index when no paper is named", async () => {
  const outDir = await Deno.makeTempDir();
  for (const seed of [1, 2]) {
    await writeCell("demo", syntheticCell("kd", seed), { outDir });
  }
  await writePageSpec(DEMO_PAGE, { outDir });
  await writeDemoClaims(outDir);
  const r = await report(["--out", outDir, "--claims-dir", outDir], outDir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^demo: 2 cells, 2 missing, 0 skipped, 2 figures in [\d.]+ s -> /,
  );
  assert.match(
    await Deno.readTextFile(`${outDir}/index.html`),
    /href="demo\/index.html"/,
  );
  await Deno.stat(`${outDir}/demo/index.html`);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("cli exits 2 with a one-line message when a paper name is invalid", async () => {
  const outDir = await Deno.makeTempDir();
  const r = await report(["--out", outDir, "../etc"], outDir);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr.trim(),
    'error: Invalid paper name: expected ^[a-z0-9_-]+$, got "../etc"',
  );
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("cli exits 2 naming the known papers when a paper has no results", async () => {
  const outDir = await Deno.makeTempDir();
  await writeCell("demo", syntheticCell("kd", 1), { outDir });
  const r = await report(["--out", outDir, "kdd"], outDir);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr.trim(),
    `error: Unknown paper: "kdd" has no cells or page.json under ${outDir}/, expected one of: demo`,
  );
  await Deno.remove(outDir, { recursive: true });
});
