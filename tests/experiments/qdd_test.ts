import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { readCells } from "../../lib/report/mod.ts";
import { runExperiment } from "./_run_experiment.ts";
import {
  DEFAULTS,
  PROFILE_OVERRIDES,
  protocolText,
} from "../../experiments/_qdd_config.ts";

const runQdd = (args: string[], outDir: string) =>
  runExperiment("qdd", args, outDir);

Deno.test("reproduce:qdd --profile smoke writes every cell, the page with its PNG grids, then resumes with nothing to do", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "qdd_smoke_" });
  try {
    const first = await runQdd(["--profile", "smoke"], outDir);
    assert.equal(first.code, 0, first.stderr);
    const { cells, problems } = await readCells("qdd", { outDir });
    assert.equal(problems.length, 0);
    // mnist × (classical × 2 inits + 2 quantum models × 2 inits × 2 impls) × 1 eval net
    assert.equal(cells.length, 10);
    for (const c of cells) {
      for (const key of ["testAcc", "testAccBefore"]) {
        const v = c.metrics[key]!;
        assert.ok(v >= 0 && v <= 100, `${c.id} ${key} = ${v}`);
      }
      assert.equal(c.curves!.outerLoss.length, 2);
      assert.ok(c.curves!.outerLoss.every(Number.isFinite), c.id);
      assert.equal(c.curves!.stepSize.length, 3); // S·E = 1·3 learned step sizes
    }
    const html = await Deno.readTextFile(`${outDir}/qdd/index.html`);
    assert.match(html, /91\.9/); // the paper column, from the claims file
    // the protocol states what smoke shrinks against the published code
    assert.match(html, /2 outer steps instead of ~23\.6k \(MNIST\)/);
    assert.match(html, /real minibatches of 32 instead of 1024/);
    const png = await Deno.readFile(
      `${outDir}/qdd/distilled/smoke-mnist-q-trainable-known-code-s0.png`,
    );
    // IHDR width, height, colour type: one row of 10 images 28×28 with 2-pixel gaps, greyscale
    const view = new DataView(png.buffer, png.byteOffset);
    assert.deepEqual([view.getUint32(16), view.getUint32(20), png[25]], [
      10 * 30 - 2,
      28,
      0,
    ]);
    assert.ok(
      inflateSync(png.subarray(41, 41 + view.getUint32(33))).length > 0,
    );
    // every run's grid is an image figure of the page, none missing
    for (
      const run of [
        "classical-known-code",
        "classical-unknown-code",
        "q-trainable-known-code",
        "q-trainable-unknown-paper",
        "q-pauliz-known-paper",
      ]
    ) {
      assert.match(
        html,
        new RegExp(`<img src="distilled/smoke-mnist-${run}-s0\\.png"`),
      );
    }
    assert.doesNotMatch(html, /image of figure/);
    assert.equal(
      (html.match(/<figure class="image"/g) ?? []).length,
      10, // one per run
    );
    const second = await runQdd(["--profile", "smoke"], outDir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /10 runs, 10 done/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("reproduce:qdd --help prints its usage and exits 0", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "qdd_help_" });
  try {
    const { code, stdout } = await runQdd(["--help"], outDir);
    assert.equal(code, 0);
    assert.match(stdout, /reproduce:qdd/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("qdd protocol text states each change of a profile against the published code, the outer lr included", () => {
  assert.match(
    protocolText("paper", DEFAULTS),
    /These are the published code's defaults\./,
  );
  const lrOnly = protocolText("paper", { ...DEFAULTS, lr: 0.05 });
  assert.match(lrOnly, /Adam lr 0\.05 \(β1 0\.5\)/);
  assert.match(lrOnly, /changes: outer Adam lr 0\.05 instead of 0\.01/);
  const quick = { ...DEFAULTS, ...PROFILE_OVERRIDES.quick };
  const text = protocolText("quick", quick);
  for (
    const change of [
      `${quick.nOuterSteps} outer steps instead of ~23.6k`,
      `outer Adam lr ${quick.lr} instead of 0.01`,
      `real minibatches of ${quick.batchSize} instead of 1024`,
      `n_nets ${quick.nNetsKnown}, the README uses 1`,
      "--impl paper runs only for q-trainable",
    ]
  ) assert.ok(text.includes(change), change);
});
