/**
 * The honest metrics of issue 8 (research notes `qianets.md` §4, §6): test
 * and validation accuracy and loss, stored and non-zero parameters, model
 * bytes, MACs, and latency per image at batch 1 and a large batch, timed
 * after warm-up with the output data awaited inside the timed region (plus
 * the paper-style unsynchronised number, labelled as such). The `latency`
 * cell measures the untrained architectures at `archWidthScale` (the
 * paper's full widths in quick), timed round-robin under one machine load.
 *
 * @module
 */

import { createRng } from "../lib/runtime/mod.ts";
import { countParams, type Model } from "../lib/models/mod.ts";
import { evaluate } from "../lib/training/mod.ts";
import {
  compareLatency,
  countMacs,
  measureLatency,
  modelSize,
} from "../lib/compression/mod.ts";
import {
  buildModel,
  factorizedRank,
  type ModelName,
  type QianetsConfig,
  type Splits,
} from "./_qianets_config.ts";
import { dispose } from "./_qianets_train.ts";

const INPUT: [number, number, number] = [32, 32, 3];

/**
 * Honest metrics of a trained model.
 *
 * @param model The model.
 * @param options Settings and the data splits.
 * @returns Metrics keyed as in the report (latencies in s/img, as the paper prints).
 */
export async function measure(
  model: Model,
  options: { config: QianetsConfig; splits: Splits },
): Promise<Record<string, number>> {
  const { splits, config } = options;
  const t0 = performance.now();
  const test = await evaluate(model, splits.test);
  const val = await evaluate(model, splits.val);
  const size = modelSize(model);
  const macs = await countMacs(model, { inputShape: INPUT });
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
      inputShape: INPUT,
      nWarmup: 1,
      nRepeats: config.latencyRepeats,
    });
    out[`latency${key}S`] = t.medianMsPerImage / 1000;
    out[`latency${key}MinS`] = t.minMsPerImage / 1000;
    out[`latency${key}MaxS`] = t.maxMsPerImage / 1000;
    out[`latency${key}UnsyncS`] = t.unsyncedMedianMsPerImage / 1000;
  }
  out.measureSeconds = (performance.now() - t0) / 1000;
  return out;
}

/**
 * The `latency` cell: baseline, factorized and QIANets architectures of one
 * backbone at `archWidthScale`, untrained (dense compute time does not depend
 * on the weights): stored parameters and MACs of each, the paper's
 * "compression ratio" baseline/QIANets, and latencies timed round-robin.
 *
 * @param model The backbone.
 * @param options Settings and seed.
 * @returns Metrics `<arch>Params`, `<arch>Macs`, `<arch><B1|Bn>[Min|Max|Unsync]S`, `paramRatio`.
 */
export async function architectureMetrics(
  model: ModelName,
  options: { config: QianetsConfig; seed: number },
): Promise<Record<string, number>> {
  const { config, seed } = options;
  const t0 = performance.now();
  const rng = createRng(seed).fork(`${model}-latency`);
  const widthScale = config.archWidthScale;
  const archs: [string, Model][] = [
    ["baseline", buildModel(model, { head: "baseline", widthScale, rng })],
    [
      "factorized",
      buildModel(model, {
        head: "baseline",
        widthScale,
        rng,
        convRank: factorizedRank(config.factorizedRankFraction),
      }),
    ],
    ["qianets", buildModel(model, { head: "qianets", widthScale, rng })],
  ];
  const metrics: Record<string, number> = {};
  for (const [name, m] of archs) {
    metrics[`${name}Params`] = countParams(m);
    metrics[`${name}Macs`] = (await countMacs(m, { inputShape: INPUT })).total;
  }
  metrics.paramRatio = metrics.baselineParams / metrics.qianetsParams;
  for (
    const [key, batchSize] of [["B1", 1], ["Bn", config.latencyBatch]] as const
  ) {
    const times = await compareLatency(archs.map(([, m]) => m), {
      batchSize,
      inputShape: INPUT,
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
  metrics.widthScale = widthScale;
  metrics.seconds = (performance.now() - t0) / 1000;
  return metrics;
}
