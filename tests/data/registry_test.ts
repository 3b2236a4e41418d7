import assert from "node:assert/strict";
import { UsageError } from "../../lib/runtime/mod.ts";
import {
  DATASET_NAMES,
  DATASETS,
  datasetSpec,
  fetchCommand,
} from "../../lib/data/registry.ts";

Deno.test("datasetSpec() throws a UsageError listing the names for an unknown dataset", () => {
  assert.throws(
    () => datasetSpec("svhn"),
    (err: Error) =>
      err instanceof UsageError &&
      err.message ===
        'Unknown dataset: expected one of mnist, fashion-mnist, cifar-10, pneumoniamnist, retinamnist, got "svhn"',
  );
  assert.throws(() => datasetSpec("toString"), UsageError);
});

Deno.test("DATASETS payload sizes follow from each format's header and split sizes", () => {
  for (const name of ["mnist", "fashion-mnist"] as const) {
    const [trainImg, trainLab, testImg, testLab] = DATASETS[name].files;
    assert.equal(trainImg.payloadBytes, 16 + 60000 * 28 * 28);
    assert.equal(trainLab.payloadBytes, 8 + 60000);
    assert.equal(testImg.payloadBytes, 16 + 10000 * 28 * 28);
    assert.equal(testLab.payloadBytes, 8 + 10000);
  }
  for (const file of DATASETS["cifar-10"].files) {
    assert.equal(file.payloadBytes, 10000 * (1 + 3 * 32 * 32));
  }
});

Deno.test("DATASETS download hosts are exactly those data:fetch may reach", async () => {
  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  const task: string = config.tasks["data:fetch"];
  const allowed = /--allow-net=(\S+)/.exec(task)![1].split(",").sort();
  const hosts = new Set<string>();
  for (const name of DATASET_NAMES) {
    for (const f of datasetSpec(name).files) hosts.add(new URL(f.url).host);
  }
  assert.deepEqual([...hosts].sort(), allowed);
});

Deno.test("DATASETS checksums are distinct 64-digit hex strings", () => {
  const all = DATASET_NAMES.flatMap((n) =>
    DATASETS[n].files.map((f) => f.sha256)
  );
  assert.ok(all.every((s) => /^[0-9a-f]{64}$/.test(s)));
  assert.equal(new Set(all).size, all.length);
});

Deno.test("fetchCommand() names the data:fetch task and the dataset", () => {
  assert.equal(fetchCommand("cifar-10"), "deno task data:fetch cifar-10");
});
