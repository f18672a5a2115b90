// What the funding calls tell people, as typed notices: the chat layer words them
// (bots/core/notice-texts.ts) in the reader's language.

export type FundingNotice =
  /** To a subscriber of one of the call's topics, `daysLeft` days before it closes. */
  {
    type: 'fundingDeadline';
    callId: string;
    title: string;
    funder: string;
    /** YYYY-MM-DD. */
    closesOn: string;
    daysLeft: number;
    url: string | null;
  };
