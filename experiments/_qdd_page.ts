/**
 * The QDD report page declaration: accuracy tables beside the paper's numbers,
 * then the distilled images of every run as PNG grids (`image` figures).
 * Private to `experiments/qdd.ts`.
 *
 * @module
 */

import type { Impl, Profile } from "../lib/runtime/mod.ts";
import { writeFileAtomic } from "../lib/runtime/mod.ts";
import {
  encodePng,
  type FigureSpec,
  type PageSpec,
  type TableRow,
} from "../lib/report/mod.ts";
import {
  implsOf,
  type ModelName,
  type QddConfig,
  runId,
  type RunKey,
} from "./_qdd_config.ts";

/** Grid axes and the impls each model runs with. */
export type QddAxes = Pick<
  QddConfig,
  "datasets" | "models" | "inits" | "paperModels"
>;

const MODEL_LABEL: Record<ModelName, string> = {
  classical: "classical LeNet",
  "q-trainable": "quantum LeNet, trainable H",
  "q-frozen": "quantum LeNet, H frozen at its random init",
  "q-pauliz": "quantum LeNet, fixed Pauli-Z",
};

function claimFor(
  dataset: string,
  model: string,
  init: string,
): string | undefined {
  const d = dataset === "mnist" ? "mnist" : "cifar10";
  if (model === "classical") {
    return init === "known"
      ? `${d}-classical-lenet`
      : `wang2018-${d}-unknown-init`;
  }
  if (init !== "known") return undefined;
  return model === "q-trainable"
    ? `${d}-quantum-lenet`
    : `${d}-quantum-lenet-nontrainable-h`;
}

const DATASET_LABEL = { mnist: "MNIST", cifar10: "CIFAR-10" } as const;

/** Where the distilled images of a run are written, relative to `<outDir>/qdd/`. */
export const distilledPngPath = (run: RunKey): string =>
  `distilled/${runId(run)}.png`;

/**
 * One `image` figure per run: its distilled images, one row per distilled
 * step, one column per image (class = column mod 10).
 */
function imageFigures(runs: readonly RunKey[]): FigureSpec[] {
  return runs.map((run) => {
    const implText = run.model === "classical" ? "" : `, --impl ${run.impl}`;
    return {
      kind: "image",
      id: `distilled-${runId(run)}`,
      title: `Distilled ${DATASET_LABEL[run.dataset]} images: ${
        MODEL_LABEL[run.model]
      }, ${run.init}_init${implText}, seed ${run.seed}`,
      src: distilledPngPath(run),
      width: run.dataset === "mnist" ? 596 : 676, // 2× the grid, pixelated
      caption:
        "Columns are the classes 0–9 in order, rows the distilled steps; de-normalised with the dataset statistics and clipped to [0, 1].",
    };
  });
}

/**
 * The page: one table per dataset, rows model × init × impl, test accuracy
 * after training on the distilled steps only, pooled over evaluation networks,
 * then the distilled images of every run.
 *
 * @param profile Run profile.
 * @param axes Grid axes.
 * @param options Expected cell ids, the protocol text, impls run and the runs.
 * @returns The page description.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { qddPage } from "./_qdd_page.ts";
 * const run = { profile: "smoke", dataset: "mnist", model: "classical", init: "known", impl: "code", seed: 0 } as const;
 * const page = qddPage("smoke", { datasets: ["mnist"], models: ["classical"], inits: ["known"], paperModels: [] }, { expected: [], protocol: "p", impls: ["code"], runs: [run] });
 * assert.equal(page.tables[0].rows[0].claim, "mnist-classical-lenet");
 * assert.deepEqual(page.figures.map((f) => f.kind), ["image"]);
 * ```
 */
export function qddPage(
  profile: Profile,
  axes: QddAxes,
  { expected, protocol, impls, runs }: {
    expected: string[];
    protocol: string;
    impls: readonly Impl[];
    runs: readonly RunKey[];
  },
): PageSpec {
  const tables = axes.datasets.map((dataset) => {
    const rows: TableRow[] = [];
    for (const model of axes.models) {
      for (const init of axes.inits) {
        for (const impl of implsOf(model, axes, impls)) {
          const implText = model === "classical" ? "" : `, --impl ${impl}`;
          rows.push({
            label: `${MODEL_LABEL[model]}, ${init}_init${implText}`,
            claim: claimFor(dataset, model, init),
            metric: "testAcc",
            where: { dataset, model, init, impl, profile },
            versus: model === "q-trainable" || model === "classical"
              ? undefined
              : { dataset, model: "q-trainable", init, impl, profile },
            note: model === "classical" && init === "unknown"
              ? "paper column: Wang et al. 2018 with 100 images"
              : undefined,
          });
        }
      }
    }
    return {
      id: `${dataset}-accuracy`,
      title: `${
        DATASET_LABEL[dataset]
      }: test accuracy after training only on the distilled steps`,
      rows,
      caption:
        "n counts evaluation networks (and seeds); known_init evaluates the fixed initialisations the set was distilled for, unknown_init fresh random ones. Non-trainable-H rows compare with the implied lower bound (paper − stated drop). The distilled images of each row are in the figures below.",
    };
  });
  return {
    paper: "qdd",
    title:
      "Dataset Distillation for Quantum Neural Networks (arXiv 2503.17935)",
    protocol,
    expected,
    figures: imageFigures(runs),
    tables,
  };
}

/** Options of {@linkcode writeImageGrid}. */
export interface ImageGridOptions {
  /** Images per row. */
  nCols: number;
  /** Per-channel mean and std used to normalise (to undo it). */
  stats: { mean: number[]; std: number[] };
}

/**
 * Writes normalised images `[N, H, W, C]` as one PNG grid, de-normalised and
 * clipped to [0, 1], with a 2-pixel gap.
 *
 * @param path Output file.
 * @param images Pixels and shape.
 * @param options Columns and normalisation statistics.
 * @returns Resolves once the file is written.
 */
export async function writeImageGrid(
  path: string,
  images: { data: Float32Array; shape: [number, number, number, number] },
  { nCols, stats }: ImageGridOptions,
): Promise<void> {
  const [n, h, w, c] = images.shape, gap = 2;
  const nRows = Math.ceil(n / nCols);
  const gh = nRows * (h + gap) - gap, gw = nCols * (w + gap) - gap;
  const out = new Uint8Array(gh * gw * c).fill(255);
  for (let i = 0; i < n; i++) {
    const y0 = Math.floor(i / nCols) * (h + gap), x0 = (i % nCols) * (w + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < c; k++) {
          const v = images.data[((i * h + y) * w + x) * c + k] * stats.std[k] +
            stats.mean[k];
          out[((y0 + y) * gw + x0 + x) * c + k] = Math.round(
            255 * Math.min(1, Math.max(0, v)),
          );
        }
      }
    }
  }
  await writeFileAtomic(path, encodePng(out, [gh, gw, c]));
}
