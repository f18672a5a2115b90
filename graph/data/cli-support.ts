import { ConfigError } from '../../src/config.js';
import { DomainError } from '../../src/domain/errors.js';

/** Runs a command-line task; a known failure ends it with its one-line reason, not a stack trace. */
export async function runCli(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    const known =
      error instanceof DomainError ||
      error instanceof ConfigError ||
      (error instanceof Error && !(error instanceof TypeError));
    console.error(known ? (error as Error).message : error);
    process.exitCode = 1;
  }
}
