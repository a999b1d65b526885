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
