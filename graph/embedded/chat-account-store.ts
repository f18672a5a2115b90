import type Database from 'better-sqlite3';
import type { Language } from '../../src/domain/errors.js';
import type {
  ChatAccountStore,
  ChatLink,
  ChatUser,
  Transport,
} from '../../src/services/chat/domain/chat-account-store.port.js';

// Chat accounts in SQLite: one row per account with its language and (once claimed) its person.

interface AccountRow {
  transport: Transport;
  user_id: string;
  person_id: string | null;
  status: ChatLink['status'] | null;
  requested_at: string | null;
  confirmed_by: string | null;
  language: Language | null;
}

function linkOf(row: AccountRow): ChatLink | null {
  if (!row.person_id || !row.status) return null;
  return { personId: row.person_id, status: row.status, requestedAt: row.requested_at!, confirmedBy: row.confirmed_by };
}

function writeChatLink(db: Database.Database, user: ChatUser, link: ChatLink): void {
  db.prepare(
    `INSERT INTO chat_accounts (transport, user_id, person_id, status, requested_at, confirmed_by)
     VALUES (@transport, @user_id, @person_id, @status, @requested_at, @confirmed_by)
     ON CONFLICT(transport, user_id) DO UPDATE SET person_id = excluded.person_id, status = excluded.status,
       requested_at = excluded.requested_at, confirmed_by = excluded.confirmed_by`,
  ).run({
    transport: user.transport,
    user_id: user.userId,
    person_id: link.personId,
    status: link.status,
    requested_at: link.requestedAt,
    confirmed_by: link.confirmedBy,
  });
}

function writeChatLanguage(db: Database.Database, user: ChatUser, language: Language): void {
  db.prepare(
    `INSERT INTO chat_accounts (transport, user_id, language) VALUES (?, ?, ?)
     ON CONFLICT(transport, user_id) DO UPDATE SET language = excluded.language`,
  ).run(user.transport, user.userId, language);
}

export class EmbeddedChatAccountStore implements ChatAccountStore {
  constructor(private readonly db: Database.Database) {}

  async chatAccount(user: ChatUser): Promise<{ link: ChatLink | null; language: Language | null }> {
    const row = this.db
      .prepare('SELECT * FROM chat_accounts WHERE transport = ? AND user_id = ?')
      .get(user.transport, user.userId) as AccountRow | undefined;
    return { link: row ? linkOf(row) : null, language: row?.language ?? null };
  }

  async saveChatLink(user: ChatUser, link: ChatLink): Promise<void> {
    writeChatLink(this.db, user, link);
  }

  async removeChatLink(user: ChatUser): Promise<void> {
    this.db
      .prepare(
        `UPDATE chat_accounts SET person_id = NULL, status = NULL, requested_at = NULL, confirmed_by = NULL
         WHERE transport = ? AND user_id = ?`,
      )
      .run(user.transport, user.userId);
  }

  async setChatLanguage(user: ChatUser, language: Language): Promise<void> {
    writeChatLanguage(this.db, user, language);
  }

  async chatLinks(
    filter: { personIds?: readonly string[]; transport?: Transport; status?: ChatLink['status'] } = {},
  ): Promise<{ user: ChatUser; link: ChatLink }[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM chat_accounts WHERE person_id IS NOT NULL
           AND (@people IS NULL OR person_id IN (SELECT value FROM json_each(@people)))
           AND (@transport IS NULL OR transport = @transport) AND (@status IS NULL OR status = @status)
         ORDER BY transport, user_id`,
      )
      .all({
        people: filter.personIds ? JSON.stringify(filter.personIds) : null,
        transport: filter.transport ?? null,
        status: filter.status ?? null,
      }) as AccountRow[];
    return rows.map((r) => ({ user: { transport: r.transport, userId: r.user_id }, link: linkOf(r)! }));
  }

  async moveChatLinks(fromId: string, toId: string): Promise<void> {
    this.db.prepare('UPDATE chat_accounts SET person_id = ? WHERE person_id = ?').run(toId, fromId);
  }

  async forgetChatAccountsOf(personId: string): Promise<void> {
    this.db.prepare('DELETE FROM chat_accounts WHERE person_id = ?').run(personId);
  }
}
