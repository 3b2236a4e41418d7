/**
 * One QIANets model job (research notes `qianets.md` §2, §8): the cells of one
 * backbone and seed, run in dependency order so trained weights are reused:
 *
 * 1. `baseline`: the plain backbone, trained, then measured.
 * 2. `factorized`: the trained baseline with every conv that saves by it
 *    split into k×k → r and 1×1 → Cout from its SVD, fine-tuned (what a
 *    low-rank method really buys: fewer parameters and MACs).
 * 3. `qianets_uncompressed`: the QIANets architecture (head added), trained;
 *    the stand-in for the ImageNet-pretrained weights the code compresses.
 * 4. `qianets-<impl>`: per impl, a seeded random search over (sparsity, rank):
 *    each trial compresses the step-3 weights by the QIANets pipeline and
 *    fine-tunes, scored by validation loss; the best trial's model is then
 *    fine-tuned for the final epochs (masks kept for `paper`, dropped for `code`).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import {
  createRng,
  type Impl,
  type Rng,
  type RunManifest,
} from "../lib/runtime/mod.ts";
import {
  countParams,
  densenet121,
  googlenet,
  type Model,
  qianetsResnet18,
  resnet18,
} from "../lib/models/mod.ts";
import {
  adam,
  evaluate,
  fit,
  type LabeledImages,
} from "../lib/training/mod.ts";
import {
  applyMasks,
  compareLatency,
  compressModel,
  countMacs,
  measureLatency,
  modelSize,
  randomSearch,
  transferFactorized,
} from "../lib/compression/mod.ts";
import type { Cell } from "../lib/report/mod.ts";

/** Backbones of the paper. */
export const MODELS = ["resnet18", "googlenet", "densenet121"] as const;
/** One backbone. */
export type ModelName = typeof MODELS[number];

/** The experiment's settings (defaults and profiles live in `qianets.ts`). */
export interface QianetsConfig {
  models: ModelName[];
  widthScale: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  epochs: number;
  pretrainEpochs: number;
  trialEpochs: number;
  nTrials: number;
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

/** The train, validation and test sets of one run. */
export interface Splits {
  train: LabeledImages;
  val: LabeledImages;
  test: LabeledImages;
}

/** Everything a job needs besides the model name. */
export interface JobContext {
  config: QianetsConfig;
  splits: Splits;
  impls: Impl[];
  seed: number;
  profile: string;
  manifest: RunManifest;
  /** Ids already written (skipped unless a later cell needs their weights). */
  done: Set<string>;
  /** Called with each finished cell. */
  emit: (cell: Cell) => Promise<void>;
}

/**
 * Id of one cell.
 *
 * @param c Profile, model, variant and seed.
 * @returns A file-safe id.
 */
export function cellId(
  c: { profile: string; model: ModelName; variant: string; seed: number },
): string {
  return `${c.profile}-${c.model}-${c.variant}-s${c.seed}`;
}

/**
 * Variants of one model, in run order.
 *
 * @param model The backbone.
 * @param impls Impls run.
 * @returns Variant names.
 */
export function variantsOf(model: ModelName, impls: Impl[]): string[] {
  const factorized = model === "resnet18" ? [] : ["factorized"]; // resnet18.ts has no factorized build yet
  return [
    "latency", // the architectures timed round-robin, no training
    "baseline",
    ...factorized,
    "qianets_uncompressed",
    ...impls.map((i) => `qianets-${i}`),
  ];
}

function build(
  model: ModelName,
  options: {
    head: "baseline" | "qianets";
    config: QianetsConfig;
    rng: Rng;
    convRank?: (name: string, shape: number[]) => number | undefined;
  },
): Model {
  const { head, config, rng, convRank } = options;
  const nHidden = Math.max(1, Math.round(512 * config.widthScale));
  if (model === "resnet18") {
    return head === "qianets"
      ? qianetsResnet18({ rng, nHidden })
      : resnet18({ rng });
  }
  const builder = model === "googlenet" ? googlenet : densenet121;
  return builder({ head, rng, widthScale: config.widthScale, convRank });
}

/** Adam at lr 1e-3; `code` steps a cosine with T_max = 50 batches every batch (notes §2 Step 4). */
function train(model: Model, data: LabeledImages, options: {
  config: QianetsConfig;
  epochs: number;
  rng: Rng;
  impl?: Impl;
  masks?: Map<string, Uint8Array>;
  validation?: LabeledImages;
}) {
  const { config, epochs, rng, impl, masks, validation } = options;
  const tMax = config.cosineTMax;
  return fit(model, data, {
    epochs,
    batchSize: config.batchSize,
    optimizer: adam({
      learningRate: config.learningRate,
      weightDecay: impl === "paper" ? config.paperWeightDecay : 0,
    }),
    // PyTorch CosineAnnealingLR past T_max keeps following the cosine (period 2·T_max)
    schedule: impl === "code"
      ? ({ step }) => 0.5 * (1 + Math.cos(Math.PI * step / tMax))
      : undefined,
    rng,
    validation,
    progressLabel: null,
    onStep: masks ? () => applyMasks(model, masks) : undefined,
  });
}

function snapshot(model: Model): Float32Array[] {
  return model.variables.map((v) =>
    v.variable.dataSync().slice() as Float32Array
  );
}

function restore(model: Model, values: Float32Array[]): void {
  model.variables.forEach((v, i) =>
    tf.tidy(() => v.variable.assign(tf.tensor(values[i], v.variable.shape)))
  );
}

/** Honest metrics of a trained model (issue 8). */
async function measure(
  model: Model,
  ctx: JobContext,
): Promise<Record<string, number>> {
  const { splits, config } = ctx;
  const test = await evaluate(model, splits.test);
  const val = await evaluate(model, splits.val);
  const size = modelSize(model);
  const macs = await countMacs(model, { inputShape: [32, 32, 3] });
  const out: Record<string, number> = {
    testAcc: test.accuracy,
    testLoss: test.loss,
    valAcc: val.accuracy,
    valLoss: val.loss,
    storedParams: size.storedParams,
    nonZeroParams: size.nonZeroParams,
    sizeBytes: size.sizeBytes,
    macs: macs.total,
  };
  for (
    const [key, batchSize] of [["B1", 1], ["Bn", config.latencyBatch]] as const
  ) {
    const t = await measureLatency(model, {
      batchSize,
      inputShape: [32, 32, 3],
      nWarmup: 1,
      nRepeats: config.latencyRepeats,
    });
    out[`latency${key}S`] = t.medianMsPerImage / 1000; // seconds per image, as the paper prints
    out[`latency${key}MinS`] = t.minMsPerImage / 1000;
    out[`latency${key}MaxS`] = t.maxMsPerImage / 1000;
    out[`latency${key}UnsyncS`] = t.unsyncedMedianMsPerImage / 1000;
  }
  return out;
}

/**
 * Runs every not-yet-written cell of one model (and the cells they depend on).
 *
 * @param model The backbone.
 * @param ctx Config, data, impls, seed and the cell sink.
 */
export async function runModelJob(
  model: ModelName,
  ctx: JobContext,
): Promise<void> {
  const { config, splits, seed, profile, manifest } = ctx;
  const base = { profile, seed, impl: "both", manifest };
  const variants = variantsOf(model, ctx.impls);
  const id = (variant: string) => cellId({ profile, model, variant, seed });
  const todo = (variant: string) =>
    variants.includes(variant) && !ctx.done.has(id(variant));
  const root = createRng(seed).fork(model);
  const counted = build(model, {
    head: "baseline",
    config,
    rng: root.fork("count"),
  });
  const baselineParams = countParams(counted);
  dispose(counted);
  const emit = async (
    variant: string,
    impl: string,
    metrics: Record<string, number>,
    curves: Record<string, number[]>,
  ) => {
    await ctx.emit({
      ...base,
      id: id(variant),
      impl,
      config: { model, variant },
      metrics: metrics.storedParams === undefined ? metrics : {
        ...metrics,
        paramRatioVsBaseline: baselineParams / metrics.storedParams,
      },
      curves,
    });
  };

  // 0) Latency of the architectures under one shared load
  if (todo("latency")) {
    await emit(
      "latency",
      "both",
      await interleavedLatency(model, ctx, variants.includes("factorized")),
      {},
    );
  }

  // 1–2) Baseline, then its factorized twin
  if (todo("baseline") || todo("factorized")) {
    const t0 = performance.now();
    const net = build(model, {
      head: "baseline",
      config,
      rng: root.fork("baseline-init"),
    });
    const h = await train(net, splits.train, {
      config,
      epochs: config.epochs,
      rng: root.fork("baseline-data"),
    });
    const trainSeconds = (performance.now() - t0) / 1000;
    if (todo("baseline")) {
      await emit("baseline", "both", {
        ...(await measure(net, ctx)),
        trainLoss: last(h.history).train_loss,
        trainSeconds,
      }, {
        trainLoss: h.history.map((r) => r.train_loss),
      });
    }
    if (todo("factorized")) {
      const convRank = factorizedRank(config);
      const twin = build(model, {
        head: "baseline",
        config,
        rng: root.fork("factorized-init"),
        convRank,
      });
      const nFactorized = transferFactorized(net, twin);
      const before = await evaluate(twin, splits.test);
      const t1 = performance.now();
      const f = await train(twin, splits.train, {
        config,
        epochs: config.epochs,
        rng: root.fork("factorized-data"),
      });
      await emit("factorized", "both", {
        ...(await measure(twin, ctx)),
        testAccBeforeFinetune: before.accuracy,
        nFactorized,
        rankFraction: config.factorizedRankFraction,
        trainLoss: last(f.history).train_loss,
        trainSeconds: (performance.now() - t1) / 1000,
      }, { trainLoss: f.history.map((r) => r.train_loss) });
      dispose(twin);
    }
    dispose(net);
  }
  const qianetsVariants = ctx.impls.map((i) => `qianets-${i}`);
  if (!todo("qianets_uncompressed") && !qianetsVariants.some(todo)) return;

  // 3) QIANets architecture, trained: the weights the pipeline compresses
  const t0 = performance.now();
  const net = build(model, {
    head: "qianets",
    config,
    rng: root.fork("qianets-init"),
  });
  const pre = await train(net, splits.train, {
    config,
    epochs: config.pretrainEpochs,
    rng: root.fork("qianets-data"),
  });
  if (todo("qianets_uncompressed")) {
    await emit("qianets_uncompressed", "both", {
      ...(await measure(net, ctx)),
      trainLoss: last(pre.history).train_loss,
      trainSeconds: (performance.now() - t0) / 1000,
    }, { trainLoss: pre.history.map((r) => r.train_loss) });
  }
  const pretrained = snapshot(net);

  // 4) Per impl: search (sparsity, rank) on validation loss, then fine-tune the best
  for (const impl of ctx.impls) {
    if (!todo(`qianets-${impl}`)) continue;
    const searchRng = root.fork(`search-${impl}`);
    let best: {
      score: number;
      weights: Float32Array[];
      compressed: ReturnType<typeof compressModel>;
      seconds: number;
    } | undefined;
    const t1 = performance.now();
    const search = await randomSearch(async ({ sparsity, rank }, trial) => {
      restore(net, pretrained);
      const c0 = performance.now();
      const compressed = compressModel(net, {
        impl,
        sparsity,
        rank,
        rng: searchRng.fork(`compress-${trial}`),
      });
      const seconds = (performance.now() - c0) / 1000;
      const masks = impl === "paper" ? compressed.masks : undefined;
      if (masks) applyMasks(net, masks);
      await train(net, splits.train, {
        config,
        epochs: config.trialEpochs,
        rng: searchRng.fork(`data-${trial}`),
        impl,
        masks,
      });
      const score = (await evaluate(net, splits.val)).loss; // code: minimise last-epoch validation loss
      if (best === undefined || score < best.score) {
        best = { score, weights: snapshot(net), compressed, seconds };
      }
      return score;
    }, {
      nTrials: config.nTrials,
      rng: searchRng.fork("draws"),
      sparsity: config.sparsityRange,
      rank: config.rankRange,
    });
    // Final: the best trial's model, fine-tuned for the final epochs (code: a fresh compression, 50 epochs)
    restore(net, best!.weights);
    const masks = impl === "paper" ? best!.compressed.masks : undefined;
    const fin = await train(net, splits.train, {
      config,
      epochs: config.epochs,
      rng: root.fork(`final-${impl}`),
      impl,
      masks,
    });
    const layers = best!.compressed.layers;
    const nWeights = layers.reduce(
      (a, l) => a + l.shape.reduce((x, y) => x * y, 1),
      0,
    );
    const weighted = (f: (l: typeof layers[number]) => number) =>
      layers.reduce(
        (a, l) => a + f(l) * l.shape.reduce((x, y) => x * y, 1),
        0,
      ) / nWeights;
    await emit(`qianets-${impl}`, impl, {
      ...(await measure(net, ctx)),
      sparsity: search.best.sparsity,
      rank: search.best.rank,
      bestValLoss: search.best.score,
      prunedSparsity: weighted((l) => l.prunedSparsity),
      afterCompressionSparsity: weighted((l) => l.finalSparsity),
      annealRelativeError: weighted((l) => l.annealingRelativeError ?? NaN),
      compressSeconds: best!.seconds,
      trainLoss: last(fin.history).train_loss,
      trainSeconds: (performance.now() - t1) / 1000,
    }, {
      trainLoss: fin.history.map((r) => r.train_loss),
      trialValLoss: search.trials.map((t) => t.score),
      trialSparsity: search.trials.map((t) => t.sparsity),
      trialRank: search.trials.map((t) => t.rank),
    });
  }
  dispose(net);
}

/** r = ⌈ρ·min(Cout, Cin·k²)⌉ for each conv where r·(Cin·k² + Cout) < Cout·Cin·k², else dense. */
function factorizedRank(config: QianetsConfig) {
  return (_name: string, [k, , cIn, cOut]: number[]) => {
    const n = cIn * k * k;
    const r = Math.ceil(config.factorizedRankFraction * Math.min(cOut, n));
    return r * (n + cOut) < cOut * n ? r : undefined;
  };
}

/** Architectures timed round-robin under the same load; dense compute time does not depend on the weights. */
async function interleavedLatency(
  model: ModelName,
  ctx: JobContext,
  withFactorized: boolean,
) {
  const { config } = ctx;
  const rng = createRng(ctx.seed).fork(`${model}-latency`);
  const archs: [string, Model][] = [[
    "baseline",
    build(model, { head: "baseline", config, rng }),
  ]];
  if (withFactorized) {
    archs.push([
      "factorized",
      build(model, {
        head: "baseline",
        config,
        rng,
        convRank: factorizedRank(config),
      }),
    ]);
  }
  archs.push(["qianets", build(model, { head: "qianets", config, rng })]);
  const metrics: Record<string, number> = {};
  for (
    const [key, batchSize] of [["B1", 1], ["Bn", config.latencyBatch]] as const
  ) {
    const times = await compareLatency(archs.map(([, m]) => m), {
      batchSize,
      inputShape: [32, 32, 3],
      nWarmup: 1,
      nRepeats: config.latencyRepeats,
    });
    archs.forEach(([name], k) => {
      metrics[`${name}${key}S`] = times[k].medianMsPerImage / 1000;
      metrics[`${name}${key}MinS`] = times[k].minMsPerImage / 1000;
      metrics[`${name}${key}MaxS`] = times[k].maxMsPerImage / 1000;
      metrics[`${name}${key}UnsyncS`] = times[k].unsyncedMedianMsPerImage /
        1000;
    });
  }
  archs.forEach(([, m]) => dispose(m));
  return metrics;
}

function dispose(model: Model): void {
  for (const v of model.variables) v.variable.dispose();
}

function last<T>(a: T[]): T {
  return a[a.length - 1];
}
