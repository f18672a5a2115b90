import type { Command } from '../core/command.js';
import { confirmCommand } from './confirm.command.js';
import { contactCommand } from './contact.command.js';
import { helpCommand } from './help.command.js';
import { languageCommand } from './language.command.js';
import { meCommand } from './me.command.js';
import { myDataCommand } from './my-data.command.js';
import { networkCommand } from './network.command.js';
import { mapCommand } from './map.command.js';
import { calendarCommand } from '../../src/features/meetings/calendar.command.js';
import { knowledgeCommand } from '../../src/features/knowledge/knowledge.command.js';
import { fundingCommand } from '../../src/features/funding/funding.command.js';
import { adviceCommand } from '../../src/features/advice/advice.command.js';
import { projectsCommand } from '../../src/features/projects/projects.command.js';
import {
  fixDateCommand,
  proposeDatesCommand,
  voteDatesCommand,
} from '../../src/features/meetings/date-poll.command.js';
import {
  decisionCommand,
  infoCommand,
  presentCommand,
  protocolCommand,
  taskCommand,
  tasksCommand,
} from '../../src/features/minutes/minutes.command.js';
import { decisionPollCommand } from '../../src/features/meetings/decision-poll.command.js';
import { notificationsCommand } from '../../src/features/notifications/notifications.command.js';
import { statusCommand } from './status.command.js';
import { whoCommand } from './who.command.js';
import {
  acceptRequestCommand,
  declineRequestCommand,
  resolveRequestCommand,
} from '../../src/features/requests/act-on-request.command.js';
import { fileRequestCommand } from '../../src/features/requests/file-request.command.js';
import { forwardRequestCommand } from '../../src/features/requests/forward-request.command.js';
import { listRequestsCommand } from '../../src/features/requests/list-requests.command.js';
import { listMeetingsCommand } from '../../src/features/meetings/list-meetings.command.js';
import { rsvpCommand } from '../../src/features/meetings/rsvp.command.js';
import {
  agendaCommand,
  cancelMeetingCommand,
  rescheduleMeetingCommand,
} from '../../src/features/meetings/change-meeting.command.js';
import { scheduleMeetingCommand } from '../../src/features/meetings/schedule-meeting.command.js';
import { editCommand } from './edit.command.js';
import { endRoleCommand, handoverCommand } from './end-role.command.js';
import { mergeCommand } from './merge.command.js';
import { proposeCommand, reviewCommand } from '../../src/features/proposals/proposals.command.js';
import { statisticsCommand } from './statistics.command.js';
import { historyCommand } from './history.command.js';
import { scheduledCommand } from '../../src/features/scheduled-changes/scheduled-changes.command.js';
import { suggestionsCommand } from '../../src/features/suggestions/suggestions.command.js';
import { undoCommand } from '../../src/features/undo/undo.command.js';

/** The command table, in the order help lists it. */
export const COMMANDS: readonly Command[] = [
  helpCommand,
  contactCommand,
  whoCommand,
  networkCommand,
  mapCommand,
  fileRequestCommand,
  listRequestsCommand,
  statisticsCommand,
  historyCommand,
  scheduledCommand,
  suggestionsCommand,
  undoCommand,
  acceptRequestCommand,
  forwardRequestCommand,
  resolveRequestCommand,
  declineRequestCommand,
  scheduleMeetingCommand,
  rsvpCommand,
  proposeDatesCommand,
  voteDatesCommand,
  fixDateCommand,
  listMeetingsCommand,
  rescheduleMeetingCommand,
  cancelMeetingCommand,
  agendaCommand,
  calendarCommand,
  knowledgeCommand,
  fundingCommand,
  adviceCommand,
  projectsCommand,
  infoCommand,
  decisionCommand,
  decisionPollCommand,
  taskCommand,
  protocolCommand,
  presentCommand,
  tasksCommand,
  meCommand,
  proposeCommand,
  myDataCommand,
  languageCommand,
  notificationsCommand,
  confirmCommand,
  editCommand,
  endRoleCommand,
  handoverCommand,
  mergeCommand,
  reviewCommand,
  statusCommand,
];
