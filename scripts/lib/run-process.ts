/** Runs a child process and collects its output. */
import { spawn } from "node:child_process";

/** The outcome of one child process. */
export interface ProcessResult {
  /** Exit code, or null when it was killed by a signal. */
  readonly code: number | null;
  /** Signal that ended it, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Standard output only (for machine-readable output such as `terraform show -json`). */
  readonly stdout: string;
  /** Standard output and error, interleaved as they arrived. */
  readonly output: string;
  /** Wall-clock time in milliseconds. */
  readonly ms: number;
  /** Whether the run was stopped because it exceeded its time limit. */
  readonly timedOut: boolean;
}

/** Options for {@link runProcess}. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Time limit; the process (and only it) is killed when it is exceeded. */
  readonly timeoutMs: number;
}

/**
 * Runs `command args...` without a shell and resolves when it exits. Never rejects
 * for a non-zero exit; rejects only if the command cannot be started.
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const all: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
    }, options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      out.push(chunk);
      all.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => all.push(chunk));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        output: Buffer.concat(all).toString("utf8"),
        ms: Date.now() - started,
        timedOut,
      });
    });
  });
}
