import assert from "node:assert/strict";

import { runExperiment } from "./_run_experiment.ts";

/** Runs the script with its task's permissions; `--out DIR` is taken from `args`. */
function run(args: string[]) {
  const k = args.indexOf("--out");
  const outDir = k >= 0 ? args[k + 1] : "/tmp/qianets_unused";
  const rest = k >= 0 ? [...args.slice(0, k), ...args.slice(k + 2)] : args;
  return runExperiment("qianets", rest, outDir);
}

Deno.test("qianets.ts writes every smoke cell and the report when run with --profile smoke", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "qianets_smoke_" });
  try {
    const r = await run([
      "--profile",
      "smoke",
      "--backend",
      "wasm",
      "--out",
      outDir,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const cells = new Map<string, Record<string, number>>();
    for await (const e of Deno.readDir(`${outDir}/qianets/cells`)) {
      const cell = JSON.parse(
        await Deno.readTextFile(`${outDir}/qianets/cells/${e.name}`),
      );
      cells.set(`${cell.config.model}/${cell.config.variant}`, cell.metrics);
    }
    assert.equal(cells.size, 18); // 3 backbones × (latency, baseline, factorized, uncompressed, code, paper)
    for (const model of ["resnet18", "googlenet", "densenet121"]) {
      const base = cells.get(`${model}/baseline`)!;
      const code = cells.get(`${model}/qianets-code`)!;
      const paper = cells.get(`${model}/qianets-paper`)!;
      const factorized = cells.get(`${model}/factorized`)!;
      // Notes §6: the QIANets model stores more parameters, all dense after the code's pipeline
      assert.ok(code.storedParams > base.storedParams);
      assert.equal(code.nonZeroParams, code.storedParams);
      assert.equal(code.afterCompressionSparsity, 0);
      assert.ok(code.macs >= base.macs);
      // The paper reading keeps its masks through fine-tuning
      assert.ok(paper.nonZeroParams < paper.storedParams);
      // Factorized layers really cut parameters and MACs
      assert.ok(
        factorized.storedParams < base.storedParams &&
          factorized.macs < base.macs,
      );
      const latency = cells.get(`${model}/latency`)!;
      // The architectures: QIANets adds a head, factorizing cuts parameters and MACs (notes §6)
      assert.ok(latency.qianetsParams > latency.baselineParams);
      assert.ok(latency.qianetsMacs >= latency.baselineMacs);
      assert.ok(
        latency.factorizedParams < latency.baselineParams &&
          latency.factorizedMacs < latency.baselineMacs,
      );
      assert.equal(
        latency.paramRatio,
        latency.baselineParams / latency.qianetsParams,
      );
      // Every phase's time is recorded
      assert.ok(base.trainSeconds > 0 && base.measureSeconds > 0);
      assert.ok(code.searchSeconds >= code.searchCompressSeconds);
      assert.ok(code.finetuneSeconds > 0);
      for (const arch of ["baseline", "factorized", "qianets"]) {
        assert.ok(
          latency[`${arch}B1S`] > 0 &&
            latency[`${arch}BnMinS`] <= latency[`${arch}BnS`],
        );
      }
      for (const m of [base, code, paper, factorized]) {
        assert.ok(m.testAcc >= 0 && m.testAcc <= 1);
        assert.ok(m.latencyB1S > 0 && m.latencyBnS > 0);
      }
    }
    const html = await Deno.readTextFile(`${outDir}/qianets/index.html`);
    assert.match(html, /Table 1/);
    for (const id of ["accuracy-vs-latency", "accuracy-vs-macs"]) {
      const spec = JSON.parse(
        await Deno.readTextFile(`${outDir}/qianets/figures/${id}.vl.json`),
      );
      assert.match(JSON.stringify(spec), /"log"/); // logarithmic x axis
    }
    // Each inconsistency the run measures something about says what it measured
    const summary = await Deno.readTextFile(`${outDir}/qianets/summary.md`);
    assert.match(
      summary,
      /Measured about item 4 \(notes §7\.4, §2\): the code's pruning/,
    );
    assert.match(summary, /What low rank really buys/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("qianets.ts prints its usage when run with --help", async () => {
  const r = await run(["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /deno task reproduce:qianets/);
  assert.match(r.stdout, /--models/);
});

Deno.test("qianets.ts exits 2 naming the flag when --models has an unknown name", async () => {
  const r = await run([
    "--profile",
    "smoke",
    "--models",
    "vgg",
    "--out",
    "/tmp/qianets_unused",
  ]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /Invalid value for --models: expected names from resnet18, googlenet, densenet121, got "vgg"/,
  );
});
