import type { ClosedMinutes } from '../../meetings/domain/meeting-notices.js';
import type { Protocol } from './minutes.js';

// The closed minutes as a notice carries them: names instead of ids, the reader's own link.

export /** The minutes as their people receive them, with the reader's printable link. */
function closedMinutes(protocol: Protocol, names: ReadonlyMap<string, string>, printUrl: string | null): ClosedMinutes {
  return {
    title: protocol.meeting.title,
    decisions: protocol.decisions.map((d) => d.text),
    tasks: protocol.tasks.map((t) => ({
      text: t.text,
      ownerName: names.get(t.ownerId!) ?? '?',
      due: t.due!,
      done: Boolean(t.doneAt),
    })),
    polls: protocol.polls,
    infos: protocol.infos.map((i) => i.text),
    presentNames: protocol.presentIds.map((id) => names.get(id) ?? '?'),
    printUrl,
  };
}
