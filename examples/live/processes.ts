// Child processes the live stack starts, and only those: each is stopped by its own pid (SIGTERM,
// then SIGKILL after a grace period), and whatever is still running when this process exits, is
// interrupted or terminated gets killed too, so a failed run leaves nothing listening.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Exit code (or signal name) once it ended; null while it runs. */
  readonly exit: () => string | null;
  /** The last lines of its output, for error messages. */
  readonly tail: (lines?: number) => string;
  readonly stop: () => Promise<void>;
}

const running = new Map<number, ChildProcess>();
let hooksInstalled = false;

function killAllNow(): void {
  for (const [pid, child] of running) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

/**
 * On exit, and on SIGINT/SIGTERM (after `onSignal` had its chance to stop things in order), the
 * processes still running are killed; a signal then ends this process with the usual 128+n code.
 */
export function installExitHooks(onSignal: () => Promise<void> = async () => {}): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', killAllNow);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      const hardStop = setTimeout(() => {
        killAllNow();
        process.exit(code);
      }, 5_000);
      onSignal()
        .catch(() => {})
        .finally(() => {
          clearTimeout(hardStop);
          killAllNow();
          process.exit(code);
        });
    });
  }
}

export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): ManagedProcess {
  installExitHooks();
  const fd = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const pid = child.pid;
  running.set(pid, child);
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ?? String(code);
      running.delete(pid);
      resolve();
    });
    child.once('error', (error) => {
      exit = `error: ${error.message}`;
      running.delete(pid);
      resolve();
    });
  });
  const tail = (lines = 15) => {
    try {
      return readFileSync(options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return {
    name,
    pid,
    logFile: options.logFile,
    exit: () => exit,
    tail,
    stop: async () => {
      if (exit !== null) return;
      process.kill(pid, 'SIGTERM');
      const grace = setTimeout(() => {
        if (exit === null) process.kill(pid, 'SIGKILL');
      }, 5_000);
      await exited;
      clearTimeout(grace);
    },
  };
}
