/**
 * Training and inference throughput of the engine (issue 3): LeNet5 on
 * MNIST-shaped input and ResNet-18 (torchvision stem) on 32×32 CIFAR-shaped
 * input, batch 128, on wasm and, when an adapter exists, WebGPU. Inputs are
 * seeded random bytes: throughput does not depend on the pixel values.
 *
 * @module
 */

import process from "node:process";
import { createRng, initBackend } from "../../../lib/runtime/mod.ts";
import {
  kdStudentV1,
  lenet5,
  type Model,
  resnet18,
} from "../../../lib/models/mod.ts";
import {
  adam,
  evaluate,
  fit,
  type LabeledImages,
  trainKdStudentV1,
} from "../../../lib/training/mod.ts";

/** One JSON line of the bench. */
export interface TrainingBenchRow {
  model: string;
  backend: string;
  batch: number;
  train_images_per_s?: number;
  infer_images_per_s?: number;
  /** Training images per second of this process's CPU time: robust to other load on a shared machine. */
  train_images_per_cpu_s?: number;
  adapter?: string;
  /** Why a case was not measured. */
  skipped?: string;
}

const BATCH = 128;

function randomImages(
  n: number,
  shape: [number, number, number],
): LabeledImages {
  const rng = createRng(11);
  const [h, w, c] = shape;
  const images = new Uint8Array(n * h * w * c);
  for (let i = 0; i < images.length; i++) images[i] = rng.int(256);
  const labels = new Uint8Array(n).map(() => rng.int(10));
  return { images, shape: [n, h, w, c], labels };
}

/** Steps timed per case: software WebGPU is slow, so keep it short there. */
function stepsFor(model: string, software: boolean): number {
  if (software) return 2;
  return model === "lenet5" ? 40 : 3;
}

async function measure(
  build: () => Model,
  options: { shape: [number, number, number]; nSteps: number },
): Promise<{ train: number; infer: number; trainCpu: number }> {
  const model = build();
  const data = randomImages(BATCH * options.nSteps, options.shape);
  const warm = randomImages(BATCH, options.shape);
  const common = {
    batchSize: BATCH,
    optimizer: adam(),
    rng: createRng(1),
    progressLabel: null,
  };
  await fit(model, warm, { ...common, epochs: 1 }); // first calls compile and allocate
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fit(model, data, { ...common, epochs: 1 });
  const train = data.shape[0] / ((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  const trainCpu = data.shape[0] / ((c.user + c.system) / 1e6);
  await evaluate(model, warm, { batchSize: BATCH });
  const t1 = performance.now();
  await evaluate(model, data, { batchSize: BATCH });
  const infer = data.shape[0] / ((performance.now() - t1) / 1000);
  for (const v of model.variables) v.variable.dispose();
  return { train, infer, trainCpu };
}

/**
 * Runs the training-throughput bench.
 *
 * @returns One row per model and available backend.
 */
export async function benchTraining(): Promise<TrainingBenchRow[]> {
  const rows: TrainingBenchRow[] = [];
  const backends: ("wasm" | "webgpu")[] = ["wasm"];
  if ((await navigator.gpu?.requestAdapter()) != null) backends.push("webgpu");
  for (const name of backends) {
    const info = await initBackend(name);
    const software = /llvmpipe|lavapipe|swiftshader/i.test(info.adapter ?? "");
    const cases = [
      {
        model: "lenet5",
        build: () => lenet5({ nClasses: 10 }),
        shape: [28, 28, 1],
      },
      {
        model: "resnet18",
        build: () => resnet18({ nClasses: 10 }),
        shape: [32, 32, 3],
      },
    ] as const;
    for (const c of cases) {
      const row: TrainingBenchRow = {
        model: c.model,
        backend: name,
        batch: BATCH,
        ...(info.adapter ? { adapter: info.adapter } : {}),
      };
      if (software && c.model === "resnet18") {
        // One batch-16 step takes over a minute on Mesa llvmpipe.
        rows.push({ ...row, skipped: "software WebGPU adapter" });
        continue;
      }
      const { train, infer, trainCpu } = await measure(c.build, {
        shape: [...c.shape],
        nSteps: stepsFor(c.model, software),
      });
      rows.push({
        ...row,
        train_images_per_s: Math.round(train),
        infer_images_per_s: Math.round(infer),
        train_images_per_cpu_s: Math.round(trainCpu),
      });
    }
  }
  await initBackend("wasm"); // the typed-array loops only read and write its variables
  rows.push(await measureKdStudentV1());
  return rows;
}

/**
 * The v1 KD student's batch-1 steps on typed arrays (notes kd.md §2.1: 3
 * qubits, 5000 shots, the published ±π/4 gradient, CE + KD loss).
 *
 * @returns One row, batch 1, images per second of wall and of CPU time.
 */
export async function measureKdStudentV1(): Promise<TrainingBenchRow> {
  const data = randomImages(400, [28, 28, 1]);
  const teacher = { logits: new Float32Array(400 * 10), nClasses: 10 };
  const model = kdStudentV1({ nQubits: 3, shots: 5000, rng: createRng(1) });
  const options = {
    epochs: 1,
    rng: createRng(2),
    teacher,
    progressLabel: null,
  };
  await trainKdStudentV1(model, data, options); // JIT warm-up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await trainKdStudentV1(model, data, options);
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return {
    model: "kd_student_v1_3q_5000shots",
    backend: "typed-array",
    batch: 1,
    train_images_per_s: Math.round(data.shape[0] / seconds),
    train_images_per_cpu_s: Math.round(
      data.shape[0] / ((c.user + c.system) / 1e6),
    ),
  };
}

if (import.meta.main) {
  for (const row of await benchTraining()) console.log(JSON.stringify(row));
}
