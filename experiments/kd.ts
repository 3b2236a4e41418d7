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
  type Impl,
  inShard,
  parseCli,
  type Profile,
  runMain,
  runManifest,
  UsageError,
} from "../lib/runtime/mod.ts";
import { initBackend } from "../lib/runtime/tfjs/mod.ts";
import { ensureDatasets } from "../lib/data/mod.ts";
import {
  buildReport,
  finishedCellIds,
  readCells,
  writeCell,
  writePageSpec,
} from "../lib/report/mod.ts";
import {
  cellId,
  type KdConfig,
  SHORT,
  SplitCache,
  type V1Cell,
  type V2Cell,
} from "./_kd_grid.ts";
import {
  disposeTeachers,
  kdGains,
  type RunContext,
  runV1Cell,
  runV2Cell,
} from "./_kd_runs.ts";
import { kdPage } from "./_kd_page.ts";

const DEFAULTS = {
  nSeeds: 5, // issue 6: paper profile 5 seeds (the notebooks ran each configuration once, unseeded: §6.8)
  impls: ["code", "paper"], // both readings unless --impl
  v1Datasets: ["mnist", "fashion-mnist"], // §5.2
  v1Tasks: [ // §5.2: classes 0–5 / 3 qubits / 5000 shots, 0–7 / 3 / 3000, 0–7 / 4 / 2000
    { nClasses: 6, nQubits: 3, shots: 5000 },
    { nClasses: 8, nQubits: 3, shots: 3000 },
    { nClasses: 8, nQubits: 4, shots: 2000 },
  ],
  v1Arms: ["baseline", "kd-lenet", "kd-alexnet", "kd-ensemble"], // §5.2 columns
  v1PerClass: 150, // §2.1: first 150 images per class of each split (code)
  v1PaperPerClass: 0, // issue 6: the full class subsets (paper)
  v1Epochs: 10, // §2.1
  v1BatchSize: 1, // §2.1
  v1Lr: 1e-3, // §2.1: Adam 1e-3
  teacherEpochs: { lenet: 10, alexnet: 10, ensemble: 10 }, // §1
  teacherTrainImages: { lenet: 0, alexnet: 0, ensemble: 0 }, // §1: all training images of the classes
  teacherBatchSize: 128, // §1
  teacherLr: 1e-3, // §1: Adam 1e-3
  temperature: 3, // §3
  alpha: 0.9, // §3
  v2Datasets: ["mnist", "fashion-mnist", "cifar-10"], // §5.3 Fig. 12
  v2Qubits: [4, 8], // §5.3
  v2Methods: [ // §5.3 Fig. 12 rows ("qubit encoding" is undefined in the sources)
    "fc-amplitude",
    "avg_pool-amplitude",
    "max_pool-amplitude",
    "center_crop-amplitude",
    "pca-amplitude",
    "fc-angle",
  ],
  v2Kd: [false, true], // issue 6: with and without distillation
  v2TrainImages: 0, // assumed: the full splits
  v2TestImages: 0,
  v2Epochs: 10, // assumed: v1's 10 epochs (§2.2 open choices)
  v2BatchSize: 256, // assumed: TorchQuantum MNIST example
  v2Lr: 5e-3, // assumed: TorchQuantum MNIST example, Adam 5e-3
  v2TeacherEpochs: 10, // assumed: as the v1 teachers
  v2TeacherTrainImages: 0,
} satisfies KdConfig;

const PROFILE_OVERRIDES: Record<Profile, Partial<KdConfig>> = {
  smoke: {
    nSeeds: 1,
    v1Datasets: ["mnist"],
    v1Tasks: [{ nClasses: 6, nQubits: 3, shots: 5000 }],
    v1Arms: ["baseline", "kd-lenet"],
    v1PerClass: 10,
    v1PaperPerClass: 10,
    v1Epochs: 1,
    teacherEpochs: { lenet: 1, alexnet: 1, ensemble: 1 },
    teacherTrainImages: { lenet: 1024, alexnet: 256, ensemble: 256 },
    v2Datasets: ["mnist"],
    v2Qubits: [4],
    v2Methods: ["fc-amplitude", "avg_pool-amplitude"],
    v2TrainImages: 256,
    v2TestImages: 128,
    v2Epochs: 1,
    v2BatchSize: 32,
    v2TeacherEpochs: 1,
    v2TeacherTrainImages: 1024,
  },
  quick: {
    nSeeds: 3, // issue 6
    impls: ["code"], // the notebooks' reading; --impl paper runs the other
    v1PaperPerClass: 150,
    v1Epochs: 2, // batch-1 steps cost ~12 ms on 2 cores: 10 epochs do not fit the hour
    teacherEpochs: { lenet: 2, alexnet: 1, ensemble: 1 },
    teacherTrainImages: { lenet: 0, alexnet: 512, ensemble: 512 }, // AlexNet trains at ~5 images/s here
    v2TrainImages: 6000,
    v2TestImages: 2000,
    v2Epochs: 3,
    v2BatchSize: 32,
    v2TeacherEpochs: 2,
  },
  paper: {},
};

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

function grid(
  profile: Profile,
  config: KdConfig,
  options: { baseSeed: number; impls: Impl[]; parts: string[] },
) {
  const { baseSeed, impls, parts } = options;
  const seeds = Array.from({ length: config.nSeeds }, (_, s) => baseSeed + s);
  const v1: V1Cell[] = !parts.includes("v1")
    ? []
    : config.v1Datasets.flatMap((dataset) =>
      config.v1Tasks.flatMap((task) =>
        config.v1Arms.flatMap((arm) =>
          impls.flatMap((impl) =>
            seeds.map((seed) => ({
              part: "v1" as const,
              profile,
              dataset,
              task,
              arm,
              impl,
              seed,
            }))
          )
        )
      )
    );
  const v2: V2Cell[] = !parts.includes("v2")
    ? []
    : config.v2Datasets.flatMap((dataset) =>
      config.v2Qubits.flatMap((nQubits) =>
        config.v2Methods.flatMap((method) =>
          config.v2Kd.flatMap((kd) =>
            impls.flatMap((impl) =>
              seeds.map((seed) => ({
                part: "v2" as const,
                profile,
                dataset,
                nQubits,
                method,
                kd,
                impl,
                seed,
              }))
            )
          )
        )
      )
    );
  return [...v1, ...v2];
}

async function main(): Promise<void> {
  const cli = parseCli(Deno.args, SPEC);
  if (cli.help) return console.log(cli.usage);
  const startedAt = Date.now();
  const { profile, seed: baseSeed, shard, out: outDir } = cli.common;
  const config: KdConfig = { ...DEFAULTS, ...PROFILE_OVERRIDES[profile] };
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

  const cells = grid(profile, config, { baseSeed, impls, parts });
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
    splits: new SplitCache(),
    teachers: new Map(),
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
  const { cells: all } = await readCells("kd", { outDir });
  const gainIds: string[] = [];
  for (const dataset of parts.includes("v1") ? config.v1Datasets : []) {
    for (const impl of impls) {
      for (let s = 0; s < config.nSeeds; s++) {
        const seed = baseSeed + s;
        const id = `${profile}-v1-gain-${SHORT[dataset]}-${impl}-s${seed}`;
        gainIds.push(id);
        const mine = all.filter((c) =>
          c.config.part === "v1" && c.config.dataset === SHORT[dataset] &&
          c.impl === impl && c.seed === seed &&
          c.profile === profile
        );
        const gains =
          mine.length === config.v1Tasks.length * config.v1Arms.length
            ? kdGains(mine)
            : null;
        if (gains === null) continue;
        await writeCell("kd", {
          id,
          config: { part: "v1-gain", dataset: SHORT[dataset], impl, profile },
          seed,
          profile,
          impl,
          metrics: gains,
          manifest: stamp(),
        }, { outDir });
      }
    }
  }
  const page = kdPage(profile, config, {
    expected: [...cells.map(cellId), ...gainIds],
    impls,
  });
  await writePageSpec(page, { outDir });
  const result = await buildReport("kd", { outDir, page });
  console.error(`kd: report written to ${result.indexPath}`);
}

if (import.meta.main) await runMain(main);
