import { execFileSync } from 'node:child_process';

// What the suite needs from the machine besides npm packages: Java and Maven (Neo4j from Maven
// Central), Python with venv (Synapse from PyPI), Debian's Chromium (the map) and redis-server
// (several instances). As root on Debian they are installed; elsewhere the run stops with the
// one command that installs them.

const NEEDED: { command: string; check?: string[]; debian: string }[] = [
  { command: 'java', debian: 'openjdk-17-jdk-headless' },
  { command: 'mvn', debian: 'maven' },
  { command: 'python3', check: ['-c', 'import venv, ensurepip'], debian: 'python3-venv' },
  { command: 'chromium', debian: 'chromium' },
  { command: 'redis-server', debian: 'redis-server' },
];

function works(command: string, args: string[] = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ensureSystemPackages(): void {
  const missing = NEEDED.filter((n) => !works(n.command, n.check)).map((n) => n.debian);
  if (missing.length === 0) return;
  const install = `apt-get install -y ${missing.join(' ')}`;
  const root = process.getuid?.() === 0;
  if (!root || !works('apt-get', ['--version']))
    throw new Error(
      `The tests need Debian packages that are missing; install them with: sudo apt-get update && sudo ${install}`,
    );
  console.log(`Installing ${missing.join(', ')} with apt-get (first run only)...`);
  execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${install} -qq > /dev/null`], {
    stdio: 'inherit',
  });
}
