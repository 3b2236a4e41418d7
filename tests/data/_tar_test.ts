import assert from "node:assert/strict";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readTar } from "../../lib/data/_tar.ts";
import { fetchDataset, isDatasetIntact } from "../../lib/data/fetch_dataset.ts";
import { DATA_DIR } from "./_fixtures.ts";

/** A tar archive of `dir`'s entry `member`, written by the system's tar. */
async function systemTar(dir: string, member: string): Promise<Uint8Array> {
  const out = await new Deno.Command("tar", {
    args: ["-c", "-f", "-", "-C", dir, member],
    stdout: "piped",
  }).output();
  assert.equal(out.code, 0);
  return out.stdout;
}

Deno.test("readTar() returns the regular files of an archive made by tar", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_tar_" });
  await Deno.mkdir(join(dir, "pack", "sub"), { recursive: true });
  const long = "x".repeat(120); // longer than the 100-byte name field
  await Deno.writeTextFile(join(dir, "pack", "a.txt"), "hello");
  await Deno.writeFile(
    join(dir, "pack", "sub", `${long}.bin`),
    new Uint8Array(1500).fill(7),
  );
  const files = readTar(await systemTar(dir, "pack"), "pack.tar");
  assert.equal(new TextDecoder().decode(files.get("pack/a.txt")), "hello");
  const big = files.get(`pack/sub/${long}.bin`);
  assert.equal(big?.length, 1500);
  assert.ok(big?.every((b) => b === 7));
  assert.equal(files.has("pack/sub/"), false);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("readTar() names the archive when a member is cut short", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_tar_" });
  await Deno.writeFile(join(dir, "m.bin"), new Uint8Array(2000));
  const tar = await systemTar(dir, "m.bin");
  assert.throws(
    () => readTar(tar.subarray(0, 1024), "t.tar"),
    /^DatasetError: Cannot read "t.tar": expected 2000 bytes for tar member "m.bin", got 512$/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("fetchDataset() extracts CIFAR-10 batches from the canonical tar.gz layout", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_tar_" });
  const names = [
    "data_batch_1",
    "data_batch_2",
    "data_batch_3",
    "data_batch_4",
    "data_batch_5",
    "test_batch",
  ];
  const tar = await new Deno.Command("tar", {
    args: [
      "-c",
      "-f",
      "-",
      "-C",
      DATA_DIR,
      "--transform",
      "s,^cifar-10/,cifar-10-batches-bin/,",
      ...names.map((n) => `cifar-10/${n}.bin`),
    ],
    stdout: "piped",
  }).output();
  const archive = new Uint8Array(gzipSync(tar.stdout, { level: 0 }));
  const url = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
  let calls = 0;
  const result = await fetchDataset("cifar-10", {
    dataDir: join(dir, "data"),
    fetchFn: (input) => {
      calls++;
      assert.equal(String(input), url);
      return Promise.resolve(new Response(archive));
    },
    writer: null,
  });
  assert.equal(result.source, "download");
  assert.equal(calls, 1);
  assert.ok(await isDatasetIntact("cifar-10", { dataDir: join(dir, "data") }));
  await Deno.remove(dir, { recursive: true });
});
