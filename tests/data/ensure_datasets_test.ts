import assert from "node:assert/strict";
import { join } from "node:path";
import { ensureDatasets } from "../../lib/data/ensure_datasets.ts";
import { isDatasetIntact } from "../../lib/data/fetch_dataset.ts";
import { DATA_DIR, rejection } from "./_fixtures.ts";

Deno.test("ensureDatasets() does nothing when every dataset is present", async () => {
  const lines: string[] = [];
  const fetched = await ensureDatasets(["pneumoniamnist", "retinamnist"], {
    dataDir: DATA_DIR,
    allowDownload: false,
    log: (l) => lines.push(l),
  });
  assert.deepEqual(fetched, []);
  assert.deepEqual(lines, []);
});

Deno.test("ensureDatasets() fails with one line naming the dataset and command without network", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_ensure_" });
  const err = await rejection(() =>
    ensureDatasets(["mnist"], { dataDir: dir, allowDownload: false })
  );
  assert.equal(
    err.message,
    `Dataset "mnist" is missing from "${dir}/mnist" and this task may not download it: run "deno task data:fetch mnist" (add "--from DIR" to import it from a mirror such as ../shared/data)`,
  );
  assert.ok(!err.message.includes("\n"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("ensureDatasets() treats a network permission it lacks as no download", async () => {
  // the test task grants --allow-net=127.0.0.1 only, so zenodo.org is not granted
  const dir = await Deno.makeTempDir({ prefix: "qrepro_ensure_" });
  const err = await rejection(() =>
    ensureDatasets(["retinamnist"], { dataDir: dir })
  );
  assert.match(
    err.message,
    /^Dataset "retinamnist" is missing from .* may not download it/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("ensureDatasets() fetches a missing dataset and says so", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_ensure_" });
  const body = await Deno.readFile(
    join(DATA_DIR, "medmnist", "pneumoniamnist.npz"),
  );
  const lines: string[] = [];
  const fetched = await ensureDatasets(["pneumoniamnist"], {
    dataDir: dir,
    allowDownload: true,
    fetchFn: () => Promise.resolve(new Response(body)),
    log: (l) => lines.push(l),
    writer: null,
  });
  assert.deepEqual(fetched, ["pneumoniamnist"]);
  assert.deepEqual(lines, [
    `Dataset "pneumoniamnist" is missing from "${dir}/medmnist": fetching it from zenodo.org`,
  ]);
  assert.ok(await isDatasetIntact("pneumoniamnist", { dataDir: dir }));
  await Deno.remove(dir, { recursive: true });
});
