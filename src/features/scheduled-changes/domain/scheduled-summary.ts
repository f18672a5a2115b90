// A scheduled record end or merger in names, as the people told of it read it.

export type ScheduledSummary =
  | { kind: 'endRecord'; recordName: string }
  | { kind: 'mergeMunicipalities'; townNames: string[]; intoName: string; servedByName: string | null };
