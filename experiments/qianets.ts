/**
 * Reproduction of QIANets (arXiv 2410.10318).
 *
 * Not implemented yet (issue #8): the task refuses to run rather than
 * print a result it did not compute.
 *
 * @module
 */

import { parseCli, QreproError, runMain } from "../lib/runtime/mod.ts";

const SPEC = {
  name: "deno task reproduce:qianets",
  summary:
    "QIANets (arXiv 2410.10318): quantum-inspired pruning, SVD and annealing-style factorization of ResNet-18, GoogLeNet and DenseNet-121 on CIFAR-10.",
};

if (import.meta.main) {
  await runMain(async () => {
    const cli = parseCli(Deno.args, SPEC);
    if (cli.help) return console.log(cli.usage);
    await Promise.resolve();
    throw new QreproError(
      "Not implemented: reproduce:qianets lands with issue #8; no result was produced",
    );
  });
}
