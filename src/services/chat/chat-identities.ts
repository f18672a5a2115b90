import type { Viewer } from '../access/domain/access.js';
import { levelOfRoles, levelReaches } from '../access/domain/policy.js';
import { ANONYMOUS } from '../access/domain/access.js';
import { AccountAlreadyLinked, InvalidInput, NotAllowed, NotFound, type Language } from '../../domain/errors.js';
import { isCoordinator } from '../access/domain/privacy.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { ChatAccountStore, ChatLink, ChatUser, Transport } from './domain/chat-account-store.port.js';
import { districtsOfRoles } from '../reads/districts-of.js';
import { Notifiers, type Notifier } from './notifiers.js';
import { districtId } from '../../domain/ids.js';
import type { NetworkEvents } from '../reads/network-events.js';

// Who a chat account is. A person asks to link their account to their record; a coordinator
// or admin confirms it. Until then the account is anonymous: nobody can claim to be somebody.
// The bots and the map's widget sign-in share this.

export type { ChatLink, ChatUser, Transport } from './domain/chat-account-store.port.js';

/** An account's key in this instance's memory (never a key in the store). */
const accountKey = (u: ChatUser) => `${u.transport}:${u.userId}`;
type Account = { link: ChatLink | null; language: Language | null };

/**
 * How long a link or language is taken from memory. Writes here, on other instances (through
 * Redis) and by other processes (the store's change counter) clear it at once; this bounds what
 * an instance without Redis could miss.
 */
const CACHE_MS = 15_000;
const ACCOUNT_CHANGES = new Set(['chatAccountChanged', 'erasePerson', 'mergeRecords']);

/** Who confirms the accounts of people holding roles there: the district's coordinating people. */
const CONFIRMING_ROLES = new Set(['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE']);

export class ChatIdentities {
  /** Accounts whose person is known without confirmation: the local console only. */
  private readonly trusted = new Map<string, string>();
  private readonly notifiers = new Notifiers('account');

  addNotifier(notifier: Notifier): void {
    this.notifiers.add(notifier);
  }

  removeNotifier(notifier: Notifier): void {
    this.notifiers.remove(notifier);
  }

  /** Accounts as last read or written, for a while: a chat message reads neither from the store. */
  private readonly cache = new Map<string, { value: Account; until: number }>();

  constructor(
    private readonly store: NetworkStore & { readonly chatAccounts: ChatAccountStore },
    private readonly now: () => Date = () => new Date(),
    /** Told of every link written here (other instances drop their cache); tells of links written elsewhere. */
    private readonly events?: NetworkEvents,
  ) {
    events?.subscribe((change) => {
      // Accounts linked elsewhere, a person erased or merged, or a write by another process: read again.
      if (!change.touched || ACCOUNT_CHANGES.has(change.action)) this.cache.clear();
    });
  }

  /** For the console, run by someone with access to the server: speak as this person. */
  trust(user: ChatUser, personId: string): void {
    this.trusted.set(accountKey(user), personId);
  }

  async link(user: ChatUser): Promise<ChatLink | null> {
    const trusted = this.trusted.get(accountKey(user));
    if (trusted)
      return { personId: trusted, status: 'confirmed', requestedAt: this.now().toISOString(), confirmedBy: null };
    return (await this.read(user)).link;
  }

  async viewerFor(user: ChatUser): Promise<Viewer> {
    const link = await this.link(user);
    if (link?.status !== 'confirmed') return ANONYMOUS;
    return this.viewerOfPerson(link.personId);
  }

  /** The access a person's network roles give them in chat. */
  async viewerOfPerson(personId: string): Promise<Viewer> {
    const [roles] = await this.store.rolesOfPersons([personId]);
    const held = (roles ?? []).map((r) => r.role);
    return {
      personId,
      access: levelOfRoles(held),
      districtAgs: null,
      personalData: held.includes('ADMIN'),
      roles: held,
    };
  }

  /** Asks to be linked; answers the claim and how many coordinators were told of it (none before any is linked). */
  async requestLink(user: ChatUser, personId: string): Promise<ChatLink & { confirmersTold: number }> {
    const [person] = await this.store.entitiesByIds([personId]);
    if (person?.kind !== 'Person') throw new NotFound('Person', personId);
    const link: ChatLink = { personId, status: 'pending', requestedAt: this.now().toISOString(), confirmedBy: null };
    await this.writeLink(user, link);
    const confirmers = await this.confirmersOf(personId);
    const linked = await this.linkedPeople();
    await this.notifiers.tell(confirmers, {
      type: 'chatLinkRequested',
      userId: user.userId,
      personId,
      personName: person.name,
    });
    return { ...link, confirmersTold: confirmers.filter((id) => linked.has(id)).length };
  }

  /**
   * The claims waiting for this confirmer: those they may confirm (by the rules of `confirm`),
   * made before or after they were linked, oldest first.
   */
  async waitingFor(confirmer: Viewer): Promise<{ user: ChatUser; link: ChatLink }[]> {
    if (!isCoordinator(confirmer) || !confirmer.personId) return [];
    const waiting = await this.store.chatAccounts.chatLinks({ status: 'pending' });
    const found: { user: ChatUser; link: ChatLink }[] = [];
    for (const { user, link } of waiting)
      if (await this.mayConfirm(link.personId, confirmer)) found.push({ user, link });
    return found.sort((a, b) => a.link.requestedAt.localeCompare(b.link.requestedAt));
  }

  private async mayConfirm(personId: string, confirmer: Viewer): Promise<boolean> {
    try {
      await this.checkConfirmer(personId, confirmer);
      return true;
    } catch (error) {
      if (error instanceof NotAllowed) return false;
      throw error;
    }
  }

  /** The coordinating people of the districts where the person holds roles (not the person). */
  private async confirmersOf(personId: string): Promise<string[]> {
    const [roles] = await this.store.rolesOfPersons([personId]);
    const districts = await districtsOfRoles(this.store, roles ?? []);
    if (districts.size === 0) return [];
    const scopes = [...districts].map((ags) => districtId(ags));
    const inScopes = await this.store.rolesInScopes(scopes);
    return [
      ...new Set(
        inScopes
          .flat()
          .filter((r) => CONFIRMING_ROLES.has(r.role) && r.personId !== personId)
          .map((r) => r.personId),
      ),
    ];
  }

  private async tellConfirmed(user: ChatUser, link: ChatLink): Promise<void> {
    await this.notifiers.tell([link.personId], { type: 'chatLinkConfirmed', userId: user.userId });
  }

  /**
   * Confirms the link a chat account asked for, to the person the confirmer names: a claim
   * swapped after they looked is not confirmed. Nobody confirms their own accounts, a person
   * above their own level, or (unless admin) a person outside the districts they work in.
   */
  async confirm(
    user: ChatUser,
    confirmer: Viewer,
    expectedPersonId?: string,
    options: { replace?: boolean } = {},
  ): Promise<ChatLink> {
    if (!isCoordinator(confirmer) || !confirmer.personId) {
      throw new NotAllowed('confirm chat accounts', 'keine Chat-Konten bestätigen');
    }
    const link = await this.link(user);
    if (!link) throw new NotFound('ChatAccount', user.userId);
    if (expectedPersonId !== undefined && link.personId !== expectedPersonId) {
      throw new NotAllowed(
        `confirm this link: ${user.userId} asks to be ${link.personId}, not ${expectedPersonId}`,
        `diese Verknüpfung nicht bestätigen: ${user.userId} möchte als ${link.personId} verknüpft werden, nicht als ${expectedPersonId}`,
      );
    }
    await this.checkConfirmer(link.personId, confirmer);
    // A person's confirmed account is never replaced unawares: the confirmer says so, and the
    // account that loses the person is told before it happens.
    const existing = (
      await this.store.chatAccounts.chatLinks({ personIds: [link.personId], status: 'confirmed' })
    ).filter((e) => accountKey(e.user) !== accountKey(user));
    if (existing.length && !options.replace) throw new AccountAlreadyLinked(link.personId, existing.length);
    if (existing.length) {
      const [me] = await this.store.entitiesByIds([confirmer.personId]);
      await this.notifiers.tell([link.personId], {
        type: 'chatLinkReplaced',
        userId: existing.map((e) => e.user.userId).join(', '),
        replacedBy: user.userId,
        confirmerName: me?.name ?? '',
      });
      for (const e of existing) await this.removeLink(e.user);
    }
    const confirmed: ChatLink = { ...link, status: 'confirmed', confirmedBy: confirmer.personId };
    await this.writeLink(user, confirmed);
    await this.tellConfirmed(user, confirmed);
    return confirmed;
  }

  /** Nobody confirms their own accounts, a person above their level, or (unless admin) someone outside their districts. */
  private async checkConfirmer(personId: string, confirmer: Viewer): Promise<void> {
    if (personId === confirmer.personId) {
      throw new NotAllowed('confirm an account of your own', 'kein eigenes Konto bestätigen');
    }
    const [claimedRoles, confirmerRoles] = await this.store.rolesOfPersons([personId, confirmer.personId!]);
    if (!levelReaches(confirmer.access, levelOfRoles((claimedRoles ?? []).map((r) => r.role)))) {
      throw new NotAllowed(
        'confirm a person whose access is above your own',
        'keine Person bestätigen, deren Zugang über Ihrem liegt',
      );
    }
    // Whose district cannot be established (no role) is confirmed by admins only, as every write to them.
    if (confirmer.access !== 'ADMIN' && (claimedRoles ?? []).length === 0)
      throw new NotAllowed(
        'confirm a person who holds no role in any district (admins do)',
        'keine Person bestätigen, die in keinem Kreis eine Rolle hat (das tun Admins)',
      );
    if (confirmer.access !== 'ADMIN') {
      const [theirs, ours] = await Promise.all([
        districtsOfRoles(this.store, claimedRoles ?? []),
        districtsOfRoles(this.store, confirmerRoles ?? []),
      ]);
      if (confirmer.districtAgs) ours.add(confirmer.districtAgs);
      if (![...theirs].some((ags) => ours.has(ags))) {
        throw new NotAllowed(
          'confirm people outside the districts you work in',
          'keine Personen außerhalb Ihrer Kreise bestätigen',
        );
      }
    }
  }

  /**
   * Links an account to a person on an admin's or the operator's word (GraphQL confirmChatLink,
   * `npm run link`): how the first accounts, the admins' own among them, get linked. No request
   * from the account is needed; an admin may not link an account to themselves.
   */
  async linkByAdmin(user: ChatUser, personId: string, admin: Viewer | 'operator'): Promise<ChatLink> {
    if (admin !== 'operator' && admin.access !== 'ADMIN')
      throw new NotAllowed(
        'link chat accounts directly (admins do)',
        'keine Chat-Konten direkt verknüpfen (das tun Admins)',
      );
    if (admin !== 'operator' && admin.personId === personId)
      throw new NotAllowed('link an account to yourself', 'kein Konto mit Ihrer eigenen Person verknüpfen');
    if (!/^[@\w][\w.:=\-/#@]{0,254}$/.test(user.userId))
      throw new InvalidInput('account', 'is not a chat account', { field: 'Konto', problem: 'ist kein Chat-Konto' });
    const [person] = await this.store.entitiesByIds([personId]);
    if (person?.kind !== 'Person') throw new NotFound('Person', personId);
    const link: ChatLink = {
      personId,
      status: 'confirmed',
      requestedAt: this.now().toISOString(),
      confirmedBy: admin === 'operator' ? 'operator' : admin.personId,
    };
    await this.writeLink(user, link);
    await this.tellConfirmed(user, link);
    return link;
  }

  /** The confirmed chat accounts of a person on one transport, for notifications. */
  /** Everyone with at least one confirmed chat account: who can be asked in chat. */
  async linkedPeople(): Promise<Set<string>> {
    return new Set((await this.store.chatAccounts.chatLinks({ status: 'confirmed' })).map((e) => e.link.personId));
  }

  /** After two records of a person merged: their chat accounts belong to the survivor. */
  async movePerson(fromId: string, toId: string): Promise<void> {
    await this.store.chatAccounts.moveChatLinks(fromId, toId);
    this.changed();
  }

  async accountsOf(personId: string, transport: Transport): Promise<string[]> {
    const entries = await this.store.chatAccounts.chatLinks({ personIds: [personId], transport, status: 'confirmed' });
    return entries.map((e) => e.user.userId);
  }

  /** The confirmed accounts of several people on a transport, read in one go. */
  async accountsOfPeople(personIds: readonly string[], transport: Transport): Promise<Map<string, string[]>> {
    const accounts = new Map<string, string[]>();
    for (const { user, link } of await this.store.chatAccounts.chatLinks({ personIds, transport, status: 'confirmed' }))
      accounts.set(link.personId, [...(accounts.get(link.personId) ?? []), user.userId]);
    return accounts;
  }

  async pending(): Promise<{ userId: string; link: ChatLink }[]> {
    return (await this.store.chatAccounts.chatLinks({ status: 'pending' })).map((e) => ({
      userId: e.user.userId,
      link: e.link,
    }));
  }

  async language(user: ChatUser): Promise<Language> {
    return (await this.read(user)).language ?? 'de';
  }

  async setLanguage(user: ChatUser, language: Language): Promise<void> {
    await this.store.chatAccounts.setChatLanguage(user, language);
    this.remember(user, { ...(await this.store.chatAccounts.chatAccount(user)), language });
  }

  /** Only an instance that is told of changes (events) keeps accounts in memory. */
  private async read(user: ChatUser): Promise<Account> {
    if (!this.events) return this.store.chatAccounts.chatAccount(user);
    const cached = this.cache.get(accountKey(user));
    if (cached && cached.until > Date.now()) return cached.value;
    const value = await this.store.chatAccounts.chatAccount(user);
    this.cache.set(accountKey(user), { value, until: Date.now() + CACHE_MS });
    return value;
  }

  private remember(user: ChatUser, value: Account): void {
    this.changed();
    this.cache.set(accountKey(user), { value, until: Date.now() + CACHE_MS });
  }

  private async removeLink(user: ChatUser): Promise<void> {
    await this.store.chatAccounts.removeChatLink(user);
    this.cache.delete(accountKey(user));
    this.changed();
  }

  private async writeLink(user: ChatUser, link: ChatLink): Promise<void> {
    await this.store.chatAccounts.saveChatLink(user, link);
    const language = this.cache.get(accountKey(user))?.value.language ?? null;
    this.remember(user, { link, language });
  }

  /** Other instances drop what they keep of accounts. */
  private changed(): void {
    this.cache.clear();
    this.events?.publish({
      action: 'chatAccountChanged',
      subjectIds: [],
      at: this.now().toISOString(),
      touched: { entityIds: [] },
    });
  }
}
