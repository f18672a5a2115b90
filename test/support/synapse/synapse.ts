import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../../graph/neo4j/server/launch.js';

// A real Synapse for the bot tests: installed from PyPI into .venv/synapse inside the project
// (ignored by git), configured with SQLite on a free loopback port, registration by shared
// secret and relaxed rate limits. A missing Python is a failure that says what to install.

const SYNAPSE_VERSION = '1.163.2';
const ROOT = resolve(import.meta.dirname, '../../..');
const VENV = join(ROOT, '.venv', 'synapse');
const PYTHON = join(VENV, 'bin', 'python');

export interface RunningSynapse {
  url: string;
  serverName: string;
  sharedSecret: string;
  /** The server's CPU time so far in ms (user and system), read from /proc: the benchmark's cost per message. */
  cpuMs(): number;
  stop(): Promise<void>;
  /** Starts it again on the same port, data and secrets (after stop()). */
  restart(): Promise<void>;
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error || result.status !== 0) {
    throw new Error(
      `${what} failed: ${result.error?.message ?? ''}${(result.stdout ?? '').slice(-1500)}${(result.stderr ?? '').slice(-1500)}`,
    );
  }
}

function ensureSynapseInstalled(): void {
  if (
    existsSync(PYTHON) &&
    spawnSync(PYTHON, [
      '-c',
      `import synapse, sys; sys.exit(0 if synapse.__version__.split()[0] == "${SYNAPSE_VERSION}" else 1)`,
    ]).status === 0
  )
    return;
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python)
    throw new Error('The Matrix tests need Python 3 (with venv) to install Synapse; install python3 and python3-venv.');
  console.log(`Installing Synapse ${SYNAPSE_VERSION} into ${VENV} (first run only)...`);
  run(python, ['-m', 'venv', VENV], 'Creating the Synapse virtualenv');
  run(
    PYTHON,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `matrix-synapse==${SYNAPSE_VERSION}`],
    'Installing matrix-synapse from PyPI',
  );
}

export async function startSynapse(
  dataDir: string,
  /** encryptAll: every new room is end-to-end encrypted, as servers of public administrations enforce. */
  options: { encryptAll?: boolean } = {},
): Promise<RunningSynapse> {
  ensureSynapseInstalled();
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const serverName = 'hub.test';
  const sharedSecret = randomBytes(16).toString('hex');
  const config = join(dataDir, 'homeserver.yaml');
  writeFileSync(
    config,
    configFile(dataDir, port, serverName, sharedSecret) +
      (options.encryptAll ? 'encryption_enabled_by_default_for_room_type: all\n' : ''),
  );
  run(PYTHON, ['-m', 'synapse.app.homeserver', '--config-path', config, '--generate-keys'], 'Generating Synapse keys');
  const url = `http://127.0.0.1:${port}`;
  const launch = async () => {
    const child = spawn(PYTHON, ['-m', 'synapse.app.homeserver', '--config-path', config], {
      cwd: dataDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const log: string[] = [];
    child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
    await waitUntilUp(url, child, () => log.join('').slice(-3000));
    return child;
  };
  let child = await launch();
  return {
    url,
    serverName,
    sharedSecret,
    cpuMs: () => cpuMsOf(child.pid!),
    stop: () => stop(child),
    restart: async () => {
      child = await launch();
    },
  };
}

/** utime and stime of /proc/PID/stat, in clock ticks of 10 ms (USER_HZ on Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Synapse exited with code ${child.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}/_matrix/client/versions`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`Synapse did not answer within 90 s:\n${log()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Registers a user through the shared-secret admin API and returns its access token. */
export async function registerUser(
  synapse: Pick<RunningSynapse, 'url' | 'sharedSecret'>,
  localpart: string,
  admin = false,
): Promise<{ userId: string; accessToken: string; deviceId: string }> {
  const endpoint = `${synapse.url}/_synapse/admin/v1/register`;
  const { nonce } = (await (await fetch(endpoint)).json()) as { nonce: string };
  const password = randomBytes(12).toString('hex');
  const mac = createHmac('sha1', synapse.sharedSecret)
    .update(`${nonce}\0${localpart}\0${password}\0${admin ? 'admin' : 'notadmin'}`)
    .digest('hex');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nonce, username: localpart, password, admin, mac }),
  });
  const body = (await response.json()) as {
    user_id?: string;
    access_token?: string;
    device_id?: string;
    error?: string;
  };
  if (!response.ok || !body.access_token)
    throw new Error(`Registering ${localpart} failed: ${body.error ?? response.status}`);
  return { userId: body.user_id!, accessToken: body.access_token, deviceId: body.device_id! };
}

function configFile(dataDir: string, port: number, serverName: string, sharedSecret: string): string {
  const relaxed = (n: number) => `{ per_second: ${n}, burst_count: ${n * 10} }`;
  return `
server_name: "${serverName}"
public_baseurl: "http://127.0.0.1:${port}/"
pid_file: "${join(dataDir, 'homeserver.pid')}"
listeners:
  - port: ${port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client, openid]
        compress: false
database:
  name: sqlite3
  args:
    database: "${join(dataDir, 'homeserver.db')}"
media_store_path: "${join(dataDir, 'media')}"
# Tests poll /sync; a cached answer would hide what arrived in between.
caches:
  sync_response_cache_duration: 0
signing_key_path: "${join(dataDir, 'signing.key')}"
registration_shared_secret: "${sharedSecret}"
macaroon_secret_key: "${randomBytes(16).toString('hex')}"
form_secret: "${randomBytes(16).toString('hex')}"
report_stats: false
enable_registration: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
url_preview_enabled: false
rc_message: ${relaxed(100)}
rc_registration: ${relaxed(100)}
rc_login:
  address: ${relaxed(100)}
  account: ${relaxed(100)}
  failed_attempts: ${relaxed(100)}
rc_joins:
  local: ${relaxed(100)}
  remote: ${relaxed(100)}
rc_invites:
  per_room: ${relaxed(100)}
  per_user: ${relaxed(100)}
  per_issuer: ${relaxed(100)}
rc_admin_redaction: ${relaxed(100)}
`;
}
