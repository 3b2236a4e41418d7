/**
 * The KD report page's protocol text (research notes `kd.md` §1–§4). Private
 * to `experiments/kd.ts`.
 *
 * @module
 */

import type { Profile } from "../lib/runtime/mod.ts";
import type { KdConfig } from "./_kd_grid.ts";
import { KD_DEFAULTS } from "./_kd_profiles.ts";

/** Teacher settings, including any class set served by a larger set's teacher. */
function teacherProtocol(c: KdConfig): string {
  const per = (r: Record<string, number>, zero: string) =>
    Object.entries(r).map(([a, n]) => `${a} ${n || zero}`).join(", ");
  const shared = c.teacherShareClasses.length === 0
    ? ""
    : ` ${
      c.teacherShareClasses.join(" and ")
    }: one teacher per dataset, trained on classes 0–${
      Math.max(...c.v1Tasks.map((t) => t.nClasses)) - 1
    }, serves the smaller class sets through its first C logits (the notebooks train one per class set, notes §1); its 0–5 accuracy is the argmax of those logits on the 0–5 test images.`;
  return `Teachers: Adam ${c.teacherLr} (on wasm, computed on the heap without copies to JS: the same update); batch ${
    per(c.teacherBatchSize, "")
  }; epochs ${
    per(c.teacherEpochs, "")
  }; training images, first N of the class subset: ${
    per(c.teacherTrainImages, "all")
  }; test images, first N of the class subset: ${
    per(c.teacherTestImages, "all")
  }. T = ${c.temperature}, α = ${c.alpha}.${shared}`;
}

/** Every setting in which this run differs from the paper profile. */
function shrunk(profile: Profile, c: KdConfig): string {
  if (profile === "paper") return "";
  const diffs = Object.entries(KD_DEFAULTS).filter(([k, v]) =>
    JSON.stringify(v) !== JSON.stringify(c[k as keyof KdConfig])
  ).map(([k, v]) =>
    `${k} ${JSON.stringify(c[k as keyof KdConfig])} (paper: ${
      JSON.stringify(v)
    })`
  );
  return diffs.length === 0
    ? ""
    : `Profile ${profile} differs from the paper settings in: ${
      diffs.join("; ")
    }.`;
}

/**
 * The protocol paragraph of the KD page: data, settings, assumptions, and
 * every setting in which the profile differs from the paper's.
 *
 * @param profile The run profile.
 * @param c The effective configuration.
 * @returns One paragraph.
 */
export function protocol(profile: Profile, c: KdConfig): string {
  return [
    `Profile ${profile}, ${c.nSeeds} seed(s) per cell; teachers trained once (base seed), frozen, and cached as their logits on the students' training images.`,
    `v1 (notes §2.1): students on the first ${c.v1PerClass} images per class of each split (code)` +
    ` or ${
      c.v1PaperPerClass === 0
        ? "the full class subsets"
        : `the first ${c.v1PaperPerClass} per class`
    } (paper);` +
    ` ${c.v1Epochs} epochs, batch ${c.v1BatchSize}, Adam ${c.v1Lr}; shots as published (5000/3000/2000).` +
    " code: ±π/4 undivided shift gradient (√2 × exact), the notebooks' heads (H2 for FashionMNIST 3-qubit baselines) and KD quirks (three no-KD runs, one 6/8 weight), best test accuracy over epochs;" +
    " paper: exact gradient, head H1, (1−α)·CE + α·T²·KL, final-epoch accuracy.",
    teacherProtocol(c),
    `v2 (notes §2.2, §4; no code exists, so all of this is assumed): first ${
      c.v2TrainImages || "all"
    } training and ${c.v2TestImages || "all"} test images, 10 classes;` +
    " reduction to 2^Q features (trainable linear layer, adaptive avg/max pooling, centre crop, or PCA fitted on the training images), L2-normalised amplitude encoding (wire 0 = most significant bit)," +
    " one block of RX(rx_i) RY(ry_i) RZ(rz_i) RX(rx_i) RX(rx0) RY(ry0) RZ(rz0) per qubit without entangling gates, angles U(−π, π), ⟨Z⟩ per qubit, linear layer to 10 logits;" +
    " angle encoding = trainable linear layer to Q angles, RY(x_i) on |0⟩; 'qubit encoding' is not implemented (undefined in the sources);" +
    ` CIFAR-10 converted to grey (BT.601 luma) for the students, colour for its LeNet5 teacher; ${c.v2Epochs} epochs, batch ${c.v2BatchSize}, Adam ${c.v2Lr}` +
    ` (TorchQuantum MNIST example); teacher LeNet5 (10 classes) for ${c.v2TeacherEpochs} epoch(s) on ${
      c.v2TeacherTrainImages || "all"
    } images.` +
    " Fig. 12 is read as the distilled students' test error.",
    shrunk(profile, c),
  ].join(" ");
}
