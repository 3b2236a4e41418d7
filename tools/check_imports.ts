/**
 * Import-graph check run by `deno task check`: no circular imports between
 * files, each `lib/<area>` imports only earlier areas and only through their
 * `mod.ts`, and `lib/` never imports `experiments/` (../shared/STYLE.md rule 13).
 *
 * @module
 */

import { dirname, join, relative, resolve } from "node:path";

/** Areas in import order: an area may import only the ones before it. */
export const AREAS = [
  "runtime",
  "data",
  "quantum",
  "models",
  "training",
  "compression",
  "report",
];

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function walk(dir: string, out: string[]): string[] {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) walk(path, out);
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/**
 * Find every violation in the tree rooted at `root`.
 *
 * @param root Repository root.
 * @returns One message per violation; empty when clean.
 */
export function checkImports(root: string): string[] {
  const files = ["lib", "experiments", "tests", "tools"].flatMap((d) => {
    try {
      return walk(join(root, d), []);
    } catch {
      return [];
    }
  });
  files.push(join(root, "mod.ts"));
  const graph = new Map<string, string[]>();
  const problems: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = Deno.readTextFileSync(file);
    } catch {
      continue;
    }
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith(".")) continue;
      const target = resolve(dirname(file), spec);
      deps.push(target);
      const from = relative(root, file).split("/");
      const to = relative(root, target).split("/");
      if (from[0] !== "lib") continue;
      if (to[0] === "experiments") {
        problems.push(
          `${relative(root, file)}: lib/ imports experiments/ (${spec})`,
        );
      }
      if (to[0] !== "lib" || from[1] === to[1]) continue;
      const a = AREAS.indexOf(from[1]), b = AREAS.indexOf(to[1]);
      if (b >= a) {
        problems.push(
          `${relative(root, file)}: area "${from[1]}" imports later area "${
            to[1]
          }" (${spec})`,
        );
      }
      if (to.length !== 3 || to[2] !== "mod.ts") {
        problems.push(
          `${relative(root, file)}: imports lib/${
            to[1]
          } other than through its mod.ts (${spec})`,
        );
      }
    }
    graph.set(file, deps);
  }
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 1);
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 1) {
        const cycle = stack.slice(stack.indexOf(d)).concat(d).map((p) =>
          relative(root, p)
        );
        problems.push(`circular import: ${cycle.join(" -> ")}`);
      } else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return problems;
}

if (import.meta.main) {
  const problems = checkImports(Deno.cwd());
  for (const p of problems) console.error(`error: ${p}`);
  if (problems.length > 0) Deno.exit(1);
  console.log("imports: no cycles, areas in order");
}
