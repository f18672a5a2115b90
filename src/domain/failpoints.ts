// Fault injection for the crash tests: HUB_FAILPOINT names a point in handling a chat message at
// which the process kills itself with SIGKILL, as a power cut would (test/integration/
// matrix-crash.test.ts). Unset, as in every deployment, it does nothing.

export type Failpoint = 'matrix-after-claim' | 'request-after-commit' | 'matrix-after-send';

export function failpoint(name: Failpoint): void {
  if (process.env.HUB_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
