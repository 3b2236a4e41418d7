/**
 * The KD report page declaration: tables beside the claims of
 * `kd_claims.json` and the figures. Private to `experiments/kd.ts`.
 *
 * @module
 */

import type { Impl, Profile } from "../lib/runtime/mod.ts";
import type {
  FigureSpec,
  PageSpec,
  TableRow,
  TableSpec,
} from "../lib/report/mod.ts";
import { type KdConfig, SHORT, v1Key, type V2Method } from "./_kd_grid.ts";

/** Claim-id spelling of each v2 method in Fig. 12 (notes §5.3). */
const FIG12_NAME: Record<V2Method, string> = {
  "fc-amplitude": "fc-amplitude",
  "avg_pool-amplitude": "avgpool",
  "max_pool-amplitude": "maxpool",
  "center_crop-amplitude": "crop",
  "pca-amplitude": "pca",
  "fc-angle": "angle",
};

function protocol(profile: Profile, c: KdConfig): string {
  return [
    `Profile ${profile}, ${c.nSeeds} seed(s) per cell; teachers trained once per dataset and class set (base seed) and frozen.`,
    `v1 (notes §2.1): students on the first ${c.v1PerClass} images per class of each split (code)` +
    ` or ${
      c.v1PaperPerClass === 0
        ? "the full class subsets"
        : `the first ${c.v1PaperPerClass} per class`
    } (paper);` +
    ` ${c.v1Epochs} epochs, batch ${c.v1BatchSize}, Adam ${c.v1Lr}; shots as published (5000/3000/2000).` +
    " code: ±π/4 undivided shift gradient (√2 × exact), the notebooks' heads (H2 for FashionMNIST 3-qubit baselines) and KD quirks (three no-KD runs, one 6/8 weight), best test accuracy over epochs;" +
    " paper: exact gradient, head H1, (1−α)·CE + α·T²·KL, final-epoch accuracy.",
    `Teachers: Adam ${c.teacherLr}, batch ${c.teacherBatchSize}; epochs lenet ${c.teacherEpochs.lenet}, alexnet ${c.teacherEpochs.alexnet}, ensemble ${c.teacherEpochs.ensemble};` +
    ` training images (0 = all) lenet ${c.teacherTrainImages.lenet}, alexnet ${c.teacherTrainImages.alexnet}, ensemble ${c.teacherTrainImages.ensemble}. T = ${c.temperature}, α = ${c.alpha}.`,
    `v2 (notes §2.2, §4; no code exists, so all of this is assumed): first ${
      c.v2TrainImages || "all"
    } training and ${c.v2TestImages || "all"} test images, 10 classes;` +
    " reduction to 2^Q features (trainable linear layer, adaptive avg/max pooling, centre crop, or PCA fitted on the training images), L2-normalised amplitude encoding (wire 0 = most significant bit)," +
    " one block of RX(rx_i) RY(ry_i) RZ(rz_i) RX(rx_i) RX(rx0) RY(ry0) RZ(rz0) per qubit without entangling gates, angles U(−π, π), ⟨Z⟩ per qubit, linear layer to 10 logits;" +
    " angle encoding = trainable linear layer to Q angles, RY(x_i) on |0⟩; 'qubit encoding' is not implemented (undefined in the sources);" +
    ` CIFAR-10 converted to grey (BT.601 luma) for the students, colour for its LeNet5 teacher; ${c.v2Epochs} epochs, batch ${c.v2BatchSize}, Adam ${c.v2Lr}` +
    ` (TorchQuantum MNIST example); teacher LeNet5 (10 classes) for ${c.v2TeacherEpochs} epoch(s) on ${
      c.v2TeacherTrainImages || "all"
    } images.` +
    " Fig. 12 is read as the distilled students' test error.",
  ].join(" ");
}

function v1Table(c: KdConfig, impl: Impl): TableSpec {
  const rows: TableRow[] = c.v1Datasets.flatMap((dataset) =>
    c.v1Tasks.flatMap((task) => {
      const key = v1Key(dataset, task);
      return c.v1Arms.map((arm) => ({
        label: `${key} ${arm}`,
        claim: `${key}-${arm}`,
        metric: "testAcc",
        where: { part: "v1", task: key, arm, impl },
        scale: 100,
        ...(arm === "baseline"
          ? {}
          : { versus: { part: "v1", task: key, arm: "baseline", impl } }),
      }));
    })
  );
  return {
    id: `v1-${impl}`,
    title: `v1 students, test accuracy % (impl ${impl})`,
    rows,
    caption: impl === "code"
      ? "Best test accuracy over the epochs, as the notebooks print."
      : "Final-epoch test accuracy (no selection on test data).",
  };
}

function gainTable(c: KdConfig, impl: Impl): TableSpec {
  const rows: TableRow[] = c.v1Datasets.flatMap((dataset) => {
    const ds = SHORT[dataset];
    const where = { part: "v1-gain", dataset: ds, impl };
    return [
      {
        label: `${ds} relative gain (%)`,
        ...(ds === "mnist" ? { claim: `${ds}-kd-gain` } : {}),
        metric: "kdGainRelative",
        where,
        note:
          "mean KD accuracy ÷ mean baseline − 1 (notes §5.2: matches the MNIST +0.80)",
      },
      {
        label: `${ds} absolute gain (points)`,
        ...(ds === "fashion" ? { claim: `${ds}-kd-gain` } : {}),
        metric: "kdGainAbsolute",
        where,
        note:
          "mean of KD − baseline per configuration (notes §5.2: close to the FashionMNIST +5.40)",
      },
    ];
  });
  return {
    id: `v1-gain-${impl}`,
    title:
      `Aggregate KD gain over all teachers and configurations (impl ${impl})`,
    rows,
  };
}

function teacherTable(c: KdConfig, profile: Profile): TableSpec {
  const classSets = [...new Set(c.v1Tasks.map((t) => t.nClasses))];
  const archs = [
    ...new Set(c.v1Arms.filter((a) => a !== "baseline").map((a) => a.slice(3))),
  ];
  const rows: TableRow[] = c.v1Datasets.flatMap((dataset) =>
    classSets.flatMap((nClasses) =>
      archs.map((arch) => ({
        label: `${SHORT[dataset]} 0–${nClasses - 1} ${arch}`,
        claim: `${SHORT[dataset]}-0-${nClasses - 1}-teacher-${arch}`,
        metric: "bestTestAcc",
        where: {
          part: "teacher",
          dataset: SHORT[dataset],
          classes: nClasses,
          arch,
          profile,
        },
        scale: 100,
        note:
          "best test accuracy over epochs; the frozen teacher is the last epoch",
      }))
    )
  );
  return {
    id: "teachers",
    title: "Teachers, test accuracy % on the full test split of the classes",
    rows,
  };
}

function fig12Table(c: KdConfig, impl: Impl): TableSpec {
  const rows: TableRow[] = c.v2Datasets.flatMap((dataset) =>
    c.v2Qubits.flatMap((q) =>
      c.v2Methods.map((method) => {
        const where = {
          part: "v2",
          dataset: SHORT[dataset],
          qubits: q,
          method,
          impl,
        };
        return {
          label: `${SHORT[dataset]} ${q}q ${method}`,
          claim: `v2-fig12-${SHORT[dataset]}-${q}q-${FIG12_NAME[method]}`,
          metric: "testError",
          where: { ...where, kd: c.v2Kd.includes(true) },
          scale: 100,
          ...(c.v2Kd.length > 1 ? { versus: { ...where, kd: false } } : {}),
        };
      })
    )
  );
  return {
    id: `v2-fig12-${impl}`,
    title:
      `v2 Fig. 12: test error % per reduction and encoding (impl ${impl}; vs = without KD)`,
    rows,
  };
}

function figures(c: KdConfig, impl: Impl): FigureSpec[] {
  const curves: FigureSpec[] = c.v1Datasets.flatMap((dataset) =>
    c.v1Tasks.map((task) => {
      const key = v1Key(dataset, task);
      return {
        kind: "curve" as const,
        id: `v1-curve-${key}`,
        title: `v1 ${key}: test accuracy per epoch (impl ${impl})`,
        curve: "testAcc",
        color: "arm",
        where: { part: "v1", task: key, impl },
        scale: 100,
        yTitle: "test accuracy %",
        paper: Object.fromEntries(
          c.v1Arms.map((arm) => [arm, `${key}-${arm}-curve`]),
        ),
      };
    })
  );
  const bars: FigureSpec[] = c.v2Datasets.map((dataset) => ({
    kind: "bar" as const,
    id: `v2-bars-${SHORT[dataset]}`,
    title: `v2 ${
      SHORT[dataset]
    }: test error by method (distilled, impl ${impl})`,
    metric: "testError",
    x: "method",
    color: "qubits",
    where: {
      part: "v2",
      dataset: SHORT[dataset],
      kd: c.v2Kd.includes(true),
      impl,
    },
    scale: 100,
    yTitle: "test error %",
  }));
  return [...curves, ...bars];
}

/**
 * The page description of a KD run.
 *
 * @param profile The run profile.
 * @param config The effective configuration.
 * @param options Every expected cell id and the impls run.
 * @returns The page spec.
 */
export function kdPage(
  profile: Profile,
  config: KdConfig,
  options: { expected: string[]; impls: Impl[] },
): PageSpec {
  const { expected, impls } = options;
  return {
    paper: "kd",
    title:
      "Classical-to-quantum knowledge distillation (Hasan & Mahdy, arXiv 2311.13810)",
    protocol: protocol(profile, config),
    expected,
    inconsistencies: [
      "The v1 quantum layer is simulated in closed form (product state), with multinomial shot sampling from the seeded generator; the notebooks used Qiskit's qasm_simulator",
      "Accuracy is measured in the pass that evaluates the test loss, not in a second shot-noisy pass as in most notebooks (notes §6.10)",
    ],
    figures: figures(config, impls[0]),
    tables: [
      teacherTable(config, profile),
      ...impls.flatMap((
        impl,
      ) => [
        v1Table(config, impl),
        gainTable(config, impl),
        fig12Table(config, impl),
      ]),
    ],
  };
}
