import assert from "node:assert/strict";
import { readCells } from "../../lib/report/mod.ts";
import { runExperiment } from "./_run_experiment.ts";
import {
  accuracyOn,
  selectRows,
} from "../../experiments/_kd_teacher_logits.ts";
import { buildTeacher, disposeModel } from "../../experiments/_kd_teachers.ts";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/tfjs/mod.ts";

const runKd = (args: string[], outDir: string) =>
  runExperiment("kd", args, outDir);

Deno.test("reproduce:kd --profile smoke writes every cell, teacher and gain, then resumes with nothing to do", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "kd_smoke_" });
  try {
    const first = await runKd(["--profile", "smoke"], outDir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /kd smoke: 12 cells, 0 done/);
    const { cells, problems } = await readCells("kd", { outDir });
    assert.equal(problems.length, 0);
    // v1: 2 arms × 2 impls; v2: 2 methods × KD on/off × 2 impls; 2 teachers; 2 gains.
    const byPart = (part: string) =>
      cells.filter((c) => c.config.part === part);
    assert.equal(byPart("v1").length, 4);
    assert.equal(byPart("v2").length, 8);
    assert.equal(byPart("teacher").length, 2);
    assert.equal(byPart("v1-gain").length, 2);
    for (const c of [...byPart("v1"), ...byPart("v2")]) {
      for (const key of ["testAcc", "bestTestAcc", "finalTestAcc"]) {
        const v = c.metrics[key]!;
        assert.ok(v >= 0 && v <= 1, `${c.id} ${key} = ${v}`);
      }
      assert.ok(
        Math.abs(c.metrics.testError! - (1 - c.metrics.testAcc!)) < 1e-12,
      );
      assert.equal(c.curves!.testAcc.length, 1);
      // code reports the best epoch as the notebooks do, paper the final one.
      assert.equal(
        c.metrics.testAcc,
        c.impl === "code" ? c.metrics.bestTestAcc : c.metrics.finalTestAcc,
      );
    }
    for (const c of byPart("v1")) assert.equal(c.metrics.trainImages, 60); // first 10 per class of 0–5
    for (const c of byPart("v1-gain")) {
      const base = byPart("v1").find((v) =>
        v.impl === c.impl && v.config.arm === "baseline"
      )!;
      const kd = byPart("v1").find((v) =>
        v.impl === c.impl && v.config.arm === "kd-lenet"
      )!;
      assert.ok(
        Math.abs(
          c.metrics.kdGainAbsolute! -
            100 * (kd.metrics.testAcc! - base.metrics.testAcc!),
        ) < 1e-9,
      );
    }
    // The frozen teacher is cached as its logits on the students' 60 training images.
    const logits = await Deno.readFile(
      `${outDir}/kd/teachers/smoke-teacher-mnist-c6-lenet.pc10-c6.f32`,
    );
    assert.equal(logits.length, 60 * 6 * 4);
    const lenet = byPart("teacher").find((c) => c.config.classes === 6)!;
    assert.equal(lenet.metrics.params, 44086); // notes §1: LeNet5 for 6 classes
    assert.equal(lenet.metrics.testImages, 512);
    const html = await Deno.readTextFile(`${outDir}/kd/index.html`);
    assert.ok(html.includes("<svg"));
    const second = await runKd(["--profile", "smoke"], outDir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /12 cells, 12 done/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("reproduce:kd names the flag and the accepted values when --parts or --datasets is wrong", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "kd_usage_" });
  try {
    const r = await runKd(["--profile", "smoke", "--parts", "v3"], outDir);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /error: Invalid value for --parts: expected v1 and\/or v2, got "v3"/,
    );
    const d = await runKd(["--profile", "smoke", "--datasets", "svhn"], outDir);
    assert.equal(d.code, 2);
    assert.match(
      d.stderr,
      /error: Invalid value for --datasets: expected names from mnist, fashion-mnist, cifar-10, got "svhn"/,
    );
    const help = await runKd(["--help"], outDir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--parts/);
    assert.match(help.stdout, /--datasets/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("a class set's teacher logits are the rows below C and the first C columns of the larger set's", () => {
  // 4 images of a 3-class teacher; the 2-class set keeps images with label 0 or 1.
  const logits = new Float32Array([
    ...[1, 2, 9], // label 0, predicted 2 overall but 1 among the first two
    ...[5, 0, 1], // label 2: dropped
    ...[0, 3, 1], // label 1
    ...[7, 1, 0], // label 0
  ]);
  const labels = [0, 2, 1, 0];
  assert.deepEqual(
    Array.from(selectRows(logits, labels, { trainClasses: 3, c: 2 })),
    [1, 2, 0, 3, 7, 1],
  );
  // Argmax over the first 2 logits: image 0 wrong (1 ≠ 0), image 2 right, image 3 right.
  assert.equal(accuracyOn(logits, labels, { trainClasses: 3, c: 2 }), 2 / 3);
  // Over all 3 classes: image 0 wrong (2), image 1 wrong (0 ≠ 2), 2 and 3 right.
  assert.equal(accuracyOn(logits, labels, { trainClasses: 3, c: 3 }), 2 / 4);
});

Deno.test("a teacher built and disposed leaves no tensor behind", async () => {
  // The initial-value tensors once outlived the variables: 379 MB per AlexNet,
  // so a run's third AlexNet-sized teacher exhausted the wasm heap.
  await initBackend("cpu");
  const before = tf.memory();
  const t = buildTeacher("lenet", 8, "mnist", 0);
  assert.equal(tf.memory().numTensors - before.numTensors, 10); // 5 layers × (kernel, bias)
  disposeModel(t);
  assert.equal(tf.memory().numTensors, before.numTensors);
  assert.equal(tf.memory().numBytes, before.numBytes);
});
