import { kindOfId } from '../../domain/ids.js';
import type { District, Topic } from '../../domain/model.js';
import type { MunicipalityRef, NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkEvents } from './network-events.js';

// Names for forgiving matching (all municipalities, the kreisfreie Städte, all topics), read once
// and kept until a change touches a municipality, district or topic.

export class NameIndex {
  private municipalityList: Promise<MunicipalityRef[]> | null = null;
  private topicList: Promise<Topic[]> | null = null;
  private cityList: Promise<District[]> | null = null;

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

  invalidate(): void {
    this.municipalityList = null;
    this.topicList = null;
    this.cityList = null;
  }
}
