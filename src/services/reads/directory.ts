import DataLoader from 'dataloader';
import { InvalidInput } from '../../domain/errors.js';
import type {
  District,
  Entity,
  EntityKind,
  Link,
  Municipality,
  Revisioned,
  RoleAssignment,
} from '../../domain/model.js';
import type {
  EntityListQuery,
  MunicipalityRef,
  NetworkLifecycleStore,
  NetworkStore,
  StoreCounts,
} from '../../domain/ports/graph-store.port.js';
import { heldOn } from '../lifecycle/domain/revisions.js';
import { checkSearchText } from '../../domain/text.js';

// Reads for one request. Loaders gather the keys asked for while a request resolves and fetch
// them in one store call per kind of read, so round trips grow with the depth of a query, not
// with the number of items in it.

export const SEARCH_MAX_RESULTS = 100;

export class Directory {
  private readonly districts: DataLoader<string, District | null>;
  private readonly municipalities: DataLoader<string, Municipality[]>;
  private readonly entities: DataLoader<string, Entity | null>;
  private readonly roles: DataLoader<string, RoleAssignment[]>;
  private readonly scopedRoles: DataLoader<string, RoleAssignment[]>;
  private readonly links: DataLoader<string, Link[]>;

  /**
   * `day` (YYYY-MM-DD): roles and links as they stood that day, ended ones included where they
   * still held; without it, what holds now.
   */
  constructor(
    private readonly store: NetworkStore & { readonly lifecycle: NetworkLifecycleStore } & { readonly name: string },
    readonly day: string | null = null,
  ) {
    this.districts = new DataLoader((keys) => store.districtsByAgs(keys));
    this.entities = new DataLoader((keys) => store.entitiesByIds(keys));
    if (day) {
      const on = <T extends { since?: string | null; until?: string | null }>(lists: T[][]) =>
        lists.map((list) => list.filter((item) => heldOn(item, day)));
      // Municipalities merged away later still belonged to the district then.
      const existed = (m: Municipality & Revisioned) => (!m.until || m.until > day) && (!m.since || m.since <= day);
      this.municipalities = new DataLoader(async (keys) =>
        (await store.lifecycle.allMunicipalitiesOfDistricts(keys)).map((list) => list.filter(existed)),
      );
      this.roles = new DataLoader(async (keys) => on(await store.lifecycle.allRolesOfPersons(keys)));
      this.scopedRoles = new DataLoader(async (keys) => on(await store.lifecycle.allRolesInScopes(keys)));
      this.links = new DataLoader(async (keys) => on(await store.lifecycle.allLinksOf(keys)));
    } else {
      this.municipalities = new DataLoader((keys) => store.municipalitiesOfDistricts(keys));
      this.roles = new DataLoader((keys) => store.rolesOfPersons(keys));
      this.scopedRoles = new DataLoader((keys) => store.rolesInScopes(keys));
      this.links = new DataLoader((keys) => store.linksOf(keys));
    }
  }

  private readonly past = new Map<string, Directory>();

  /** Names of the municipalities that existed on this directory's day (merged ones before their merger). */
  async municipalityNamesOn(): Promise<MunicipalityRef[]> {
    const day = this.day;
    const all = await this.store.lifecycle.allMunicipalityDirectory();
    return day
      ? all.filter((m) => (!m.until || m.until > day) && (!m.since || m.since <= day))
      : all.filter((m) => !m.until);
  }

  /** Names of every municipality there ever was, merged ones with the day they ended. */
  municipalityNamesEver(): Promise<(MunicipalityRef & { since?: string | null; until?: string | null })[]> {
    return this.store.lifecycle.allMunicipalityDirectory();
  }

  /** The same reads as they stood on a day (YYYY-MM-DD), batched like these; one per day and request. */
  at(day: string): Directory {
    let dated = this.past.get(day);
    if (!dated) this.past.set(day, (dated = new Directory(this.store, day)));
    return dated;
  }

  /** Which store answers, and how much it holds (for the status command). */
  get storeName(): string {
    return this.store.name;
  }

  counts(): Promise<StoreCounts> {
    return this.store.counts();
  }

  async listDistricts(stateCode?: string): Promise<District[]> {
    const districts = await this.store.listDistricts(stateCode);
    for (const d of districts) this.districts.prime(d.ags, d);
    return districts;
  }

  district(ags: string): Promise<District | null> {
    return this.districts.load(ags);
  }

  municipalitiesOf(districtAgs: string): Promise<Municipality[]> {
    return this.municipalities.load(districtAgs);
  }

  entity(id: string): Promise<Entity | null> {
    return this.entities.load(id);
  }

  async entityOfKind<K extends EntityKind>(id: string, kind: K): Promise<Extract<Entity, { kind: K }> | null> {
    const found = await this.entities.load(id);
    return found?.kind === kind ? (found as Extract<Entity, { kind: K }>) : null;
  }

  rolesOfPerson(personId: string): Promise<RoleAssignment[]> {
    return this.roles.load(personId);
  }

  rolesIn(scopeId: string): Promise<RoleAssignment[]> {
    return this.scopedRoles.load(scopeId);
  }

  linksOf(id: string): Promise<Link[]> {
    return this.links.load(id);
  }

  /** One page of a listing; what it returns is primed for the rest of the request. */
  async list(query: EntityListQuery): Promise<Entity[]> {
    const found = await this.store.listEntities(query);
    for (const e of found) this.entities.prime(e.id, e);
    return found;
  }

  /** How many entities a listing's filters find in all. */
  count(query: Omit<EntityListQuery, 'after' | 'limit'>): Promise<number> {
    return this.store.countEntities(query);
  }

  /** Primes the loaders with an entity read elsewhere, so it is not read again in this request. */
  remember(entity: Entity): void {
    this.entities.prime(entity.id, entity);
  }

  async search(text: string, kinds: EntityKind[] | null, limit: number): Promise<Entity[]> {
    checkSearchText(text);
    if (limit < 1 || limit > SEARCH_MAX_RESULTS)
      throw new InvalidInput('limit', `must be between 1 and ${SEARCH_MAX_RESULTS}`);
    const found = await this.store.search(text, kinds, limit);
    for (const e of found) this.entities.prime(e.id, e);
    return found;
  }
}
