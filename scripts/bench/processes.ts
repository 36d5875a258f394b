/**
 * Child processes for the benchmarks: start one (its output kept for error messages), run a
 * command to completion, stop one (SIGTERM, then SIGKILL after 15 s), stop all that are still
 * running; a free port on a host; a sleep.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export function benchProcesses(root: string, log: (m: string) => void) {
  const children = new Set<ChildProcess>();

  function start(command: string, args: string[], env: NodeJS.ProcessEnv) {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.once("exit", () => children.delete(child));
    let output = "";
    const keep = (d: Buffer) => {
      output = (output + d.toString("utf8")).slice(-100_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    return { child, output: () => output };
  }

  async function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    const t = Date.now();
    const p = start(command, args, env);
    const code = await new Promise<number | null>((resolve, reject) => {
      p.child.once("error", reject);
      p.child.once("exit", resolve);
    });
    if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${p.output().slice(-4000)}`);
    log(`${label}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  async function stop(child: ChildProcess) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }

  const stopAll = () => Promise.all([...children].map((c) => stop(c)));

  return { start, run, stop, stopAll };
}

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
