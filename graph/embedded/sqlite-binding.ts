import type Database from 'better-sqlite3';

// better-sqlite3's native module is built by `npm ci` for the Node that ran it. To run the hub
// (or the test suite) on another Node release from the same node_modules, HUB_SQLITE_BINDING
// names a build of the module for that release (test/support/node-runtimes.ts makes one).

export function sqliteOptions(options: Database.Options = {}): Database.Options {
  const binding = process.env.HUB_SQLITE_BINDING;
  return binding ? { ...options, nativeBinding: binding } : options;
}
