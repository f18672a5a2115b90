import Module, { createRequire } from 'node:module';

// The Matrix SDK requires its native end-to-end encryption binding when it loads, and that binding
// comes from a postinstall download that cannot work everywhere (nor here). The same Rust core
// ships as WebAssembly; crypto/wasm-binding.ts offers the binding's surface on top of it, and is
// put where the SDK looks for the binding before the SDK loads. So encrypted rooms work wherever
// `npm ci` does, without any download.

const require = createRequire(import.meta.url);
const BINDING = '@matrix-org/matrix-sdk-crypto-nodejs';

type MatrixSdk = typeof import('@vector-im/matrix-bot-sdk');

let loaded: MatrixSdk | null = null;

export async function loadMatrixSdk(): Promise<MatrixSdk> {
  if (loaded) return loaded;
  const adapter = await import('./crypto/wasm-binding.js');
  const path = require.resolve(BINDING);
  const binding = new Module(path);
  binding.filename = path;
  binding.loaded = true;
  binding.exports = { ...adapter };
  require.cache[path] = binding;
  loaded = await import('@vector-im/matrix-bot-sdk');
  return loaded;
}
