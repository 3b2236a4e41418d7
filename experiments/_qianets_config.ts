/**
 * The QIANets experiment's vocabulary (research notes `qianets.md`): the
 * backbones, the settings, cell ids, the variants of each backbone and how a
 * model of each is built. Private to `experiments/qianets.ts` and its
 * `_qianets_*.ts` modules.
 *
 * @module
 */

import type { Impl, Rng } from "../lib/runtime/mod.ts";
import {
  densenet121,
  googlenet,
  type Model,
  qianetsResnet18,
  resnet18,
} from "../lib/models/mod.ts";
import type { LabeledImages } from "../lib/training/mod.ts";

/** Backbones of the paper. */
export const MODELS = ["resnet18", "googlenet", "densenet121"] as const;
/** One backbone. */
export type ModelName = typeof MODELS[number];

/** The experiment's settings (defaults and profiles live in `qianets.ts`). */
export interface QianetsConfig {
  models: ModelName[];
  /** Width multiplier of the models that are trained, per backbone. */
  widthScale: Record<ModelName, number>;
  /** Width multiplier of the architectures whose parameters, MACs and latency the `latency` cell measures. */
  archWidthScale: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  epochs: number;
  pretrainEpochs: number;
  trialEpochs: number;
  /** Training images each search trial fine-tunes on (a prefix of the training set). */
  nTrialTrain: number;
  nTrials: number;
  /** Epochs of the final fine-tune of the best trial's model and of the factorized model. */
  finetuneEpochs: number;
  /** Training images of those fine-tunes (a prefix of the training set). */
  nFinetuneTrain: number;
  batchSize: number;
  learningRate: number;
  cosineTMax: number;
  paperWeightDecay: number;
  sparsityRange: [number, number];
  rankRange: [number, number];
  factorizedRankFraction: number;
  latencyBatch: number;
  latencyRepeats: number;
}

/**
 * The trained widths in words.
 *
 * @param config The run's settings.
 * @returns E.g. "ResNet-18 ×0.5, GoogLeNet ×0.5".
 */
export function widthsText(config: QianetsConfig): string {
  return config.models.map((m) => `${LABELS[m]} ×${config.widthScale[m]}`)
    .join(", ");
}

/** Display name of each backbone. */
export const LABELS: Record<ModelName, string> = {
  resnet18: "ResNet-18",
  googlenet: "GoogLeNet",
  densenet121: "DenseNet-121",
};

/** The train, validation and test sets of one run. */
export interface Splits {
  train: LabeledImages;
  val: LabeledImages;
  test: LabeledImages;
}

/**
 * Id of one cell.
 *
 * @param c Profile, model, variant and seed.
 * @returns A file-safe id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cellId } from "./_qianets_config.ts";
 * assert.equal(cellId({ profile: "quick", model: "resnet18", variant: "baseline", seed: 0 }), "quick-resnet18-baseline-s0");
 * ```
 */
export function cellId(
  c: { profile: string; model: ModelName; variant: string; seed: number },
): string {
  return `${c.profile}-${c.model}-${c.variant}-s${c.seed}`;
}

/**
 * Variants of one model, in run order: `latency` (the architectures measured
 * untrained: parameters, MACs, round-robin latency), `baseline`, `factorized`,
 * `qianets_uncompressed`, then `qianets-<impl>` per impl.
 *
 * @param _model The backbone (every backbone has every variant).
 * @param impls Impls run.
 * @returns Variant names.
 */
export function variantsOf(_model: ModelName, impls: Impl[]): string[] {
  return [
    "latency",
    "baseline",
    "factorized",
    "qianets_uncompressed",
    ...impls.map((i) => `qianets-${i}`),
  ];
}

/** Which head, width, factorization and rng a model is built with. */
export interface BuildOptions {
  head: "baseline" | "qianets";
  widthScale: number;
  rng: Rng;
  convRank?: (name: string, shape: number[]) => number | undefined;
}

/**
 * Builds one backbone, baseline or with the QIANets head.
 *
 * @param model The backbone.
 * @param options Head, width, factorization and rng.
 * @returns The model.
 */
export function buildModel(model: ModelName, options: BuildOptions): Model {
  const { head, widthScale, rng, convRank } = options;
  if (model === "resnet18") {
    return head === "qianets"
      ? qianetsResnet18({ rng, widthScale, convRank })
      : resnet18({ rng, widthScale, convRank });
  }
  const builder = model === "googlenet" ? googlenet : densenet121;
  return builder({ head, rng, widthScale, convRank });
}

/**
 * The factorized variant's rank rule: r = ⌈ρ·min(Cout, Cin·k²)⌉ for each conv
 * where r·(Cin·k² + Cout) < Cout·Cin·k² (factorizing saves), else dense.
 *
 * @param rankFraction ρ.
 * @returns A `convRank` callback.
 *
 * @example A 3×3 conv 64 → 64 at ρ = 0.25 gets rank 16; a 1×1 conv 2 → 2 stays dense (1·(2 + 2) ≮ 2·2)
 * ```ts
 * import assert from "node:assert/strict";
 * import { factorizedRank } from "./_qianets_config.ts";
 * assert.equal(factorizedRank(0.25)("c", [3, 3, 64, 64]), 16);
 * assert.equal(factorizedRank(0.25)("c", [1, 1, 2, 2]), undefined);
 * ```
 */
export function factorizedRank(
  rankFraction: number,
): (name: string, shape: number[]) => number | undefined {
  return (_name, [k, , cIn, cOut]) => {
    const n = cIn * k * k;
    const r = Math.ceil(rankFraction * Math.min(cOut, n));
    return r * (n + cOut) < cOut * n ? r : undefined;
  };
}
