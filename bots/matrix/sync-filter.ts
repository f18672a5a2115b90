// What the bot asks the homeserver to leave out of its /sync: presence, typing notifications and
// read receipts (none of which the bot reads) and the members of a room that the new events do
// not name (the bot reads only timeline events; it counts a room's members itself, see
// room-members.ts). On a server with presence on, or in rooms where people type, each of those
// would otherwise wake the bot's sync for nothing. The benchmark's Synapse has presence off and
// nobody typing: there, Synapse's CPU per bot answer was the same with and without the filter
// (46-69 ms against 50-65 ms, 20 people asking at once).
export const SYNC_FILTER = {
  presence: { not_types: ['*'] },
  room: {
    ephemeral: { not_types: ['*'] },
    state: { lazy_load_members: true },
  },
} as const;
