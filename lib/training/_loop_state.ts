/**
 * The training loop's resumable state and its mapping to and from a
 * checkpoint: model variables under `model/<name>`, optimizer slots under
 * `opt/<slot>`, everything else as JSON metadata.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../models/mod.ts";
import type { Checkpoint } from "./checkpoint.ts";
import type { EarlyStoppingState } from "./early_stopping.ts";
import type { EpochRecord } from "./epoch_record.ts";
import type { Optimizer } from "./optimizer.ts";

/** Where the loop is, and the running sums of the current epoch. */
export interface LoopState {
  /** 0-based epoch in progress. */
  epoch: number;
  /** Steps already taken in this epoch. */
  stepInEpoch: number;
  /** Steps taken in total. */
  globalStep: number;
  /** Records of finished epochs. */
  history: EpochRecord[];
  /** Σ batch loss · batch size in this epoch. */
  lossSum: number;
  /** Correct predictions in this epoch. */
  correct: number;
  /** Images seen in this epoch. */
  seen: number;
  /** Early stopping fired. */
  stopped: boolean;
  /** Early-stopping rule state, if any. */
  earlyStopping?: EarlyStoppingState;
}

/**
 * Gathers loop state, model variables and optimizer slots for a checkpoint.
 *
 * @param state Loop state.
 * @param parts Model and optimizer.
 * @returns Metadata and tensors to write.
 */
export async function snapshotState(
  state: LoopState,
  parts: { model: Model; optimizer: Optimizer },
): Promise<{
  meta: Record<string, unknown>;
  tensors: Map<string, tf.Tensor | Float32Array>;
}> {
  const { model, optimizer } = parts;
  const opt = await optimizer.getState();
  const tensors = new Map<string, tf.Tensor | Float32Array>();
  for (const v of model.variables) tensors.set(`model/${v.name}`, v.variable);
  for (const [k, a] of opt.slots) tensors.set(`opt/${k}`, a);
  return {
    meta: {
      ...state,
      model: model.name,
      optimizer: optimizer.name,
      optimizerStep: opt.step,
    },
    tensors,
  };
}

/**
 * Loads a checkpoint into the model and optimizer and returns the loop state.
 *
 * @param checkpoint What {@linkcode readCheckpoint} returned.
 * @param parts Model, optimizer and the file name (for messages).
 * @returns The loop state to continue from.
 * @throws {RangeError} If model or optimizer do not match the checkpoint.
 */
export function restoreState(
  checkpoint: Checkpoint,
  parts: { model: Model; optimizer: Optimizer; checkpointPath: string },
): LoopState {
  const { model, optimizer, checkpointPath } = parts;
  const { meta, tensors } = checkpoint;
  if (meta.model !== model.name || meta.optimizer !== optimizer.name) {
    throw new RangeError(
      `Cannot resume from "${checkpointPath}": expected model ${model.name} with ${optimizer.name}, got ${meta.model} with ${meta.optimizer}`,
    );
  }
  for (const v of model.variables) {
    const saved = tensors.get(`model/${v.name}`);
    if (saved === undefined || saved.shape.join() !== v.variable.shape.join()) {
      throw new RangeError(
        `Cannot resume from "${checkpointPath}": expected variable ${v.name} of shape [${v.variable.shape}], got ${
          saved ? `[${saved.shape}]` : "none"
        }`,
      );
    }
    tf.tidy(() => v.variable.assign(tf.tensor(saved.values, saved.shape)));
  }
  const slots = new Map<string, Float32Array>();
  for (const [key, { values }] of tensors) {
    if (key.startsWith("opt/")) slots.set(key.slice(4), values);
  }
  optimizer.setState({ step: meta.optimizerStep as number, slots });
  const { model: _m, optimizer: _o, optimizerStep: _s, ...loop } = meta;
  return loop as unknown as LoopState;
}
