/**
 * Reproduction of Dataset distillation for quantum neural networks (Phalak, Li, Ghosh, arXiv 2503.17935).
 *
 * Not implemented yet (issue #7): the task refuses to run rather than
 * print a result it did not compute.
 *
 * @module
 */

import { parseCli, QreproError, runMain } from "../lib/runtime/mod.ts";

const SPEC = {
  name: "deno task reproduce:qdd",
  summary:
    "Dataset distillation for quantum neural networks (Phalak, Li, Ghosh, arXiv 2503.17935): a quantum LeNet trained on a few distilled images.",
};

if (import.meta.main) {
  await runMain(async () => {
    const cli = parseCli(Deno.args, SPEC);
    if (cli.help) return console.log(cli.usage);
    await Promise.resolve();
    throw new QreproError(
      "Not implemented: reproduce:qdd lands with issue #7; no result was produced",
    );
  });
}
