import assert from "node:assert/strict";
import { figureClaimIds, loadClaims, readCells } from "../../lib/report/mod.ts";
import { armSettings, cellId } from "../../experiments/qdrop.ts";
import { qdropPage } from "../../experiments/_qdrop_page.ts";
import { runExperiment } from "./_run_experiment.ts";

const runQdrop = (args: string[], outDir: string) =>
  runExperiment("qdrop", args, outDir);

Deno.test("reproduce:qdrop --profile smoke writes every cell and the page, resumes with nothing to do, and repeats its numbers", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "qdrop_smoke_" });
  try {
    const first = await runQdrop(["--profile", "smoke"], outDir);
    assert.equal(first.code, 0, first.stderr);
    const { cells, problems } = await readCells("qdrop", { outDir });
    assert.equal(problems.length, 0);
    assert.equal(cells.length, 16); // 1 dataset × 4 arms × 2 protocols × 2 impls × 1 seed
    for (const c of cells) {
      assert.equal(
        c.id,
        cellId({
          ...(c.config as unknown as Parameters<typeof cellId>[0]),
          seed: c.seed,
        }),
      );
      for (const key of ["finalTestAcc", "selectedTestAcc", "finalTestAuc"]) {
        const v = c.metrics[key]!;
        assert.ok(v >= 0 && v <= 1, `${c.id} ${key} = ${v}`);
      }
      assert.equal(c.curves!.testAcc.length, 2);
      if (c.impl === "paper") assert.equal(c.curves!.valAcc.length, 2); // selection on validation, not test
      else assert.equal(c.curves!.valAcc, undefined); // the notebooks validate on test
    }
    const html = await Deno.readTextFile(`${outDir}/qdrop/index.html`);
    assert.ok(html.includes("<svg"));
    const second = await runQdrop(["--profile", "smoke"], outDir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /16 cells, 16 done/);
    // same seed, fresh output directory: the same numbers
    const again = await Deno.makeTempDir({ prefix: "qdrop_smoke_again_" });
    try {
      assert.equal((await runQdrop(["--profile", "smoke"], again)).code, 0);
      const rerun = (await readCells("qdrop", { outDir: again })).cells;
      const strip = (c: typeof cells[number]) => ({
        ...c.metrics,
        trainSeconds: 0,
        curves: c.curves,
      });
      assert.deepEqual(rerun.map(strip), cells.map(strip));
    } finally {
      await Deno.remove(again, { recursive: true });
    }
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("reproduce:qdrop exits 2 with one line when --datasets names an unknown task", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "qdrop_usage_" });
  try {
    const { code, stderr } = await runQdrop(["--datasets", "cifar"], outDir);
    assert.equal(code, 2);
    assert.equal(
      stderr.trim(),
      'error: Invalid value for --datasets: expected names from mnist36, mnist01, fashion03, fashion01, pneumonia, retina, got "cifar"',
    );
    const help = await runQdrop(["--help"], outDir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--datasets/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("armSettings() gives the code impl doubled gates, the index-0 bug and evaluation masks when impl is code", () => {
  const code = armSettings("mnist36", {
    arm: "pruning+dropout",
    protocol: "fair",
    impl: "code",
  });
  assert.equal(code.repeat, 2);
  assert.equal(code.pruning?.scalarBroadcastBug, true);
  assert.equal(code.pruning?.initialAccumulate, 6);
  assert.equal(code.dropout?.maskAtEval, true);
  assert.equal(code.accuracy, "binary");
  const paper = armSettings("mnist36", {
    arm: "pruning+dropout",
    protocol: "fair",
    impl: "paper",
  });
  assert.equal(paper.repeat, 1);
  assert.equal(paper.pruning?.scalarBroadcastBug, undefined);
  assert.equal(paper.pruning?.doubleOptimizerStep, false);
  assert.equal(paper.dropout?.maskAtEval, false);
  assert.equal(paper.dropout?.freshModelEachEpoch, false);
  // fair: every arm shares learning rate, batch size, loss and init
  const arms = (["baseline", "pruning", "dropout", "pruning+dropout"] as const)
    .map((arm) =>
      armSettings("retina", { arm, protocol: "fair", impl: "code" })
    );
  for (const a of arms) {
    assert.deepEqual([a.lr, a.batchSize, a.loss, a.quantumInit], [
      arms[0].lr,
      32,
      "bce",
      "zeros",
    ]);
  }
  // figure: the tmp digit pruning arm freezes θ while accumulating (notes §2.3)
  const fig = armSettings("mnist36", {
    arm: "pruning",
    protocol: "figure",
    impl: "code",
  });
  assert.deepEqual([fig.batchSize, fig.pruning?.freezeQuantumInAccumulate], [
    8,
    true,
  ]);
});

Deno.test("qdropPage() refers only to claims that exist in qdrop_claims.json", async () => {
  const claims = await loadClaims(
    new URL("../../experiments/qdrop_claims.json", import.meta.url).pathname,
  );
  const ids = new Set(claims.claims.map((c) => c.id));
  const page = qdropPage("quick", {
    datasets: [
      "mnist36",
      "mnist01",
      "fashion03",
      "fashion01",
      "pneumonia",
      "retina",
    ],
    arms: ["baseline", "pruning", "dropout", "pruning+dropout"],
    protocols: ["figure", "fair"],
    nSeeds: 5,
    epochsFigure: 4,
    epochsFair: 5,
    trainCap: 0,
  }, { expected: [], impls: ["code", "paper"] });
  const used = [
    ...page.tables.flatMap((t) =>
      t.rows.map((r) => r.claim).filter((c) => c !== undefined)
    ),
    ...page.figures.flatMap(figureClaimIds),
  ];
  assert.ok(used.length > 20);
  for (const id of used) assert.ok(ids.has(id!), `missing claim ${id}`);
  assert.equal(
    new Set(page.figures.map((f) => f.id)).size,
    page.figures.length,
  );
});
