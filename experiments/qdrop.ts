/**
 * Reproduction of Q-Drop (ICC 2025).
 *
 * Not implemented yet (issue #5): the task refuses to run rather than
 * print a result it did not compute.
 *
 * @module
 */

import { parseCli, QreproError, runMain } from "../lib/runtime/mod.ts";

const SPEC = {
  name: "deno task reproduce:qdrop",
  summary:
    "Q-Drop (ICC 2025): quantum orthogonal networks trained with scheduled gradient pruning and dynamic quantum dropout.",
};

if (import.meta.main) {
  await runMain(async () => {
    const cli = parseCli(Deno.args, SPEC);
    if (cli.help) return console.log(cli.usage);
    await Promise.resolve();
    throw new QreproError(
      "Not implemented: reproduce:qdrop lands with issue #5; no result was produced",
    );
  });
}
