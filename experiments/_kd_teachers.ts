/**
 * The frozen KD teachers (research notes `kd.md` §1): LeNet5, AlexNet28 and
 * their jointly trained ensemble, Adam 1e-3, cross-entropy, last-epoch weights
 * kept (§6.6). A v1 teacher is trained once, its logits on every student
 * training set it serves are written under `<out>/kd/teachers/`, and its
 * weights are released at once: one AlexNet-sized model is in memory at a
 * time, and a rerun reads the logits instead of retraining. Private to
 * `experiments/kd.ts`.
 *
 * @module
 */

import { createRng, type Impl, type Profile } from "../lib/runtime/mod.ts";
import { writeFileAtomic } from "../lib/runtime/mod.ts";
import {
  alexnet28,
  countParams,
  kdEnsemble,
  lenet5,
  type Model,
} from "../lib/models/mod.ts";
import * as tf from "@tensorflow/tfjs-core";
import { adam, fit, predictLogits, wasmAdam } from "../lib/training/mod.ts";
import type { Cell } from "../lib/report/mod.ts";
import {
  firstPerClass,
  head,
  type KdConfig,
  type KdDataset,
  SHORT,
  type SplitCache,
  type TeacherArch,
} from "./_kd_grid.ts";
import { accuracyOn, readLogits, selectRows } from "./_kd_teacher_logits.ts";

/** What every cell runner shares. */
export interface RunContext {
  /** The effective configuration. */
  config: KdConfig;
  /** The run profile. */
  profile: Profile;
  /** `--seed`: teachers use it, cells count up from it. */
  baseSeed: number;
  /** `--out`. */
  outDir: string;
  /** The impls this run enumerates (which student sets need teacher logits). */
  impls: Impl[];
  /** Loaded dataset splits. */
  splits: SplitCache;
  /** v2 teachers already trained in this process, by key. */
  teachers: Map<string, Model>;
  /** v1 teacher logits already read or computed, by file path. */
  logits: Map<string, Float32Array>;
  /** Teacher cells to write (accuracies of freshly trained teachers). */
  onTeacher: (cell: Omit<Cell, "manifest">) => Promise<void>;
}

/**
 * A fresh teacher (notes §1), holding no tensors beyond its variables.
 *
 * @param arch LeNet5, AlexNet28, or their jointly trained ensemble.
 * @param nClasses Output classes C.
 * @param dataset The dataset (CIFAR-10 gives LeNet5 three 32×32 channels).
 * @param seed Base seed of the initial weights.
 * @returns The untrained model.
 */
export function buildTeacher(
  arch: TeacherArch,
  nClasses: number,
  dataset: KdDataset,
  seed: number,
): Model {
  const rng = createRng(seed).fork(`teacher-${arch}`);
  const colour = dataset === "cifar-10";
  const lenet = () =>
    lenet5({
      nClasses,
      inChannels: colour ? 3 : 1,
      inputSize: colour ? 32 : 28,
      rng: rng.fork("lenet"),
    });
  // initVariable() leaves each initial-value tensor alive beside its variable,
  // so disposing the variables would still leak a whole set of initial weights
  // (379 MB for AlexNet28) per teacher: the third AlexNet-sized teacher of a
  // run then exhausted the 4 GB wasm heap. The scope releases those tensors;
  // the variables keep their values.
  return tf.tidy(() => {
    if (arch === "lenet") return lenet() as unknown as tf.TensorContainer;
    const alex = alexnet28({ nClasses, rng: rng.fork("alexnet") });
    // Notes §1: the ensemble is trained jointly from scratch, not averaged after training.
    return (arch === "alexnet"
      ? alex
      : kdEnsemble([alex, lenet()])) as unknown as tf.TensorContainer;
  }) as unknown as Model;
}

/** Releases the cached teachers' weights. */
export function disposeTeachers(ctx: RunContext): void {
  for (const m of ctx.teachers.values()) disposeModel(m);
  ctx.teachers.clear();
}

/**
 * Releases a model's variables.
 *
 * @param m The model.
 */
export function disposeModel(m: Model): void {
  m.variables.forEach((v) => v.variable.dispose());
}

/**
 * The frozen v2 teacher (LeNet5 on all 10 classes): trained with Adam 1e-3,
 * batch 128, CE (notes §1), or restored from its cached checkpoint. The last
 * epoch's weights are kept, as the notebooks' saved teacher (notes §6.6).
 */
export async function v2Teacher(
  ctx: RunContext,
  options: { dataset: KdDataset; epochs: number; nTrain: number },
): Promise<Model> {
  const { dataset, epochs, nTrain } = options;
  const nClasses = 10;
  const arch = "lenet";
  const key = `${ctx.profile}-teacher-${SHORT[dataset]}-c${nClasses}-${arch}`;
  const cached = ctx.teachers.get(key);
  if (cached) return cached;
  disposeTeachers(ctx);
  const model = buildTeacher(arch, nClasses, dataset, ctx.baseSeed);
  console.error(
    `${key}: ${countParams(model).toLocaleString("en-US")} parameters`,
  );
  const train = head(
    await ctx.splits.get(dataset, { split: "train", nClasses }),
    nTrain,
  );
  const test = await ctx.splits.get(dataset, { split: "test", nClasses });
  const optimizer = adam({ learningRate: ctx.config.teacherLr });
  const t0 = performance.now();
  const { history, steps } = await fit(model, train, {
    epochs,
    batchSize: ctx.config.teacherBatchSize[arch],
    optimizer,
    rng: createRng(ctx.baseSeed).fork(key),
    validation: test,
    checkpointPath: `${ctx.outDir}/kd/teachers/${key}.ckpt`,
    progressLabel: key,
  });
  // The teacher is frozen from here: release Adam's moments (2 × its weights).
  optimizer.setState({ step: 0, slots: new Map() });
  const acc = history.map((r) => r.val_accuracy ?? NaN);
  await ctx.onTeacher(teacherCell(ctx, {
    id: key,
    dataset,
    classes: nClasses,
    arch,
    acc,
    metrics: {
      trainImages: train.shape[0],
      steps,
      trainSeconds: (performance.now() - t0) / 1000,
    },
  }));
  ctx.teachers.set(key, model);
  return model;
}

/** A teacher's cell: its test accuracy per epoch plus run-specific config and metrics. */
function teacherCell(
  ctx: RunContext,
  t: {
    id: string;
    dataset: KdDataset;
    classes: number;
    arch: TeacherArch;
    acc: number[];
    config?: Record<string, number>;
    metrics: Record<string, number>;
  },
): Omit<Cell, "manifest"> {
  return {
    id: t.id,
    config: {
      part: "teacher",
      dataset: SHORT[t.dataset],
      classes: t.classes,
      arch: t.arch,
      ...t.config,
      profile: ctx.profile,
    },
    seed: ctx.baseSeed,
    profile: ctx.profile,
    impl: "code",
    metrics: {
      finalTestAcc: t.acc[t.acc.length - 1],
      bestTestAcc: Math.max(...t.acc),
      ...t.metrics,
    },
    curves: { testAcc: t.acc },
  };
}

/** Which teacher serves a v1 class set: its key and the classes it is trained on. */
function v1TeacherOf(
  ctx: RunContext,
  options: { dataset: KdDataset; nClasses: number; arch: TeacherArch },
): { key: string; trainClasses: number } {
  const { dataset, nClasses, arch } = options;
  const trainClasses = ctx.config.teacherShareClasses.includes(arch)
    ? Math.max(...ctx.config.v1Tasks.map((t) => t.nClasses))
    : nClasses;
  return {
    key: `${ctx.profile}-teacher-${SHORT[dataset]}-c${trainClasses}-${arch}`,
    trainClasses,
  };
}

/** Images per class of a v1 student's training set (0: all). */
export function v1PerClass(config: KdConfig, impl: Impl): number {
  return impl === "code" ? config.v1PerClass : config.v1PaperPerClass;
}

function logitsPath(
  ctx: RunContext,
  key: string,
  set: { nClasses: number; perClass: number },
): string {
  return `${ctx.outDir}/kd/teachers/${key}.pc${set.perClass}-c${set.nClasses}.f32`;
}

/**
 * The frozen teacher's logits `[N, C]` on a v1 student training set (the
 * first `perClass` images per class of classes 0…C−1), from memory, from its
 * file, or by training the teacher (which writes every set it serves).
 *
 * @param ctx Shared state.
 * @param options Dataset, classes C, teacher architecture, images per class.
 * @returns Row i for training image i, C logits each.
 */
export async function v1TeacherLogits(
  ctx: RunContext,
  options: {
    dataset: KdDataset;
    nClasses: number;
    arch: TeacherArch;
    perClass: number;
  },
): Promise<Float32Array> {
  const { dataset, nClasses, arch, perClass } = options;
  const { key, trainClasses } = v1TeacherOf(ctx, options);
  const path = logitsPath(ctx, key, { nClasses, perClass });
  const known = ctx.logits.get(path) ?? await readLogits(path);
  if (known) return known;
  await trainV1Teacher(ctx, { dataset, arch, key, trainClasses });
  return ctx.logits.get(path)!;
}

/** Trains one v1 teacher, writes its cells and every logits file it serves, and frees it. */
async function trainV1Teacher(
  ctx: RunContext,
  options: {
    dataset: KdDataset;
    arch: TeacherArch;
    key: string;
    trainClasses: number;
  },
): Promise<void> {
  const { config, splits } = ctx;
  const { dataset, arch, key, trainClasses } = options;
  const served = [...new Set(config.v1Tasks.map((t) => t.nClasses))].filter(
    (c) => v1TeacherOf(ctx, { dataset, nClasses: c, arch }).key === key,
  );
  const shared = served.some((c) => c !== trainClasses);
  disposeTeachers(ctx); // one AlexNet-sized model in memory at a time
  const model = buildTeacher(arch, trainClasses, dataset, ctx.baseSeed);
  const nParams = countParams(model);
  // Notes §1: the notebooks print 44,256 / 94,663,880 / 94,708,136 for C = 8.
  console.error(`${key}: ${nParams.toLocaleString("en-US")} parameters`);
  const split = (s: "train" | "test") =>
    splits.get(dataset, { split: s, nClasses: trainClasses });
  const train = head(await split("train"), config.teacherTrainImages[arch]);
  const test = head(await split("test"), config.teacherTestImages[arch]);
  // On wasm, Adam works on the heap (the same numbers as adam()):
  // an AlexNet step would otherwise copy its 379 MB of weights three times.
  const optimizer = tf.getBackend() === "wasm"
    ? wasmAdam({ learningRate: config.teacherLr })
    : adam({ learningRate: config.teacherLr });
  const t0 = performance.now();
  const { history, steps } = await fit(model, train, {
    epochs: config.teacherEpochs[arch],
    batchSize: config.teacherBatchSize[arch],
    optimizer,
    rng: createRng(ctx.baseSeed).fork(key),
    // A shared teacher is scored once, after training, on each class set.
    validation: shared ? undefined : test,
    progressLabel: key,
  });
  optimizer.setState({ step: 0, slots: new Map() }); // frozen: drop Adam's moments
  const trainSeconds = (performance.now() - t0) / 1000;
  const curves = new Map<number, number[]>();
  if (!shared) {
    curves.set(trainClasses, history.map((r) => r.val_accuracy ?? NaN));
  } else {
    const { logits } = await predictLogits(model, test);
    for (const c of served) {
      curves.set(c, [accuracyOn(logits, test.labels, { trainClasses, c })]);
    }
  }
  // Logits on each student training set: the sets of smaller class counts are
  // the rows of the trained classes' set whose label is below C, in order.
  for (const perClass of new Set(ctx.impls.map((i) => v1PerClass(config, i)))) {
    const full = firstPerClass(await split("train"), perClass);
    const { logits } = await predictLogits(model, full);
    for (const c of served) {
      const rows = selectRows(logits, full.labels, { trainClasses, c });
      await writeFileAtomic(
        logitsPath(ctx, key, { nClasses: c, perClass }),
        new Uint8Array(rows.buffer),
      );
      ctx.logits.set(logitsPath(ctx, key, { nClasses: c, perClass }), rows);
    }
  }
  // Cells after the logits: a teacher with cells has its logits on disk.
  for (const c of served) {
    const acc = curves.get(c)!;
    await ctx.onTeacher(teacherCell(ctx, {
      id: `${ctx.profile}-teacher-${SHORT[dataset]}-c${c}-${arch}`,
      dataset,
      classes: c,
      arch,
      acc,
      config: { trainedClasses: trainClasses },
      metrics: {
        params: nParams,
        trainImages: train.shape[0],
        testImages: test.labels.filter((y) => y < c).length,
        steps,
        trainSeconds,
        // Training, scoring and logits, counted once: on the trained classes' cell.
        costSeconds: c === trainClasses ? (performance.now() - t0) / 1000 : 0,
      },
    }));
  }
  disposeModel(model);
}
