import type { Viewer } from '../../src/services/access/domain/access.js';
import type { Language } from '../../src/domain/errors.js';
import type { ContactChannel, Person, Role } from '../../src/domain/model.js';
import { displayName, visibleChannels, type Pseudonyms } from '../../src/services/access/domain/privacy.js';
import type { Inline } from '../core/reply.js';

// How people appear in chat replies: the name the asker may know, and the channels they may see.

const CHANNEL_LABEL: Record<ContactChannel['channel'], Record<Language, string>> = {
  EMAIL: { de: 'E-Mail', en: 'Email' },
  PHONE: { de: 'Telefon', en: 'Phone' },
  MATRIX: { de: 'Matrix', en: 'Matrix' },
  DISCORD: { de: 'Discord', en: 'Discord' },
};

export { ROLE_LABEL } from '../../src/domain/role-labels.js';

export interface PersonView {
  name: string;
  channels: ContactChannel[];
  /** True when a channel shown is not public: the reply belongs in a direct chat. */
  hasPrivateChannels: boolean;
}

export function personView(viewer: Viewer, person: Person, roles: readonly Role[], keys: Pseudonyms): PersonView {
  const channels = visibleChannels(viewer, person.id, person.channels);
  return {
    name: displayName(viewer, person, roles, keys),
    channels,
    hasPrivateChannels: channels.some((c) => c.visibility !== 'PUBLIC'),
  };
}

export function channelParts(channels: readonly ContactChannel[], language: Language): Inline[] {
  return channels.flatMap((c, i) => [
    i === 0 ? ' – ' : ', ',
    `${CHANNEL_LABEL[c.channel][language]}: `,
    c.channel === 'EMAIL' ? { link: c.value, href: `mailto:${c.value}` } : c.value,
  ]);
}
