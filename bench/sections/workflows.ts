import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { createServices } from '../../src/services/hub-services.js';
import { timeRuns, type Timing } from '../measure.js';

// 4 of the issue: filing a request (resolved, routed to the KIK, stored with its hops) and
// scheduling a meeting (invitees found, conflicts and holidays checked, stored), and a recurring
// series, at full scale.

export interface WorkflowRow {
  workflow: string;
  timing: Timing;
}

export async function benchWorkflows(
  store: GraphStore,
  districtAgs: string,
  municipality: string,
  runs: number,
): Promise<WorkflowRow[]> {
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  const identities = new ChatIdentities(store);
  const [roles] = await store.rolesInScopes([`district:${districtAgs}`]);
  const coordinator = roles!.find((r) => r.role === 'KOORDINATIONSKRAFT' || r.role === 'KIK');
  if (!coordinator) throw new Error(`District ${districtAgs} has no coordinator to organise meetings.`);
  const organiser = await identities.viewerOfPerson(coordinator.personId);
  const [alliance] = await store.listEntities({ kind: 'Alliance', districtAgs, limit: 1 });
  const [allianceRoles] = await store.rolesInScopes([alliance!.id]);
  const volunteerId = allianceRoles!.find((r) => r.role === 'VOLUNTEER')?.personId ?? coordinator.personId;
  const volunteer = await identities.viewerOfPerson(volunteerId);
  await services.names.municipalities();

  const fileRequest = await timeRuns(runs, (i) =>
    services.requests.file({ place: municipality, topic: null, text: `Benchmark-Anfrage ${i}` }, volunteer),
  );
  const schedule = await timeRuns(runs, (i) =>
    services.meetings.schedule(
      {
        title: `Benchmark-Austausch ${i}`,
        when: `in ${10 + i} Tagen um 10 Uhr`,
        invite: [municipality],
        confirmed: true,
      },
      organiser,
    ),
  );
  // A monthly series materialises a year of dates in one transaction and checks all for clashes.
  const series = await timeRuns(runs, (i) =>
    services.meetings.schedule(
      {
        title: `Benchmark-Reihe ${i}`,
        when: `jeden ${['ersten', 'zweiten', 'dritten', 'vierten'][i % 4]} Mittwoch im Monat ${8 + (i % 9)} Uhr`,
        invite: [municipality],
        confirmed: true,
      },
      organiser,
    ),
  );
  return [
    { workflow: 'file and route a request', timing: fileRequest },
    { workflow: 'schedule an exchange meeting', timing: schedule },
    { workflow: 'schedule a monthly series (a year of dates)', timing: series },
  ];
}
