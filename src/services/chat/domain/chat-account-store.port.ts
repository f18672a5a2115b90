import type { Language } from '../../../domain/errors.js';

// Chat accounts as records: an account (transport and user id) with the language it reads in and,
// once claimed, the person it stands for (pending until a coordinator confirms it). A row of
// chat_accounts on the embedded store; (:ChatAccount)-[:STANDS_FOR]->(:Person) in Neo4j.

export type Transport = 'matrix' | 'discord' | 'console';

export interface ChatUser {
  transport: Transport;
  userId: string;
}

export interface ChatLink {
  personId: string;
  status: 'pending' | 'confirmed';
  requestedAt: string;
  confirmedBy: string | null;
}

export interface ChatAccountStore {
  /** The account's link (null: none) and language (null: not chosen). */
  chatAccount(user: ChatUser): Promise<{ link: ChatLink | null; language: Language | null }>;
  saveChatLink(user: ChatUser, link: ChatLink): Promise<void>;
  /** The account keeps its language, not its person. */
  removeChatLink(user: ChatUser): Promise<void>;
  setChatLanguage(user: ChatUser, language: Language): Promise<void>;
  /** Linked accounts, of some people and of one transport and status where given. */
  chatLinks(filter?: {
    personIds?: readonly string[];
    transport?: Transport;
    status?: ChatLink['status'];
  }): Promise<{ user: ChatUser; link: ChatLink }[]>;
  /** After a merge: the accounts of one person stand for another. */
  moveChatLinks(fromId: string, toId: string): Promise<void>;
  /** Erasure: the accounts linked to the person are forgotten, with their languages. */
  forgetChatAccountsOf(personId: string): Promise<void>;
}
