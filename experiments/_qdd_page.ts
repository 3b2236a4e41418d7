/**
 * The QDD report page declaration (accuracy tables beside the paper's numbers)
 * and the distilled-image gallery (PNG grids). Private to `experiments/qdd.ts`.
 *
 * @module
 */

import type { Profile } from "../lib/runtime/mod.ts";
import { writeFileAtomic } from "../lib/runtime/mod.ts";
import { encodePng, type PageSpec, type TableRow } from "../lib/report/mod.ts";

/** Grid axes shared with `qdd.ts`. */
export interface QddAxes {
  /** Datasets run. */
  datasets: readonly ("mnist" | "cifar10")[];
  /** Models run. */
  models: readonly string[];
  /** Init modes run. */
  inits: readonly ("known" | "unknown")[];
}

const MODEL_LABEL: Record<string, string> = {
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

/**
 * The page: one table per dataset, rows model × init × impl, test accuracy
 * after training on the distilled steps only, pooled over evaluation networks.
 *
 * @param profile Run profile.
 * @param axes Grid axes.
 * @param options Expected cell ids and the protocol text.
 * @returns The page description.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { qddPage } from "./_qdd_page.ts";
 * const page = qddPage("smoke", { datasets: ["mnist"], models: ["classical"], inits: ["known"] }, { expected: [], protocol: "p", impls: ["code"] });
 * assert.equal(page.tables[0].rows[0].claim, "mnist-classical-lenet");
 * ```
 */
export function qddPage(
  profile: Profile,
  axes: QddAxes,
  { expected, protocol, impls }: {
    expected: string[];
    protocol: string;
    impls: readonly string[];
  },
): PageSpec {
  const tables = axes.datasets.map((dataset) => {
    const rows: TableRow[] = [];
    for (const model of axes.models) {
      for (const init of axes.inits) {
        const modelImpls = model === "classical" ? ["code"] : impls;
        for (const impl of modelImpls) {
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
        dataset === "mnist" ? "MNIST" : "CIFAR-10"
      }: test accuracy after training only on the distilled steps`,
      rows,
      caption:
        "n counts evaluation networks (and seeds); known_init evaluates the fixed initialisations the set was distilled for, unknown_init fresh random ones. Non-trainable-H rows compare with the implied lower bound (paper − stated drop).",
    };
  });
  return {
    paper: "qdd",
    title:
      "Dataset Distillation for Quantum Neural Networks (arXiv 2503.17935)",
    protocol,
    expected,
    figures: [],
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

/**
 * Writes `<dir>/distilled.html` listing every PNG grid in `<dir>/distilled/`.
 *
 * @param dir The paper's report folder.
 * @returns Resolves once the page is written.
 */
export async function writeGallery(dir: string): Promise<void> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(`${dir}/distilled`)) {
      if (e.isFile && e.name.endsWith(".png")) names.push(e.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  names.sort();
  const items = names.map((f) =>
    `<figure><img src="distilled/${f}" style="image-rendering:pixelated;width:${
      f.includes("cifar") ? 680 : 600
    }px"><figcaption>${f.replace(".png", "")}</figcaption></figure>`
  );
  await writeFileAtomic(
    `${dir}/distilled.html`,
    `<!doctype html><meta charset="utf-8"><title>QDD distilled images</title><h1>Distilled images</h1><p>One row per distilled step s = 1…S, one column per image (class = column mod 10); de-normalised with the dataset statistics.</p>${
      items.join("\n")
    }\n`,
  );
}
