import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  BackendError,
  initBackend,
  QreproError,
} from "../../../lib/runtime/mod.ts";

Deno.test("initBackend() starts wasm with SIMD from node_modules when asked for wasm", async () => {
  const info = await initBackend("wasm");
  assert.deepEqual(info, { backend: "wasm", simd: true });
  assert.equal(tf.getBackend(), "wasm");
  // Our fixes replaced tfjs's kernels (MaxPoolGrad among them).
  assert.equal(
    tf.getKernel("Conv2DBackpropFilter", "wasm")?.backendName,
    "wasm",
  );
});

Deno.test("initBackend() switches to the cpu reference backend and back", async () => {
  assert.deepEqual(await initBackend("cpu"), { backend: "cpu" });
  assert.equal(tf.getBackend(), "cpu");
  assert.equal((await initBackend("wasm")).backend, "wasm");
});

Deno.test("initBackend() picks wasm over a software WebGPU adapter when auto", async () => {
  const adapter = await navigator.gpu?.requestAdapter();
  const info = await initBackend("auto");
  const description = adapter
    ? `${adapter.info.vendor} ${adapter.info.description}`
    : "";
  if (adapter == null || /llvmpipe|lavapipe|swiftshader/i.test(description)) {
    assert.equal(info.backend, "wasm");
  } else {
    assert.equal(info.backend, "webgpu");
  }
  await initBackend("wasm");
});

Deno.test({
  name:
    "initBackend() throws a BackendError naming the flag when webgpu has no adapter",
  ignore: globalThis.navigator?.gpu !== undefined,
  fn: async () => {
    await assert.rejects(
      initBackend("webgpu"),
      (e: Error) =>
        e instanceof BackendError && e instanceof QreproError &&
        e.message ===
          "Cannot start backend webgpu: expected a WebGPU adapter, got none (run Deno with --unstable-webgpu on a machine with a GPU)",
    );
  },
});
