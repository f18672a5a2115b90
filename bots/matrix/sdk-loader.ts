import Module, { createRequire } from 'node:module';

// The Matrix SDK requires its native end-to-end encryption binding when it loads, and that
// binding comes from a postinstall download that is not always possible. Without it the bot
// still works in unencrypted rooms: a stand-in module lets the SDK load, and says what is
// missing if anything ever reaches for encryption.

const require = createRequire(import.meta.url);
const BINDING = '@matrix-org/matrix-sdk-crypto-nodejs';

type MatrixSdk = typeof import('@vector-im/matrix-bot-sdk');

export interface LoadedSdk {
  sdk: MatrixSdk;
  /** True when the native binding loaded and encrypted rooms can be used. */
  e2ee: boolean;
}

let loaded: LoadedSdk | null = null;

export async function loadMatrixSdk(): Promise<LoadedSdk> {
  if (loaded) return loaded;
  let e2ee = true;
  try {
    require(BINDING);
  } catch {
    e2ee = false;
    installStandIn();
  }
  loaded = { sdk: await import('@vector-im/matrix-bot-sdk'), e2ee };
  return loaded;
}

function installStandIn(): void {
  const path = require.resolve(BINDING);
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = new Proxy(
    {},
    {
      get(_target, property) {
        if (property === '__esModule' || typeof property === 'symbol') return undefined;
        throw new Error(
          `End-to-end encryption is not available: the native module ${BINDING} is not installed (its download failed), so ${String(property)} cannot be used.`,
        );
      },
    },
  );
  require.cache[path] = standIn;
}
