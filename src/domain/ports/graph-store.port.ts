import type { AccessStore } from '../../services/access/domain/access-store.port.js';
import type { CoordinationStore } from './coordination-store.port.js';
import type { MeetingStore } from '../../features/meetings/domain/meeting-store.port.js';
import type { NetworkLifecycleStore } from '../../services/lifecycle/domain/network-lifecycle.port.js';
import type { NetworkStore, NetworkWriteStore } from './network-store.port.js';
import type { RequestStore } from '../../features/requests/domain/request-store.port.js';
import type { KnowledgeStore } from '../../features/knowledge/domain/knowledge-store.port.js';
import type { MinutesStore } from '../../features/minutes/domain/minutes-store.port.js';
import type { FundingStore } from '../../features/funding/domain/funding-store.port.js';
import type { AdviceStore } from '../../features/advice/domain/advice-store.port.js';
import type { ProposalStore } from '../../features/proposals/domain/proposal-store.port.js';
import type { PollStore } from '../../features/meetings/domain/poll-store.port.js';
import type { ChatAccountStore } from '../../services/chat/domain/chat-account-store.port.js';
import type { NotificationSettingsStore } from '../../features/notifications/domain/notification-settings-store.port.js';
import type { ScheduledChangeStore } from '../../features/scheduled-changes/domain/scheduled-change-store.port.js';
import type { SuggestionFeedbackStore } from '../../features/suggestions/domain/feedback-store.port.js';

// A store adapter is one database: the network's reads on the store itself, every other
// aggregate's port as a property (store.requests, store.meetings, …), each a small adapter class.
// Services take only the parts they use (`NetworkStore & { readonly requests: RequestStore }`), so what a piece
// of code may touch shows in its constructor.

export type * from '../../services/access/domain/access-store.port.js';
export type * from './coordination-store.port.js';
export type * from '../../features/meetings/domain/meeting-store.port.js';
export type * from '../../services/lifecycle/domain/network-lifecycle.port.js';
export type * from '../../features/requests/domain/request-store.port.js';
export type * from '../../features/knowledge/domain/knowledge-store.port.js';
export type * from '../../features/minutes/domain/minutes-store.port.js';
export type * from '../../features/funding/domain/funding-store.port.js';
export type * from '../../features/advice/domain/advice-store.port.js';
export type * from '../../features/proposals/domain/proposal-store.port.js';
export type * from '../../features/meetings/domain/poll-store.port.js';
export type * from '../../services/chat/domain/chat-account-store.port.js';
export type * from '../../features/notifications/domain/notification-settings-store.port.js';
export type * from '../../features/scheduled-changes/domain/scheduled-change-store.port.js';
export type {
  CurrentState,
  EntityListQuery,
  EntityName,
  MunicipalityRef,
  NetworkSnapshot,
  NetworkStore,
  NetworkWriteStore,
  StoreCounts,
} from './network-store.port.js';
export { lastChecked, listParameters } from './network-store.port.js';

export interface GraphStore extends NetworkStore {
  readonly name: 'embedded' | 'neo4j';
  /** Writes of new network records, the audit and the change counter. */
  readonly writes: NetworkWriteStore;
  /** Revisions that change, end, merge and delete, and reads that include what has ended. */
  readonly lifecycle: NetworkLifecycleStore;
  /** Access tokens. */
  readonly tokens: AccessStore;
  /** Requests routed through the district coordination. */
  readonly requests: RequestStore;
  /** Meetings and their invitations. */
  readonly meetings: MeetingStore;
  /** The knowledge base: articles, their versions and full-text search. */
  readonly knowledge: KnowledgeStore;
  /** Technical state behind typed slots, exactly-once claims and leases. */
  readonly coordination: CoordinationStore;
  /** The minutes of meetings: a feature's records behind its own port (one small adapter per store). */
  readonly minutes: MinutesStore;
  /** Funding calls and the topics people follow. */
  readonly funding: FundingStore;
  /** Advice offers of coordinators for institutions. */
  readonly advice: AdviceStore;
  /** Members' change proposals and their review. */
  readonly proposals: ProposalStore;
  /** Decision polls in meetings and date polls for new ones, a record per vote. */
  readonly polls: PollStore;
  /** Chat accounts: who they stand for and the language they read in. */
  readonly chatAccounts: ChatAccountStore;
  /** What reaches each person where. */
  readonly notificationSettings: NotificationSettingsStore;
  /** Changes of the network that take effect on a later day. */
  readonly scheduledChanges: ScheduledChangeStore;
  readonly suggestionFeedback: SuggestionFeedbackStore;
  /** Checks the store answers; throws StoreUnavailable when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Removes everything: for seeding anew and for tests. */
  deleteEverything(): Promise<void>;
}
