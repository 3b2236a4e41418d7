import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/mod.ts";
import { readCheckpoint, writeCheckpoint } from "../../lib/training/mod.ts";

await initBackend("wasm");

Deno.test("writeCheckpoint() round-trips tensors, flat arrays and metadata bit for bit", async () => {
  const path = await Deno.makeTempFile();
  try {
    const w = tf.tensor3d(new Float32Array([1.5, -2, Math.PI, 1e-30, 7, 8]), [
      1,
      2,
      3,
    ]);
    const m = new Float32Array([0.25, Number.MIN_VALUE]);
    await writeCheckpoint(path, {
      meta: { epoch: 2, name: "x" },
      tensors: new Map<string, tf.Tensor | Float32Array>([["w", w], ["m", m]]),
    });
    const back = await readCheckpoint(path);
    assert.deepEqual(back.meta, { epoch: 2, name: "x" });
    assert.deepEqual(back.tensors.get("w")!.shape, [1, 2, 3]);
    assert.deepEqual(back.tensors.get("w")!.values, w.dataSync());
    assert.deepEqual(back.tensors.get("m")!.values, m);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("readCheckpoint() throws a SyntaxError naming the file when the magic is wrong", async () => {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(path, "PK\u0003\u0004 not a checkpoint");
    await assert.rejects(
      readCheckpoint(path),
      new SyntaxError(
        `Cannot read checkpoint "${path}": expected magic QRCK, got "PK\\u0003\\u0004"`,
      ),
    );
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("readCheckpoint() throws a SyntaxError with expected and actual sizes when truncated", async () => {
  const path = await Deno.makeTempFile();
  try {
    await writeCheckpoint(path, {
      meta: {},
      tensors: new Map([["w", tf.ones([4])]]),
    });
    const bytes = await Deno.readFile(path);
    await Deno.writeFile(path, bytes.subarray(0, bytes.length - 4));
    await assert.rejects(
      readCheckpoint(path),
      new SyntaxError(
        `Cannot read checkpoint "${path}": expected ${bytes.length} bytes, got ${
          bytes.length - 4
        }`,
      ),
    );
  } finally {
    await Deno.remove(path);
  }
});
