/**
 * The KD run's settings per profile (research notes `kd.md` §1–§5) and the
 * cell grid they span. Private to `experiments/kd.ts`.
 *
 * @module
 */

import type { Impl, Profile } from "../lib/runtime/mod.ts";
import type { KdConfig, V1Cell, V2Cell } from "./_kd_grid.ts";

/** The papers' settings (profile `paper`); every value cites its source. */
export const KD_DEFAULTS = {
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
  teacherBatchSize: { lenet: 128, alexnet: 128, ensemble: 128 }, // §1
  teacherTestImages: { lenet: 0, alexnet: 0, ensemble: 0 }, // §1: all test images of the classes
  teacherShareClasses: [], // §1: one teacher per class set
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

/** What each profile changes in {@linkcode KD_DEFAULTS}. */
export const KD_PROFILES: Record<Profile, Partial<KdConfig>> = {
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
    teacherTestImages: { lenet: 512, alexnet: 64, ensemble: 64 },
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
    // The typed-array v1 trainer steps in ~1 ms (4–5 ms on this machine under
    // load): 8 of the notebooks' 10 epochs fit the hour.
    v1Epochs: 8,
    // AlexNet28 (94.7 M parameters) costs ~2 CPU-s per batch-32 Adam step on
    // single-threaded wasm. Measured on MNIST 0–7 (batch 32, first 500 test
    // images): chance after 16 steps, 76 % after 32; the big teachers take
    // 64 steps on the first 2048 training images, scored on the first 1000
    // test images, and one teacher trained on classes 0–7 serves the 0–5
    // tasks through its first 6 logits.
    teacherEpochs: { lenet: 2, alexnet: 1, ensemble: 1 },
    teacherTrainImages: { lenet: 0, alexnet: 2048, ensemble: 2048 },
    teacherBatchSize: { lenet: 128, alexnet: 32, ensemble: 32 },
    teacherTestImages: { lenet: 0, alexnet: 1000, ensemble: 1000 },
    teacherShareClasses: ["alexnet", "ensemble"],
    v2TrainImages: 6000,
    v2TestImages: 2000,
    v2Epochs: 3,
    v2BatchSize: 32,
    v2TeacherEpochs: 2,
  },
  paper: {},
};

/**
 * Every cell of a run, in the fixed order that `--shard` counts.
 *
 * @param profile The profile.
 * @param config The effective configuration.
 * @param options Base seed, impls and parts (v1, v2) to enumerate.
 * @returns v1 cells, then v2 cells.
 */
export function kdGrid(
  profile: Profile,
  config: KdConfig,
  options: { baseSeed: number; impls: Impl[]; parts: string[] },
): (V1Cell | V2Cell)[] {
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
