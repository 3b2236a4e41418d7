/**
 * Reproduction of "Bridging Classical and Quantum Machine Learning: Knowledge
 * Transfer From Classical to Quantum Neural Networks Using Knowledge
 * Distillation" (Hasan & Mahdy, arXiv 2311.13810), v1 from its published
 * notebooks and v2 from its figures; research notes in
 * `shared/research/kd.md`. Report page: `reports/kd/index.html`.
 *
 * Grid: v1 = dataset × (classes, qubits) × arm (baseline, KD per teacher) ×
 * impl × seed; v2 = dataset × qubits × reduction/encoding × KD on/off × impl ×
 * seed; one cell each, plus one cell per frozen teacher and per aggregate gain.
 *
 * @module
 */

import {
  createProgress,
  inShard,
  parseCli,
  runMain,
  runManifest,
  UsageError,
} from "../lib/runtime/mod.ts";
import { initBackend } from "../lib/runtime/tfjs/mod.ts";
import { ensureDatasets } from "../lib/data/mod.ts";
import {
  buildReport,
  finishedCellIds,
  writeCell,
  writePageSpec,
} from "../lib/report/mod.ts";
import { cellId, type KdConfig, SHORT, SplitCache } from "./_kd_grid.ts";
import { KD_DEFAULTS, KD_PROFILES, kdGrid } from "./_kd_profiles.ts";
import { disposeTeachers, type RunContext } from "./_kd_teachers.ts";
import { runV1Cell, runV2Cell } from "./_kd_runs.ts";
import { writeGainCells } from "./_kd_gains.ts";
import { kdPage } from "./_kd_page.ts";

const SPEC = {
  name: "deno task reproduce:kd",
  summary:
    "Classical-to-quantum knowledge distillation (Hasan & Mahdy, arXiv 2311.13810): frozen CNN teachers (LeNet5, AlexNet, their ensemble) distil into v1 H·RY students (3–4 qubits) and v2 amplitude-encoded students (4 and 8 qubits). Runs every cell not yet in <out>/kd/cells, then writes <out>/kd/index.html.",
  options: {
    parts: { type: "string" as const },
    datasets: { type: "string" as const },
  },
  help: {
    parts: "comma-separated subset of v1, v2 (default both)",
    datasets:
      "comma-separated subset of mnist, fashion-mnist, cifar-10 (default: the profile's)",
  },
};

async function main(): Promise<void> {
  const cli = parseCli(Deno.args, SPEC);
  if (cli.help) return console.log(cli.usage);
  const startedAt = Date.now();
  const { profile, seed: baseSeed, shard, out: outDir } = cli.common;
  const config: KdConfig = { ...KD_DEFAULTS, ...KD_PROFILES[profile] };
  const impls = cli.common.impl ? [cli.common.impl] : config.impls;
  const parts = typeof cli.values.parts === "string"
    ? cli.values.parts.split(",")
    : ["v1", "v2"];
  for (const p of parts) {
    if (p !== "v1" && p !== "v2") {
      throw new UsageError(
        `Invalid value for --parts: expected v1 and/or v2, got "${p}"`,
      );
    }
  }
  if (typeof cli.values.datasets === "string") {
    const keep = cli.values.datasets.split(",");
    for (const d of keep) {
      if (!(d in SHORT)) {
        throw new UsageError(
          `Invalid value for --datasets: expected names from ${
            Object.keys(SHORT).join(", ")
          }, got "${d}"`,
        );
      }
    }
    config.v1Datasets = config.v1Datasets.filter((d) => keep.includes(d));
    config.v2Datasets = config.v2Datasets.filter((d) => keep.includes(d));
  }
  const backend = await initBackend(cli.common.backend);
  const manifest = await runManifest({
    config,
    seed: baseSeed,
    profile,
    backend: backend.backend,
    startedAt,
  });
  const stamp = () => ({ ...manifest, wallS: (Date.now() - startedAt) / 1000 });

  const cells = kdGrid(profile, config, { baseSeed, impls, parts });
  const done = await finishedCellIds("kd", { outDir });
  const todo = cells.filter((c, i) =>
    inShard(i, shard) && !done.has(cellId(c))
  );
  console.error(
    `kd ${profile}: ${cells.length} cells, ${
      cells.length - todo.length
    } done or in other shards`,
  );
  await ensureDatasets([...new Set(todo.map((c) => c.dataset))]);
  const ctx: RunContext = {
    config,
    profile,
    baseSeed,
    outDir,
    impls,
    splits: new SplitCache(),
    teachers: new Map(),
    logits: new Map(),
    onTeacher: async (cell) => {
      await writeCell("kd", { ...cell, manifest: stamp() }, { outDir });
    },
  };
  const progress = createProgress(`kd ${profile}`, {
    total: todo.length,
    unit: "cells",
  });
  for (const c of todo) {
    const body = c.part === "v1"
      ? await runV1Cell(c, ctx)
      : await runV2Cell(c, ctx);
    await writeCell("kd", { ...body, id: cellId(c), manifest: stamp() }, {
      outDir,
    });
    progress.tick(1, cellId(c));
  }
  progress.done();
  disposeTeachers(ctx);

  // Aggregate gains (notes §5.2), per dataset, impl and seed, once all their v1 cells exist.
  const gainIds = parts.includes("v1")
    ? await writeGainCells(profile, config, {
      baseSeed,
      impls,
      outDir,
      manifest: stamp,
    })
    : [];
  const page = kdPage(profile, config, {
    expected: [...cells.map(cellId), ...gainIds],
    impls,
  });
  await writePageSpec(page, { outDir });
  const result = await buildReport("kd", { outDir, page });
  console.error(`kd: report written to ${result.indexPath}`);
}

if (import.meta.main) await runMain(main);
