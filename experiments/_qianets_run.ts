/**
 * One QIANets model job (research notes `qianets.md` §2, §8): the cells of one
 * backbone and seed, run in dependency order so trained weights are reused:
 *
 * 0. `latency`: the untrained architectures at `archWidthScale`: parameters,
 *    MACs, round-robin latency (`_qianets_measure.ts`).
 * 1. `baseline`: the plain backbone, trained, then measured.
 * 2. `factorized`: the trained baseline with every conv that saves by it
 *    split into k×k → r and 1×1 → Cout from its SVD, fine-tuned (what a
 *    low-rank method really buys: fewer parameters and MACs).
 * 3. `qianets_uncompressed`: the QIANets architecture (head added) started
 *    from the trained baseline's backbone (the stand-in for the ImageNet
 *    weights the code starts from) and trained `pretrainEpochs`: the weights
 *    the pipeline compresses.
 * 4. `qianets-<impl>`: per impl, search, compress and fine-tune
 *    (`_qianets_search.ts`).
 *
 * Every trained cell records how long its phases took (`trainSeconds`,
 * `measureSeconds`, and for step 4 `searchSeconds`, `finetuneSeconds`).
 *
 * @module
 */

import { createRng, type Impl, type RunManifest } from "../lib/runtime/mod.ts";
import { countParams } from "../lib/models/mod.ts";
import { evaluate } from "../lib/training/mod.ts";
import { transferFactorized } from "../lib/compression/mod.ts";
import type { Cell } from "../lib/report/mod.ts";
import {
  buildModel,
  cellId,
  factorizedRank,
  type ModelName,
  type QianetsConfig,
  type Splits,
  variantsOf,
} from "./_qianets_config.ts";
import { architectureMetrics, measure } from "./_qianets_measure.ts";
import { compressedVariant } from "./_qianets_search.ts";
import {
  copyMatching,
  dispose,
  firstImages,
  since,
  snapshot,
  train,
} from "./_qianets_train.ts";

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
  const variants = variantsOf(model, ctx.impls);
  const id = (variant: string) => cellId({ profile, model, variant, seed });
  const todo = (variant: string) =>
    variants.includes(variant) && !ctx.done.has(id(variant));
  const root = createRng(seed).fork(model);
  const widthScale = config.widthScale[model];
  const counted = buildModel(model, {
    head: "baseline",
    widthScale,
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
      profile,
      seed,
      manifest,
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
  const measured = (net: Parameters<typeof measure>[0]) =>
    measure(net, { config, splits });

  if (todo("latency")) {
    await emit("latency", "both", await architectureMetrics(model, ctx), {});
  }

  // 1–2) Baseline, then its factorized twin; 3 starts from its backbone
  const compressed = ctx.impls.map((i) => `qianets-${i}`);
  const needQianets = todo("qianets_uncompressed") || compressed.some(todo);
  if (!todo("baseline") && !todo("factorized") && !needQianets) return;
  const t0 = performance.now();
  const base = buildModel(model, {
    head: "baseline",
    widthScale,
    rng: root.fork("baseline-init"),
  });
  const h = await train(base, splits.train, {
    config,
    epochs: config.epochs,
    rng: root.fork("baseline-data"),
  });
  const trainSeconds = since(t0);
  if (todo("baseline")) {
    await emit("baseline", "both", {
      ...(await measured(base)),
      trainLoss: last(h.history).train_loss,
      trainSeconds,
    }, { trainLoss: h.history.map((r) => r.train_loss) });
  }
  if (todo("factorized")) {
    const twin = buildModel(model, {
      head: "baseline",
      widthScale,
      rng: root.fork("factorized-init"),
      convRank: factorizedRank(config.factorizedRankFraction),
    });
    const nFactorized = transferFactorized(base, twin);
    const before = await evaluate(twin, splits.test);
    const t1 = performance.now();
    const f = await train(
      twin,
      firstImages(splits.train, config.nFinetuneTrain),
      {
        config,
        epochs: config.finetuneEpochs,
        rng: root.fork("factorized-data"),
      },
    );
    const seconds = since(t1);
    await emit("factorized", "both", {
      ...(await measured(twin)),
      testAccBeforeFinetune: before.accuracy,
      nFactorized,
      rankFraction: config.factorizedRankFraction,
      trainLoss: last(f.history).train_loss,
      trainSeconds: seconds,
    }, { trainLoss: f.history.map((r) => r.train_loss) });
    dispose(twin);
  }
  if (!needQianets) return dispose(base);

  // 3) QIANets architecture: the trained baseline's backbone (the stand-in
  // for torchvision's ImageNet weights the code starts from) plus a fresh
  // head, trained; these are the weights the pipeline compresses
  const t2 = performance.now();
  const net = buildModel(model, {
    head: "qianets",
    widthScale,
    rng: root.fork("qianets-init"),
  });
  const nCopied = copyMatching(base, net).length;
  dispose(base);
  const pre = await train(net, splits.train, {
    config,
    epochs: config.pretrainEpochs,
    rng: root.fork("qianets-data"),
  });
  const pretrainSeconds = since(t2);
  if (todo("qianets_uncompressed")) {
    await emit("qianets_uncompressed", "both", {
      ...(await measured(net)),
      nCopiedFromBaseline: nCopied,
      trainLoss: last(pre.history).train_loss,
      trainSeconds: pretrainSeconds,
    }, { trainLoss: pre.history.map((r) => r.train_loss) });
  }
  const pretrained = snapshot(net);

  // 4) Per impl: search (sparsity, rank) on validation loss, then fine-tune the best
  for (const impl of ctx.impls) {
    if (!todo(`qianets-${impl}`)) continue;
    const run = await compressedVariant(net, {
      pretrained,
      impl,
      config,
      splits,
      rng: root.fork(`search-${impl}`),
    });
    await emit(`qianets-${impl}`, impl, run.metrics, run.curves);
  }
  dispose(net);
}

function last<T>(a: T[]): T {
  return a[a.length - 1];
}
