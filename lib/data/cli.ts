/**
 * Entry point of `deno task data:fetch [dataset…] [--from DIR]`: fetch the
 * named datasets (all of them when none is named) into `data/`, verifying
 * every payload's SHA-256 against the registry.
 *
 * @module
 */

import { parseCli, runMain } from "../runtime/mod.ts";
import { fetchDataset } from "./fetch_dataset.ts";
import { DATASET_NAMES, datasetSpec } from "./registry.ts";

const SPEC = {
  name: "deno task data:fetch",
  summary:
    `Download datasets from their canonical sites, or import them from a mirror folder laid out like ../shared/data, verify their SHA-256 and write them to data/. Datasets: ${
      DATASET_NAMES.join(", ")
    } (default: all). The task may read only the repository and ../shared/data; for a mirror elsewhere run deno run --allow-read=.,DIR --allow-write=data lib/data/cli.ts --from DIR.`,
  positionals: "[dataset…]",
  experimentFlags: false,
  options: {
    from: { type: "string" },
    "data-dir": { type: "string" },
  },
  help: {
    from: "import from this mirror folder instead of downloading",
    "data-dir": "where datasets are written (default data)",
  },
} as const;

async function main(): Promise<void> {
  const cli = parseCli(Deno.args, SPEC);
  if (cli.help) {
    console.log(cli.usage);
    return;
  }
  const names = cli.positionals.length > 0 ? cli.positionals : DATASET_NAMES;
  const specs = names.map((n) => datasetSpec(n));
  const from = cli.values.from as string | undefined;
  const dataDir = (cli.values["data-dir"] as string | undefined) ?? "data";
  for (const spec of specs) {
    const t0 = performance.now();
    const result = await fetchDataset(spec.name, { dataDir, from });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const how = result.source === "present"
      ? "already present"
      : result.source === "mirror"
      ? `imported from ${from}`
      : "downloaded";
    console.log(
      `${spec.name}: ${how}, ${spec.files.length} file(s) verified (sha256) in ${seconds}s`,
    );
  }
}

if (import.meta.main) await runMain(main);
