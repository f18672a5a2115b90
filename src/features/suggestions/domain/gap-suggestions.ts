import { fingerprint, type Suggestion } from './suggestions.js';

// Structural gaps the analytics see (issue 38), as suggestions with the lifecycle step that
// closes them: a town no KIK serves, and a broker whose leaving would split the district's network.

export interface StructuralGaps {
  /** Towns of the district that no KIK serves. */
  uncovered: readonly string[];
  /** Actors whose leaving would split the district's network, with how many groups would remain. */
  brokers: readonly { id: string; groupsConnected: number }[];
}

export function gapSuggestions(
  districtAgs: string,
  gaps: StructuralGaps,
  districtCoordination: string[],
): Suggestion[] {
  const suggestion = (gap: 'NO_KIK' | 'BROKER', subjectId: string, score: number, groups = 0): Suggestion => ({
    id: `suggestion:${fingerprint(['STRUCTURAL_GAP', gap, subjectId])}`,
    kind: 'STRUCTURAL_GAP',
    districtAgs,
    subjectIds: [subjectId],
    topicIds: [],
    peopleIds: districtCoordination,
    factsKey: fingerprint([gap, String(groups)]),
    quietMonths: 0,
    score,
    gap: { kind: gap, groups },
  });
  return [
    ...gaps.uncovered.map((id) => suggestion('NO_KIK', id, 1)),
    ...gaps.brokers.map((b) => suggestion('BROKER', b.id, 0.5 + b.groupsConnected / 4, b.groupsConnected)),
  ];
}
