/**
 * Groups narratives by similarity, deterministically and in-process: words (Chinese segmented
 * with jieba, other scripts split on letters), TF-IDF weights, cosine similarity, then a
 * single pass that puts each text in the most similar existing group above a threshold
 * (texts taken longest first, ties by position). Each group names a representative: the text
 * closest to the group's centroid.
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/;
const STOP = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to was were with which our their des les la le et du de en un une el los las y del por para con и в на с по для 的 了 和 是 在 与 及 في من على إلى و".split(" "),
);

export function tokenize(text: string): string[] {
  const lower = text.normalize("NFKC").toLowerCase();
  const out: string[] = [];
  for (const run of lower.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (HAN.test(run)) {
      for (const w of segmenter().cut(run, false)) if (w.trim() && !STOP.has(w)) out.push(w);
    } else if (run.length > 1 && !STOP.has(run)) {
      out.push(run);
    }
  }
  return out;
}

type Vector = Map<string, number>;

function vectors(texts: string[]): Vector[] {
  const docs = texts.map(tokenize);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const w of d) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v: Vector = new Map();
    let norm = 0;
    for (const [w, f] of tf) {
      const weight = (1 + Math.log(f)) * (1 + Math.log((1 + n) / (1 + (df.get(w) ?? 0))));
      v.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [w, x] of small) {
    const y = large.get(w);
    if (y !== undefined) s += x * y;
  }
  return s;
}

export interface TextGroup {
  /** Indexes into the input, in input order. */
  members: number[];
  /** Index of the text closest to the group's centroid. */
  representative: number;
}

/** Groups, largest first (ties: the group whose first member comes first). */
export function clusterTexts(texts: string[], threshold = 0.35): TextGroup[] {
  if (texts.length === 0) return [];
  const vs = vectors(texts);
  const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.length - texts[a]!.length || a - b);
  const groups: { members: number[]; centroid: Vector }[] = [];
  for (const i of order) {
    let best = -1;
    let bestSim = threshold;
    for (let g = 0; g < groups.length; g++) {
      const sim = cosine(vs[i]!, groups[g]!.centroid);
      if (sim > bestSim) {
        bestSim = sim;
        best = g;
      }
    }
    if (best === -1) {
      groups.push({ members: [i], centroid: new Map(vs[i]) });
    } else {
      const g = groups[best]!;
      g.members.push(i);
      // Running mean, renormalised.
      const k = g.members.length;
      const next: Vector = new Map();
      for (const [w, x] of g.centroid) next.set(w, (x * (k - 1)) / k);
      for (const [w, x] of vs[i]!) next.set(w, (next.get(w) ?? 0) + x / k);
      let norm = 0;
      for (const x of next.values()) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      for (const [w, x] of next) next.set(w, x / norm);
      g.centroid = next;
    }
  }
  return groups
    .map((g) => {
      const members = [...g.members].sort((a, b) => a - b);
      let representative = members[0]!;
      let best = -1;
      for (const m of members) {
        const sim = cosine(vs[m]!, g.centroid);
        if (sim > best + 1e-12) {
          best = sim;
          representative = m;
        }
      }
      return { members, representative };
    })
    .sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
}
