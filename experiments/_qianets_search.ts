/**
 * The QIANets compressed variants (research notes `qianets.md` §2 "Hyperparameter
 * search", Steps 1–4): for one impl, a seeded random search over (sparsity,
 * rank), each trial compressing the same pretrained weights by the QIANets
 * pipeline and fine-tuning, scored by validation loss (the code minimises the
 * last-epoch validation loss); the best trial's model is then fine-tuned
 * (masks kept for `paper`, dropped for `code`).
 *
 * @module
 */

import type { Impl, Rng } from "../lib/runtime/mod.ts";
import type { Model } from "../lib/models/mod.ts";
import { evaluate } from "../lib/training/mod.ts";
import {
  applyMasks,
  compressModel,
  type CompressResult,
  randomSearch,
} from "../lib/compression/mod.ts";
import type { QianetsConfig, Splits } from "./_qianets_config.ts";
import { measure } from "./_qianets_measure.ts";
import {
  firstImages,
  restore,
  since,
  snapshot,
  train,
} from "./_qianets_train.ts";

/** A finished compressed variant: its metrics and curves. */
export interface CompressedRun {
  metrics: Record<string, number>;
  curves: Record<string, number[]>;
}

/**
 * Searches, compresses and fine-tunes one impl's QIANets model.
 *
 * @param net The QIANets model; overwritten.
 * @param options Pretrained weights to start every trial from, impl, settings, data and rng.
 * @returns Metrics (honest ones plus the search's) and curves.
 */
export async function compressedVariant(
  net: Model,
  options: {
    pretrained: Float32Array[];
    impl: Impl;
    config: QianetsConfig;
    splits: Splits;
    rng: Rng;
  },
): Promise<CompressedRun> {
  const { pretrained, impl, config, splits, rng } = options;
  const trialTrain = firstImages(splits.train, config.nTrialTrain);
  let best: {
    score: number;
    weights: Float32Array[];
    compressed: CompressResult;
    seconds: number;
  } | undefined;
  let compressSeconds = 0;
  const t0 = performance.now();
  const search = await randomSearch(async ({ sparsity, rank }, trial) => {
    restore(net, pretrained);
    const c0 = performance.now();
    const compressed = compressModel(net, {
      impl,
      sparsity,
      rank,
      rng: rng.fork(`compress-${trial}`),
    });
    const seconds = since(c0);
    compressSeconds += seconds;
    const masks = impl === "paper" ? compressed.masks : undefined;
    if (masks) applyMasks(net, masks);
    await train(net, trialTrain, {
      config,
      epochs: config.trialEpochs,
      rng: rng.fork(`data-${trial}`),
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
    rng: rng.fork("draws"),
    sparsity: config.sparsityRange,
    rank: config.rankRange,
  });
  const searchSeconds = since(t0);
  // Final: the best trial's model, fine-tuned (code: a fresh compression, then 50 epochs)
  restore(net, best!.weights);
  const masks = impl === "paper" ? best!.compressed.masks : undefined;
  const t1 = performance.now();
  const fin = await train(
    net,
    firstImages(splits.train, config.nFinetuneTrain),
    {
      config,
      epochs: config.finetuneEpochs,
      rng: rng.fork("final"),
      impl,
      masks,
    },
  );
  const finetuneSeconds = since(t1);
  const layers = best!.compressed.layers;
  const size = (l: typeof layers[number]) => l.shape.reduce((x, y) => x * y, 1);
  const nWeights = layers.reduce((a, l) => a + size(l), 0);
  const weighted = (f: (l: typeof layers[number]) => number) =>
    layers.reduce((a, l) => a + f(l) * size(l), 0) / nWeights;
  const history = fin.history;
  return {
    metrics: {
      ...(await measure(net, { config, splits })),
      sparsity: search.best.sparsity,
      rank: search.best.rank,
      bestValLoss: search.best.score,
      prunedSparsity: weighted((l) => l.prunedSparsity),
      afterCompressionSparsity: weighted((l) => l.finalSparsity),
      annealRelativeError: weighted((l) => l.annealingRelativeError ?? NaN),
      compressSeconds: best!.seconds,
      searchCompressSeconds: compressSeconds,
      searchSeconds,
      finetuneSeconds,
      trainLoss: history[history.length - 1].train_loss,
      trainSeconds: searchSeconds + finetuneSeconds,
    },
    curves: {
      trainLoss: history.map((r) => r.train_loss),
      trialValLoss: search.trials.map((t) => t.score),
      trialSparsity: search.trials.map((t) => t.sparsity),
      trialRank: search.trials.map((t) => t.rank),
    },
  };
}
