import type { FundingLevel } from '../../../domain/model.js';

// Funding calls the KIK inform about (EU, Bund, Land, foundations): who funds what for whom, how
// much, with which own share, and until when applications are taken. A call is open from its
// opening day to its closing day (Berlin calendar days, both included).

export const APPLICANT_KINDS = ['MUNICIPALITY', 'ALLIANCE', 'INSTITUTION'] as const;
type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export interface FundingCall {
  id: string;
  /** The FundingProgram record of the network it belongs to, if any. */
  programmeId: string | null;
  title: string;
  funder: string;
  level: FundingLevel;
  topicIds: string[];
  eligible: ApplicantKind[];
  /** Euros per project. */
  amountMin: number | null;
  amountMax: number | null;
  /** The applicant's own share, in percent of the costs. */
  coFinancingPercent: number | null;
  url: string | null;
  /** YYYY-MM-DD. */
  opensOn: string;
  closesOn: string;
  /** Where applicants may come from: a federal state ("14"), some districts, or (both empty) anywhere. */
  stateCode: string | null;
  districtAgs: string[];
  /** Shown to anybody (also in the public feeds); otherwise to members of the network. */
  public: boolean;
  /** Fictional, from the demo data. */
  demo: boolean;
}

export function isOpen(call: FundingCall, day: string): boolean {
  return call.opensOn <= day && day <= call.closesOn;
}

/** Whether people of these districts may apply (no districts known: only calls open to anywhere). */
export function openTo(call: FundingCall, districtAgs: ReadonlySet<string>): boolean {
  if (call.districtAgs.length) return call.districtAgs.some((ags) => districtAgs.has(ags));
  if (call.stateCode) return [...districtAgs].some((ags) => ags.startsWith(call.stateCode!));
  return true;
}

/** Whole days from one Berlin day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const euros = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;

/** The call as a short German text to pass on (a chat message, an e-mail to a mayor). */
export function fundingCallText(call: FundingCall): string {
  const amount =
    call.amountMin !== null && call.amountMax !== null
      ? `${euros(call.amountMin)} bis ${euros(call.amountMax)}`
      : call.amountMax !== null
        ? `bis ${euros(call.amountMax)}`
        : null;
  return [
    `Förderaufruf: ${call.title}`,
    `Fördergeber: ${call.funder}`,
    `Antragsfrist: ${call.closesOn.split('-').reverse().join('.')}`,
    ...(amount
      ? [`Förderung: ${amount}${call.coFinancingPercent !== null ? `, Eigenanteil ${call.coFinancingPercent} %` : ''}`]
      : []),
    ...(call.url ? [call.url] : []),
    ...(call.demo ? ['(Beispiel aus den Demodaten)'] : []),
  ].join('\n');
}
