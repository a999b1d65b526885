// What a command may touch of the outside world, injected so CLI tests run in-process.
export interface OutputStream {
  write(chunk: string): unknown;
}

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
}

/** Named exit codes, after promtool's. */
export const ExitCode = {
  success: 0,
  failure: 1,
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/**
 * A process stream whose reader may leave early (`obsgen test FILE | head -1`): once the pipe is
 * closed, later output is dropped instead of dying on EPIPE, and the command keeps its exit code.
 */
export function pipeSafe(stream: NodeJS.WritableStream): OutputStream {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return { write: (chunk) => (closed ? false : stream.write(chunk)) };
}

/** The real process's streams and folder, for bin/obsgen.js. */
export function processIO(): CliIO {
  return { stdout: pipeSafe(process.stdout), stderr: pipeSafe(process.stderr), cwd: process.cwd() };
}
