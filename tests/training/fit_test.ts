import assert from "node:assert/strict";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { lenet5, type Model } from "../../lib/models/mod.ts";
import {
  adam,
  cosineDecay,
  earlyStopping,
  type EpochRecord,
  fit,
  type FitOptions,
  writeCheckpoint,
} from "../../lib/training/mod.ts";
import { bandImages } from "./_toy_data.ts";

await initBackend("wasm");
const train = bandImages(320, 1);
const validation = bandImages(96, 2);

function setup(): { model: Model; options: FitOptions } {
  const rng = createRng(7);
  return {
    model: lenet5({ nClasses: 3, rng: rng.fork("init") }),
    options: {
      epochs: 3,
      batchSize: 32,
      optimizer: adam({ learningRate: 3e-3 }),
      schedule: cosineDecay(30),
      rng: rng.fork("data"),
      validation,
      progressLabel: null,
    },
  };
}

/** Records without the timing field, which differs run to run. */
function numbers(
  history: EpochRecord[],
): Omit<EpochRecord, "train_images_per_s">[] {
  return history.map(({ train_images_per_s: _t, ...rest }) => rest);
}

function weights(model: Model): Float32Array[] {
  return model.variables.map((v) => v.variable.dataSync() as Float32Array);
}

Deno.test("fit() learns a separable task when trained for 3 epochs", async () => {
  const { model, options } = setup();
  const result = await fit(model, train, options);
  assert.equal(result.stopReason, "completed");
  assert.equal(result.steps, 30);
  assert.equal(result.history.length, 3);
  assert.ok(result.history[2].train_loss < result.history[0].train_loss);
  assert.ok(
    result.history[2].val_accuracy! > 0.9,
    JSON.stringify(result.history),
  );
});

Deno.test("fit() ends with the same numbers when killed mid-epoch and resumed from its checkpoint", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const reference = setup();
    const full = await fit(reference.model, train, reference.options);

    // Run 1: checkpoint every 4 steps, killed after step 17 (mid-epoch 2),
    // i.e. one step after the step-16 checkpoint, which is lost work.
    const path = `${dir}/run.ckpt`;
    const first = setup();
    const controller = new AbortController();
    const killed = await fit(first.model, train, {
      ...first.options,
      checkpointPath: path,
      checkpointEverySteps: 4,
      signal: controller.signal,
      onStep: (step) => step === 17 && controller.abort(),
    });
    assert.equal(killed.stopReason, "aborted");

    // Run 2: a fresh process state (new model, optimizer, rng) with the same command.
    const second = setup();
    let firstStep = 0;
    const resumed = await fit(second.model, train, {
      ...second.options,
      checkpointPath: path,
      checkpointEverySteps: 4,
      onStep: (step) => firstStep ||= step,
    });
    assert.equal(firstStep, 17, "resumes after the step-16 checkpoint");
    assert.equal(resumed.steps, full.steps);
    assert.deepEqual(numbers(resumed.history), numbers(full.history));
    assert.deepEqual(weights(second.model), weights(reference.model));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fit() stops early when the monitored value stops improving", async () => {
  const { model, options } = setup();
  // Training loss falls every epoch, so watching it with mode "max" stalls at once.
  const rule = earlyStopping({
    monitor: "train_loss",
    mode: "max",
    patience: 1,
  });
  const result = await fit(model, train, { ...options, earlyStopping: rule });
  assert.equal(result.stopReason, "early_stopping");
  assert.equal(result.history.length, 2);
});

Deno.test("fit() rejects a checkpoint of another model with a message naming it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/other.ckpt`;
    await writeCheckpoint(path, {
      meta: { model: "resnet18", optimizer: "adam", optimizerStep: 0 },
      tensors: new Map(),
    });
    const { model, options } = setup();
    await assert.rejects(
      fit(model, train, { ...options, checkpointPath: path }),
      (e: Error) =>
        e instanceof RangeError &&
        e.message ===
          `Cannot resume from "${path}": expected model lenet5 with adam, got resnet18 with adam`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
