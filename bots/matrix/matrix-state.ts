import { StateSlot } from '../../src/domain/ports/state-slots.js';

// What the Matrix transport keeps in the hub's key-value state: typed slots like those of
// src/domain/ports/state-slots.ts, declared here because only this transport knows them.

export const MATRIX_STATE = {
  invitation: new StateSlot<{ meetingId: string; personId: string }>(
    'matrix-invitation',
    'invitation messages sent on Matrix, by event id (their reactions are answers)',
  ),
  datePoll: new StateSlot<{ pollId: string; personId: string }>(
    'matrix-date-poll',
    'date polls offered on Matrix, by event id',
  ),
  datePollSent: new StateSlot<{ roomId: string; userId: string }>(
    'matrix-date-poll-sent',
    'where a date poll was offered on Matrix, to close it when fixed',
  ),
  decisionPoll: new StateSlot<{ pollId: string }>('matrix-decision-poll', 'decision polls started on Matrix'),
  decisionPollSent: new StateSlot<{ roomId: string; eventId: string }>(
    'matrix-decision-poll-sent',
    'where a decision poll was started on Matrix',
  ),
  cryptoStore: new StateSlot<string>(
    'matrix-crypto-store',
    "the bot device's keys, sessions and room keys, sealed with the hub's secret",
  ),
  handling: new StateSlot<unknown>(
    'matrix-handling',
    'a chat message claimed and not yet answered (answered again after a crash)',
  ),
  direct: new StateSlot<string>('matrix-direct', "the bot's direct room with a Matrix user"),
  joined: new StateSlot<number>('matrix-joined', 'when the bot joined a room (older events are not answered)'),
  meetingRoom: new StateSlot('matrix-meeting-room', "a meeting's (or series') Matrix room"),
  roomMeeting: new StateSlot<{ key: string }>('matrix-room-meeting', 'the meeting a Matrix room belongs to'),
} as const;

export const MATRIX_CLAIMS = {
  welcome: new StateSlot('matrix-welcome', 'the welcome in a Matrix room'),
  event: new StateSlot('matrix-event', 'a Matrix event handled'),
} as const;
