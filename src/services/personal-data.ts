import type { Viewer } from '../domain/access.js';
import { NotAllowed } from '../domain/errors.js';
import type { GraphStore } from '../domain/ports/graph-store.port.js';

// Everything the hub stores about a person (GDPR Art. 15): their record, roles, links,
// meetings, requests, chat account links, access tokens (without secrets) and audit entries.

const EVER = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

export class PersonalData {
  constructor(private readonly store: GraphStore) {}

  export(viewer: Viewer): Promise<Record<string, unknown>> {
    return personalDataOf(this.store, viewer);
  }
}

async function personalDataOf(store: GraphStore, viewer: Viewer): Promise<Record<string, unknown>> {
  const personId = viewer.personId;
  if (!personId) throw new NotAllowed('export personal data without a linked account', 'personenbezogene Daten nur mit verknüpftem Konto abrufen');
  const [[person], [roles], [links], meetings, requests, chatLinks, tokens, audit] = await Promise.all([
    store.entitiesByIds([personId]),
    store.rolesOfPersons([personId]),
    store.linksOf([personId]),
    store.meetingsOf([personId], EVER.from, EVER.to),
    store.requestsOf(personId, 10_000),
    store.listState<{ personId: string }>('chat-link:'),
    store.listTokens(),
    store.auditOf(personId, 10_000),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    person,
    roles,
    links,
    meetings,
    requests,
    chatAccounts: chatLinks.filter((c) => c.value.personId === personId).map((c) => ({ account: c.key.slice('chat-link:'.length), ...c.value })),
    accessTokens: tokens.filter((t) => t.personId === personId).map(({ hash: _hash, ...rest }) => rest),
    auditEntries: audit,
  };
}
