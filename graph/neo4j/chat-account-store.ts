import type { ManagedTransaction } from 'neo4j-driver';
import type { Language } from '../../src/domain/errors.js';
import type {
  ChatAccountStore,
  ChatLink,
  ChatUser,
  Transport,
} from '../../src/services/chat/domain/chat-account-store.port.js';
import type { Neo4jSessions } from './sessions.js';

// Chat accounts in Neo4j: (:ChatAccount {transport, userId, language, status, requestedAt,
// confirmedBy, personId})-[:STANDS_FOR]->(:Person) while linked (pending or confirmed).

function toLink(p: Record<string, unknown>): ChatLink | null {
  if (!p.personId || !p.status) return null;
  return {
    personId: p.personId as string,
    status: p.status as ChatLink['status'],
    requestedAt: p.requestedAt as string,
    confirmedBy: (p.confirmedBy as string | undefined) ?? null,
  };
}

async function writeChatLink(tx: ManagedTransaction, user: ChatUser, link: ChatLink): Promise<void> {
  await tx.run(
    `MERGE (a:ChatAccount {transport: $transport, userId: $userId})
     SET a.personId = $link.personId, a.status = $link.status, a.requestedAt = $link.requestedAt,
         a.confirmedBy = $link.confirmedBy
     WITH a
     OPTIONAL MATCH (a)-[old:STANDS_FOR]->()
     DELETE old
     WITH DISTINCT a
     OPTIONAL MATCH (p:Entity {id: $link.personId})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (a)-[:STANDS_FOR]->(p))`,
    { ...user, link },
  );
}

async function writeChatLanguage(tx: ManagedTransaction, user: ChatUser, language: Language): Promise<void> {
  await tx.run('MERGE (a:ChatAccount {transport: $transport, userId: $userId}) SET a.language = $language', {
    ...user,
    language,
  });
}

export class Neo4jChatAccountStore implements ChatAccountStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async chatAccount(user: ChatUser): Promise<{ link: ChatLink | null; language: Language | null }> {
    const result = await this.sessions.read((tx) =>
      tx.run('MATCH (a:ChatAccount {transport: $transport, userId: $userId}) RETURN a', { ...user }),
    );
    const a = (result.records[0]?.get('a') as { properties: Record<string, unknown> } | undefined)?.properties;
    return { link: a ? toLink(a) : null, language: (a?.language as Language | undefined) ?? null };
  }

  async saveChatLink(user: ChatUser, link: ChatLink): Promise<void> {
    await this.sessions.write((tx) => writeChatLink(tx, user, link));
  }

  async removeChatLink(user: ChatUser): Promise<void> {
    await this.sessions.write((tx) =>
      tx.run(
        `MATCH (a:ChatAccount {transport: $transport, userId: $userId})
         REMOVE a.personId, a.status, a.requestedAt, a.confirmedBy
         WITH a OPTIONAL MATCH (a)-[old:STANDS_FOR]->() DELETE old`,
        { ...user },
      ),
    );
  }

  async setChatLanguage(user: ChatUser, language: Language): Promise<void> {
    await this.sessions.write((tx) => writeChatLanguage(tx, user, language));
  }

  async chatLinks(
    filter: { personIds?: readonly string[]; transport?: Transport; status?: ChatLink['status'] } = {},
  ): Promise<{ user: ChatUser; link: ChatLink }[]> {
    const result = await this.sessions.read((tx) =>
      tx.run(
        `MATCH (a:ChatAccount) WHERE a.personId IS NOT NULL
           AND ($people IS NULL OR a.personId IN $people)
           AND ($transport IS NULL OR a.transport = $transport) AND ($status IS NULL OR a.status = $status)
         RETURN a ORDER BY a.transport, a.userId`,
        { people: filter.personIds ?? null, transport: filter.transport ?? null, status: filter.status ?? null },
      ),
    );
    return result.records.map((r) => {
      const a = (r.get('a') as { properties: Record<string, unknown> }).properties;
      return { user: { transport: a.transport as Transport, userId: a.userId as string }, link: toLink(a)! };
    });
  }

  async moveChatLinks(fromId: string, toId: string): Promise<void> {
    await this.sessions.write(async (tx) => {
      const moved = await tx.run(
        'MATCH (a:ChatAccount {personId: $fromId}) RETURN a.transport AS transport, a.userId AS userId, a AS node',
        { fromId },
      );
      for (const r of moved.records) {
        const p = (r.get('node') as { properties: Record<string, unknown> }).properties;
        const link = toLink(p)!;
        await writeChatLink(
          tx,
          { transport: r.get('transport') as Transport, userId: r.get('userId') as string },
          { ...link, personId: toId },
        );
      }
    });
  }

  async forgetChatAccountsOf(personId: string): Promise<void> {
    await this.sessions.write((tx) =>
      tx.run('MATCH (a:ChatAccount {personId: $personId}) DETACH DELETE a', { personId }),
    );
  }
}

/** Migration: links and languages kept as shared state (chat-link:, chat-language:) become accounts. */
export async function moveChatAccountsOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run(
    `MATCH (s:SharedState) WHERE s.key STARTS WITH 'chat-link:' OR s.key STARTS WITH 'chat-language:'
     RETURN s.key AS key, s.value AS value`,
  );
  for (const r of state.records) {
    const [prefix, transport, ...rest] = (r.get('key') as string).split(':');
    const user = { transport: transport as Transport, userId: rest.join(':') };
    const value = JSON.parse(r.get('value') as string) as ChatLink | Language;
    if (prefix === 'chat-link') await writeChatLink(tx, user, value as ChatLink);
    else await writeChatLanguage(tx, user, value as Language);
  }
  await tx.run(
    "MATCH (s:SharedState) WHERE s.key STARTS WITH 'chat-link:' OR s.key STARTS WITH 'chat-language:' DELETE s",
  );
}
