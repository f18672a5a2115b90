import { kindOfId } from '../../domain/ids.js';
import type { District, Topic } from '../../domain/model.js';
import { NameLookup } from '../../domain/names.js';
import type { MunicipalityRef, NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkEvents } from './network-events.js';

// Names for forgiving matching (all municipalities, the kreisfreie Städte, all topics), read once
// and kept until a change touches a municipality, district or topic.

/** A town, or a kreisfreie Stadt (with its district record). */
export interface Place {
  id: string;
  name: string;
  city: District | null;
}

export class NameIndex {
  private municipalityList: Promise<MunicipalityRef[]> | null = null;
  private topicList: Promise<Topic[]> | null = null;
  private cityList: Promise<District[]> | null = null;
  private placeLookup: Promise<NameLookup<Place>> | null = null;

  constructor(
    private readonly store: NetworkStore,
    events?: NetworkEvents,
  ) {
    events?.subscribe((change) => {
      const kinds = change.touched?.entityIds.map(kindOfId);
      if (!kinds || kinds.some((k) => k === 'Municipality' || k === 'District' || k === 'Topic')) this.invalidate();
    });
  }

  municipalities(): Promise<MunicipalityRef[]> {
    this.municipalityList ??= this.store.municipalityDirectory().catch((error: unknown) => {
      this.municipalityList = null;
      throw error;
    });
    return this.municipalityList;
  }

  /** Kreisfreie Städte: places people name like towns, though each is a district of its own. */
  cities(): Promise<District[]> {
    this.cityList ??= this.store.listDistricts().then(
      (all) => all.filter((d) => d.districtKind === 'KREISFREIE_STADT'),
      (error: unknown) => {
        this.cityList = null;
        throw error;
      },
    );
    return this.cityList;
  }

  topics(): Promise<Topic[]> {
    this.topicList ??= this.store.listEntities({ kind: 'Topic', limit: 1000 }).then(
      (list) => list as Topic[],
      (error: unknown) => {
        this.topicList = null;
        throw error;
      },
    );
    return this.topicList;
  }

  /** Towns and kreisfreie Städte by name, for forgiving lookups (the city's own record where one is meant). */
  places(): Promise<NameLookup<Place>> {
    this.placeLookup ??= Promise.all([this.municipalities(), this.cities()]).then(
      ([towns, cities]) =>
        new NameLookup<Place>(
          [
            ...towns.map((t) => ({ id: t.id, name: t.name, city: null })),
            ...cities.map((c) => ({ id: c.id, name: c.name, city: c })),
          ],
          (p) => p.name,
        ),
      (error: unknown) => {
        this.placeLookup = null;
        throw error;
      },
    );
    return this.placeLookup;
  }

  invalidate(): void {
    this.placeLookup = null;
    this.municipalityList = null;
    this.topicList = null;
    this.cityList = null;
  }
}
