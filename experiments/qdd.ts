/**
 * Reproduction of "Dataset Distillation for Quantum Neural Networks" (Phalak,
 * Li, Ghosh, ISVLSI 2025, arXiv 2503.17935), from its published code
 * (KoustubhPhalak/dataset-distillation-qnn, a fork of SsnL/dataset-distillation);
 * research notes in `shared/research/qdd.md`. Report page:
 * `reports/qdd/index.html`, the distilled images as PNG grids on it.
 *
 * Grid: dataset × model × init × impl × seed (`_qdd_config.ts`); each run
 * distils a set for one model, then trains evaluation networks on the
 * distilled steps only and tests them on the test set (one cell file per
 * evaluation network). `--impl code` keeps the circuit angles frozen as the
 * published code does (notes §7.1), `--impl paper` trains them; the classical
 * LeNet has no circuit (impl code).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import {
  createProgress,
  createRng,
  type Impl,
  inShard,
  parseCli,
  runMain,
  type RunManifest,
  runManifest,
} from "../lib/runtime/mod.ts";
import { initBackend } from "../lib/runtime/tfjs/mod.ts";
import {
  ensureDatasets,
  type ImageSet,
  loadDataset,
  normalizeChannels,
  sliceSamples,
  toFloat32,
} from "../lib/data/mod.ts";
import {
  classicalLenet,
  initParams,
  type ParamNet,
  quantumLenet,
} from "../lib/models/mod.ts";
import { distillDataset, evaluateDistilled } from "../lib/training/mod.ts";
import {
  buildReport,
  finishedCellIds,
  writeCell,
  writePageSpec,
} from "../lib/report/mod.ts";
import { distilledPngPath, qddPage, writeImageGrid } from "./_qdd_page.ts";
import {
  type Dataset,
  DEFAULTS,
  nEvalOf,
  outerStepsOf,
  PROFILE_OVERRIDES,
  protocolText,
  type QddConfig,
  runGrid,
  runId,
  type RunKey,
  SOURCE,
  STATS,
} from "./_qdd_config.ts";

function buildNet(c: RunKey, geometry: [number, number]): ParamNet {
  const [inputSize, inChannels] = geometry;
  if (c.model === "classical") return classicalLenet({ inChannels, inputSize });
  const observable = c.model === "q-trainable"
    ? "trainable"
    : c.model === "q-frozen"
    ? "frozen"
    : "pauli-z";
  // --impl code: circuit angles never train (TorchLayer bug, notes §7.1)
  return quantumLenet({
    inChannels,
    inputSize,
    observable,
    trainCircuit: c.impl === "paper",
  });
}

async function loadSplit(
  dataset: Dataset,
  split: "train" | "test",
  cap: number,
): Promise<ImageSet<Float32Array>> {
  const raw = await loadDataset(SOURCE[dataset], { split });
  const n = cap > 0 ? Math.min(cap, raw.shape[0]) : raw.shape[0];
  const capped = n < raw.shape[0] ? sliceSamples(raw, { end: n }) : raw;
  return normalizeChannels(toFloat32(capped), STATS[dataset]);
}

const SPEC = {
  name: "deno task reproduce:qdd",
  summary:
    "Dataset distillation for quantum neural networks (Phalak, Li, Ghosh, arXiv 2503.17935): distils MNIST and CIFAR-10 for a quantum LeNet (trainable, frozen or Pauli-Z observable) and a classical LeNet, trains fresh networks on the distilled steps only and tests them. Runs every cell not yet in <out>/qdd/cells, then writes <out>/qdd/index.html with the distilled images.",
};

/** What every run of one invocation shares. */
interface RunContext {
  config: QddConfig;
  outDir: string;
  manifest: RunManifest;
  startedAt: number;
  split: (d: Dataset, s: "train" | "test") => Promise<ImageSet<Float32Array>>;
  onStep: (run: RunKey, step: number, loss: number) => void;
}

/** Distils one run's set, writes its PNG grid and one cell per evaluation network. */
async function runOne(c: RunKey, ctx: RunContext): Promise<void> {
  const { config, outDir, manifest, startedAt } = ctx;
  const train = await ctx.split(c.dataset, "train");
  const test = await ctx.split(c.dataset, "test");
  const net = buildNet(c, [train.shape[1], train.shape[3]]);
  const rng = createRng(c.seed).fork(`${c.dataset}-${c.model}-${c.init}`);
  const nSteps = c.init === "known"
    ? config.distillStepsKnown
    : config.distillStepsUnknown;
  const t0 = performance.now();
  const result = distillDataset(net, train, {
    shape: {
      nClasses: 10,
      imagesPerClass: config.imagesPerClass,
      nSteps,
      nEpochs: config.distillEpochs,
    },
    rng,
    initMode: c.init,
    nNets: c.init === "known" ? config.nNetsKnown : 1,
    nOuterSteps: outerStepsOf(config, train.shape[0]),
    batchSize: config.batchSize,
    lr: config.lr,
    distillLr: config.distillLr,
    decayEvery: config.decayEpochs *
      Math.ceil(train.shape[0] / config.batchSize),
    decayFactor: config.decayFactor,
    onStep: (step, loss) => ctx.onStep(c, step, loss),
  });
  const distillSeconds = (performance.now() - t0) / 1000;
  await writeImageGrid(
    `${outDir}/qdd/${distilledPngPath(c)}`,
    {
      data: result.set.images.dataSync() as Float32Array,
      shape: result.set.images.shape,
    },
    { nCols: 10 * config.imagesPerClass, stats: STATS[c.dataset] },
  );
  const etas = Array.from(
    result.set.rawLr.dataSync(),
    (r) => Math.log1p(Math.exp(r)),
  );
  // known_init tests the fixed inits it was distilled for (same_as_train);
  // unknown_init tests fresh draws, α and H initialised explicitly (notes §7.3b)
  const evalRng = rng.fork("eval");
  for (let k = 0; k < nEvalOf(c.init, config); k++) {
    const theta0 = c.init === "known"
      ? result.thetas[k]
      : initParams(net, { rng: evalRng.fork(k) });
    const t1 = performance.now();
    const r = evaluateDistilled(net, result.set, { theta0, test });
    if (c.init !== "known") tf.dispose(theta0);
    await writeCell("qdd", {
      id: `${runId(c)}-e${k}`,
      config: {
        dataset: c.dataset,
        model: c.model,
        init: c.init,
        impl: c.impl,
        profile: c.profile,
        evalNet: k,
      },
      seed: c.seed,
      profile: c.profile,
      impl: c.impl,
      metrics: {
        testAcc: 100 * r.accuracyAfter,
        testAccBefore: 100 * r.accuracyBefore,
        finalOuterLoss: result.losses[result.losses.length - 1],
        meanStepSize: etas.reduce((a, b) => a + b, 0) / etas.length,
        distillSeconds,
        evalSeconds: (performance.now() - t1) / 1000,
      },
      curves: { outerLoss: result.losses, stepSize: etas },
      manifest: { ...manifest, wallS: (Date.now() - startedAt) / 1000 },
    }, { outDir });
  }
  const { images, rawLr, labels } = result.set;
  tf.dispose([images, rawLr, labels, ...result.thetas.flat()]);
}

async function main(): Promise<void> {
  const cli = parseCli(Deno.args, SPEC);
  if (cli.help) return console.log(cli.usage);
  const startedAt = Date.now();
  const { profile, seed: baseSeed, impl: onlyImpl, shard, out: outDir } =
    cli.common;
  const config: QddConfig = { ...DEFAULTS, ...PROFILE_OVERRIDES[profile] };
  const impls: Impl[] = onlyImpl ? [onlyImpl] : config.impls;
  // auto means wasm: the hypergradient reads small tensors back synchronously
  // (cross-entropy shift, frozen-circuit angles), which Deno's WebGPU cannot
  const backend = await initBackend(
    cli.common.backend === "auto" ? "wasm" : cli.common.backend,
  );
  const manifest = await runManifest({
    config,
    seed: baseSeed,
    profile,
    backend: backend.backend,
    adapter: backend.adapter,
    startedAt,
  });
  const grid = runGrid(config, { profile, impls, baseSeed });
  const evalIds = (c: RunKey) =>
    Array.from(
      { length: nEvalOf(c.init, config) },
      (_, k) => `${runId(c)}-e${k}`,
    );
  const done = await finishedCellIds("qdd", { outDir });
  const todo = grid.filter((c, i) =>
    inShard(i, shard) && !evalIds(c).every((id) => done.has(id))
  );
  console.error(
    `qdd ${profile}: ${grid.length} runs, ${
      grid.length - todo.length
    } done or in other shards`,
  );
  await ensureDatasets([...new Set(todo.map((c) => SOURCE[c.dataset]))]);
  const sets = new Map<string, ImageSet<Float32Array>>();
  const split = async (d: Dataset, s: "train" | "test") => {
    const cap = s === "train" ? config.trainCap : config.testCap;
    if (!sets.has(`${d}-${s}`)) {
      sets.set(`${d}-${s}`, await loadSplit(d, s, cap));
    }
    return sets.get(`${d}-${s}`)!;
  };
  const nTrain = { mnist: 60000, cifar10: 50000 }; // progress total only
  const progress = createProgress(`qdd ${profile}`, {
    total: todo.reduce(
      (sum, c) =>
        sum +
        outerStepsOf(
          config,
          Math.min(config.trainCap || Infinity, nTrain[c.dataset]),
        ),
      0,
    ),
    unit: "outer steps",
  });
  const ctx: RunContext = {
    config,
    outDir,
    manifest,
    startedAt,
    split,
    onStep: (c, step, loss) =>
      progress.tick(1, `${runId(c)} step ${step + 1} loss ${loss.toFixed(3)}`),
  };
  for (const c of todo) await runOne(c, ctx);
  progress.done();
  const page = qddPage(profile, config, {
    expected: grid.flatMap(evalIds),
    protocol: protocolText(profile, config),
    impls: ["code", "paper"], // rows for both, so separate --impl runs share one page
    runs: runGrid(config, { profile, impls: ["code", "paper"], baseSeed }),
  });
  await writePageSpec(page, { outDir });
  const report = await buildReport("qdd", { outDir, page });
  console.error(`qdd: report written to ${report.indexPath}`);
}

if (import.meta.main) await runMain(main);
