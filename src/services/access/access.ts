import { newAuditId } from '../../domain/ids.js';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ACCESS_ROLES, type AccessRole, type AccessToken, type Viewer } from './domain/access.js';
import { InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import type { AccessStore, CoordinationStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { ChatIdentities, ChatUser } from '../chat/chat-identities.js';
import type { NetworkEvents } from '../reads/network-events.js';
import { rolesWithinLevel } from './domain/policy.js';
import { effectiveAccess, type RolesOfTokenPerson } from './domain/effective-access.js';
import type { RoleAssignment } from '../../domain/model.js';
import type { NetworkLifecycleStore } from '../lifecycle/domain/network-lifecycle.port.js';
import { STATE } from '../../domain/ports/state-slots.js';

// Bearer tokens: the secret is shown once at creation; only its SHA-256 is stored. A request's
// token is looked up by hash and the hash compared in constant time.

const PREFIX = 'hub_';
/** Short-lived sign-ins (the map as a chat room widget): kept in the store's state, never in a process. */
const SESSION_PREFIX = 'hubs_';
const sessionKey = (hash: string) => STATE.session.key(hash);

interface Session {
  personId: string;
  /** The chat account that signed in: the session lasts only while it stays linked to the person. */
  account: ChatUser;
  expiresAt: string;
}

export interface NewToken {
  personId: string;
  access: AccessRole;
  districtAgs?: string | null;
  personalData?: boolean;
  label: string;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Who a token stands for is kept this long, so a request costs no database round trip for it.
 * A change to a person (a new or ended role, a merge, an erasure) drops that person's tokens at
 * once on every instance; a change that touched no network record (a revocation, a grant) or
 * anything (another writer) drops them all. A token revoked from the command line stops working
 * within this time.
 */
const VIEWER_CACHE_MS = 15_000;

/** Live streams (subscriptions) one token may hold open at once. */
const MAX_STREAMS_PER_TOKEN = 5;

export class AccessService {
  private readonly viewers = new Map<string, { viewer: Viewer | null; until: number }>();
  private readonly streams = new Map<string, number>();

  constructor(
    private readonly store: NetworkStore & { readonly tokens: AccessStore } & {
      readonly coordination: CoordinationStore;
    } & { readonly lifecycle: Pick<NetworkLifecycleStore, 'allRolesOfPersons'> },
    private readonly now: () => Date = () => new Date(),
    private readonly events?: NetworkEvents,
    private readonly identities?: ChatIdentities,
  ) {
    events?.subscribe((change) => {
      const touched = change.touched;
      if (!touched || (!touched.entityIds.length && !touched.meetingIds?.length && !touched.requestIds?.length))
        return this.viewers.clear();
      const people = new Set(touched.entityIds);
      for (const [hash, { viewer }] of this.viewers)
        if (!viewer || (viewer.personId !== null && people.has(viewer.personId))) this.viewers.delete(hash);
    });
  }

  /** The viewer a secret stands for, or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Viewer | null> {
    if (secret.length > 200) return null;
    const hash = hashOf(secret);
    const cached = this.viewers.get(hash);
    const now = this.now().getTime();
    if (cached && cached.until > now) return cached.viewer;
    const viewer = await this.lookUp(secret);
    if (this.viewers.size > 10_000) this.viewers.clear();
    this.viewers.set(hash, { viewer, until: now + VIEWER_CACHE_MS });
    return viewer;
  }

  private async lookUp(secret: string): Promise<Viewer | null> {
    if (secret.startsWith(SESSION_PREFIX)) return this.authenticateSession(secret);
    if (!secret.startsWith(PREFIX)) return null;
    const hash = hashOf(secret);
    const token = await this.store.tokens.tokenByHash(hash);
    if (!token || token.revokedAt !== null) return null;
    if (!timingSafeEqual(Buffer.from(token.hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    const [roles = []] = await this.store.rolesOfPersons([token.personId]);
    const access = effectiveAccess(token, await this.rolesOfTokenPerson(token, roles));
    // A token never grants more than its level: roles above it do not count.
    return {
      personId: token.personId,
      access,
      districtAgs: access === 'DISTRICT_COORDINATOR' || access === 'COORDINATOR' ? token.districtAgs : null,
      personalData: access === 'ANALYST' || access === 'ADMIN' ? token.personalData : false,
      roles: rolesWithinLevel(
        access,
        roles.map((r) => r.role),
      ),
    };
  }

  /** What effectiveAccess needs beyond the current roles, read only for the tokens that depend on it. */
  private async rolesOfTokenPerson(token: AccessToken, current: RoleAssignment[]): Promise<RolesOfTokenPerson> {
    const lostAdmin =
      token.access === 'ADMIN' &&
      !current.some((r) => r.role === 'ADMIN') &&
      ((await this.store.lifecycle.allRolesOfPersons([token.personId]))[0] ?? []).some((r) => r.role === 'ADMIN');
    const scopes =
      token.access === 'DISTRICT_COORDINATOR'
        ? await this.store.entitiesByIds(current.map((r) => r.scopeId).filter((id): id is string => id !== null))
        : [];
    const districtOf = new Map(
      scopes.flatMap((s) =>
        s?.kind === 'District'
          ? [[s.id, s.ags] as const]
          : s && 'districtAgs' in s
            ? [[s.id, s.districtAgs] as const]
            : [],
      ),
    );
    return {
      current,
      lostAdmin,
      districtOfRole: (roleId) => {
        const scopeId = current.find((r) => r.id === roleId)?.scopeId;
        return scopeId ? (districtOf.get(scopeId) ?? null) : null;
      },
    };
  }

  /** A sign-in for a person whose identity another system vouched for, valid for some hours. */
  async createSession(
    personId: string,
    account: ChatUser,
    hours: number,
  ): Promise<{ secret: string; expiresAt: string }> {
    const secret = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(this.now().getTime() + hours * 3_600_000).toISOString();
    const session: Session = { personId, account, expiresAt };
    await this.store.coordination.setState(sessionKey(hashOf(secret)), session);
    return { secret, expiresAt };
  }

  private async authenticateSession(secret: string): Promise<Viewer | null> {
    const key = sessionKey(hashOf(secret));
    const session = await this.store.coordination.getState<Session>(key);
    if (!session?.account || !this.identities) return null;
    // The access is worked out anew from the chat link and the person's current roles: the
    // session ends with the link (erasure unlinks) and follows every role change.
    const viewer = await this.identities.viewerFor(session.account);
    if (
      Date.parse(session.expiresAt) <= this.now().getTime() ||
      viewer.personId !== session.personId ||
      viewer.access === null
    ) {
      await this.store.coordination.deleteState(key);
      return null;
    }
    return viewer;
  }

  /**
   * A stream for a signed-in caller that ends as soon as their token or session no longer holds
   * (revoked, erased, unlinked): every event first checks it again. At most a few streams run
   * per token at once.
   */
  followWhileValid<T>(secret: string, key: string, source: AsyncIterable<T>): AsyncIterable<T> {
    const running = this.streams.get(key) ?? 0;
    if (running >= MAX_STREAMS_PER_TOKEN)
      throw new NotAllowed(
        `follow more than ${MAX_STREAMS_PER_TOKEN} streams at once with one token`,
        `mit einem Zugang höchstens ${MAX_STREAMS_PER_TOKEN} Datenströme gleichzeitig verfolgen`,
      );
    this.streams.set(key, running + 1);
    const release = () => {
      const left = (this.streams.get(key) ?? 1) - 1;
      if (left > 0) this.streams.set(key, left);
      else this.streams.delete(key);
    };
    const authenticate = (s: string) => this.authenticate(s);
    return (async function* follow() {
      try {
        for await (const item of source) {
          if (!(await authenticate(secret))) return;
          yield item;
        }
      } finally {
        release();
      }
    })();
  }

  /** Creates a token; the secret in the answer is never shown again. */
  async create(input: NewToken, actor: Viewer): Promise<{ token: AccessToken; secret: string }> {
    if (actor.access !== 'ADMIN') throw new NotAllowed('create access tokens', 'keine Zugangsschlüssel anlegen');
    if (!ACCESS_ROLES.includes(input.access))
      throw new InvalidInput('access', `must be one of ${ACCESS_ROLES.join(', ')}`);
    if (input.access === 'DISTRICT_COORDINATOR' && !input.districtAgs)
      throw new InvalidInput('districtAgs', 'is needed for a district coordinator');
    if (!input.label.trim() || input.label.length > 100) throw new InvalidInput('label', 'must be 1 to 100 characters');
    const [person] = await this.store.entitiesByIds([input.personId]);
    if (person?.kind !== 'Person') throw new NotFound('Person', input.personId);
    if (input.districtAgs) {
      const [district] = await this.store.districtsByAgs([input.districtAgs]);
      if (!district) throw new NotFound('District', input.districtAgs);
    }
    const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
    const at = this.now().toISOString();
    const token: AccessToken = {
      id: `token:${randomUUID()}`,
      hash: hashOf(secret),
      personId: input.personId,
      access: input.access,
      districtAgs: input.districtAgs ?? null,
      personalData: input.personalData ?? false,
      label: input.label.trim(),
      createdAt: at,
      revokedAt: null,
    };
    await this.store.tokens.saveToken(token, this.audit('createToken', token.id, token.personId, actor, at));
    return { token, secret };
  }

  async revoke(tokenId: string, actor: Viewer): Promise<void> {
    if (actor.access !== 'ADMIN') throw new NotAllowed('revoke access tokens', 'keine Zugangsschlüssel widerrufen');
    const at = this.now().toISOString();
    const revoked = await this.store.tokens.revokeToken(
      tokenId,
      at,
      this.audit('revokeToken', tokenId, null, actor, at),
    );
    if (!revoked) throw new NotFound('AccessToken', tokenId);
    this.viewers.clear();
    this.events?.publish({ action: 'revokeToken', subjectIds: [tokenId], at, touched: { entityIds: [] } });
  }

  list(): Promise<AccessToken[]> {
    return this.store.tokens.listTokens();
  }

  private audit(action: string, tokenId: string, personId: string | null, actor: Viewer, at: string) {
    return {
      id: newAuditId(),
      at,
      actorId: actor.personId,
      action,
      subjectIds: personId ? [tokenId, personId] : [tokenId],
      details: {},
    };
  }
}
