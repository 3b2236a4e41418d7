import assert from "node:assert/strict";
import { join } from "node:path";
import { DatasetError } from "../../lib/data/dataset_error.ts";
import { fetchDataset, isDatasetIntact } from "../../lib/data/fetch_dataset.ts";
import { DATA_DIR, gzip, rejection } from "./_fixtures.ts";

// The repository's data/ folder has the mirror layout (../shared/data), so it
// serves as a mirror here; the small MedMNIST and MNIST label files keep it fast.

const RETINA = join(DATA_DIR, "medmnist", "retinamnist.npz");

async function withTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_fetch_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isDirectory) {
      out.push(
        ...(await listFiles(join(dir, e.name))).map((f) => `${e.name}/${f}`),
      );
    } else out.push(e.name);
  }
  return out.sort();
}

function fakeFetch(routes: Record<string, Uint8Array>): typeof fetch {
  return (input) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = routes[url];
    return Promise.resolve(
      body === undefined
        ? new Response("no", { status: 404, statusText: "Not Found" })
        : new Response(body as Uint8Array<ArrayBuffer>, {
          headers: { "content-length": String(body.length) },
        }),
    );
  };
}

Deno.test("fetchDataset() imports a mirror copy, verifies it and reports present next time", async () => {
  await withTemp(async (dir) => {
    const first = await fetchDataset("retinamnist", {
      dataDir: dir,
      from: DATA_DIR,
    });
    assert.equal(first.source, "mirror");
    assert.deepEqual(await listFiles(dir), ["medmnist/retinamnist.npz"]);
    assert.deepEqual(
      await Deno.readFile(first.paths[0]),
      await Deno.readFile(RETINA),
    );
    const second = await fetchDataset("retinamnist", {
      dataDir: dir,
      from: DATA_DIR,
    });
    assert.equal(second.source, "present");
  });
});

Deno.test("fetchDataset() gunzips a re-gzipped mirror file whose stored form is raw", async () => {
  await withTemp(async (dir) => {
    const mirror = join(dir, "mirror");
    await Deno.mkdir(join(mirror, "medmnist"), { recursive: true });
    await Deno.writeFile(
      join(mirror, "medmnist", "retinamnist.npz.gz"),
      gzip(await Deno.readFile(RETINA)),
    );
    await fetchDataset("retinamnist", {
      dataDir: join(dir, "data"),
      from: mirror,
    });
    assert.ok(
      await isDatasetIntact("retinamnist", { dataDir: join(dir, "data") }),
    );
  });
});

Deno.test("fetchDataset() names the mirror file and both checksums on a mismatch, writing nothing", async () => {
  await withTemp(async (dir) => {
    const mirror = join(dir, "mirror");
    await Deno.mkdir(join(mirror, "medmnist"), { recursive: true });
    const bytes = await Deno.readFile(RETINA);
    bytes[1000] ^= 0xff;
    await Deno.writeFile(join(mirror, "medmnist", "retinamnist.npz"), bytes);
    const err = await rejection(() =>
      fetchDataset("retinamnist", { dataDir: join(dir, "data"), from: mirror })
    );
    assert.ok(err instanceof DatasetError);
    assert.match(
      err.message,
      new RegExp(
        `^Cannot verify "${mirror}/medmnist/retinamnist.npz": expected sha256 254915f5f0a2074665c4676356824cf4ef4a3bcab233894b4bafcaf48962bd69, got [0-9a-f]{64}$`,
      ),
    );
    assert.deepEqual(await listFiles(dir), ["mirror/medmnist/retinamnist.npz"]);
  });
});

Deno.test("fetchDataset() reports payload sizes for a truncated mirror file", async () => {
  await withTemp(async (dir) => {
    await Deno.mkdir(join(dir, "medmnist"));
    const bytes = await Deno.readFile(RETINA);
    await Deno.writeFile(
      join(dir, "medmnist", "retinamnist.npz"),
      bytes.subarray(0, 1000),
    );
    const err = await rejection(() =>
      fetchDataset("retinamnist", { dataDir: join(dir, "data"), from: dir })
    );
    assert.equal(
      err.message,
      `Cannot verify "${dir}/medmnist/retinamnist.npz": expected 3291041 payload bytes, got 1000`,
    );
  });
});

Deno.test("fetchDataset() names both candidate paths when the mirror lacks a file", async () => {
  await withTemp(async (dir) => {
    const err = await rejection(() =>
      fetchDataset("pneumoniamnist", { dataDir: join(dir, "data"), from: dir })
    );
    const base = `${dir}/medmnist/pneumoniamnist.npz`;
    assert.equal(
      err.message,
      `Cannot import "pneumoniamnist" from mirror "${dir}": expected "${base}" or "${base}.gz", got neither`,
    );
  });
});

Deno.test("fetchDataset() downloads every file from its canonical address", async () => {
  await withTemp(async (dir) => {
    const base = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    const routes: Record<string, Uint8Array> = {};
    for (
      const f of [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
      ]
    ) {
      routes[base + f] = await Deno.readFile(join(DATA_DIR, "mnist", f));
    }
    const result = await fetchDataset("mnist", {
      dataDir: dir,
      fetchFn: fakeFetch(routes),
      writer: null,
    });
    assert.equal(result.source, "download");
    assert.ok(await isDatasetIntact("mnist", { dataDir: dir }));
  });
});

Deno.test("fetchDataset() reports the HTTP status of a failed download", async () => {
  await withTemp(async (dir) => {
    const err = await rejection(() =>
      fetchDataset("pneumoniamnist", {
        dataDir: dir,
        fetchFn: fakeFetch({}),
        writer: null,
      })
    );
    assert.equal(
      err.message,
      'Cannot download "https://zenodo.org/records/10519652/files/pneumoniamnist.npz?download=1": expected HTTP 200, got 404 Not Found',
    );
  });
});

Deno.test("isDatasetIntact() is false when a stored file is corrupt", async () => {
  await withTemp(async (dir) => {
    await Deno.mkdir(join(dir, "medmnist"));
    const bytes = await Deno.readFile(RETINA);
    bytes[5] ^= 1;
    await Deno.writeFile(join(dir, "medmnist", "retinamnist.npz"), bytes);
    assert.equal(await isDatasetIntact("retinamnist", { dataDir: dir }), false);
  });
});
