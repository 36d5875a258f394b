/**
 * A small summary of a V8 `.cpuprofile` (node --cpu-prof): self time by function and by
 * origin (npm package, app code, Node internals, native/GC). Used by bench-autosave when
 * BENCH_CPU_PROF=1; profiling slows the server, so those runs' figures are not comparable.
 */
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; ms: number; share: number }[];
  byOrigin: { origin: string; ms: number; share: number }[];
  /** Inclusive time (self + callees) of the project's own functions (the server build, server.ts, server/). */
  projectInclusive: { name: string; ms: number; share: number }[];
}

function isProjectUrl(url: string): boolean {
  return !url.includes("/node_modules/") && /\/(build\/server|server)\/|\/server\.ts$/.test(url);
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "").replace(/^.*\/(build\/server\/)/, "$1");
  return `${functionName || "(anonymous)"} ${short ? `${short}:${lineNumber + 1}` : ""}`.trim();
}

function originOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)") return "(gc)";
    if (functionName === "(idle)" || functionName === "(program)") return functionName;
    return "(native)";
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node:internals";
  const local = /\/(app|build|server|db|surveys)\//.exec(url);
  if (local) return `project ${local[1]}/`;
  return url;
}

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute it to the sample that follows it.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0));
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let totalUs = 0;
  const fn = new Map<string, number>();
  const origin = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === "(idle)") continue;
    totalUs += us;
    const name = frameName(node);
    fn.set(name, (fn.get(name) ?? 0) + us);
    const o = originOf(url, functionName);
    origin.set(o, (origin.get(o) ?? 0) + us);
    // Inclusive: every distinct project function on this node's stack gets the time once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || !isProjectUrl(frame.callFrame.url)) continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ k, ms: us / 1000, share: totalUs ? us / totalUs : 0 }));
  return {
    totalMs: totalUs / 1000,
    byFunction: rank(fn).map(({ k, ms, share }) => ({ name: k, ms, share })),
    byOrigin: rank(origin).map(({ k, ms, share }) => ({ origin: k, ms, share })),
    projectInclusive: rank(inclusive).map(({ k, ms, share }) => ({ name: k, ms, share })),
  };
}
