import { parseArgs, type ParseArgsConfig } from 'node:util';

// The arguments of an npm script: `--help` (or `-h`) prints its usage and exits 0; an unknown or
// malformed option prints what was wrong and the usage and exits 2, never a stack trace.

export function commandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs<T>({ ...config, args });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
