// What the request router tells people, as typed notices: the chat layer words them
// (bots/core/notice-texts.ts) in the reader's language, with the commands that follow.

/** Who asks about what, for the people handling a request. */
export interface RequestAbout {
  topic: { de: string; en: string } | null;
  requesterName: string | null;
}

export type RequestNotice =
  /** To the KIK or Koordinationskraft a new request was routed to. */
  | { type: 'requestFiled'; requestId: string; place: string; about: RequestAbout; text: string }
  /** To the KIK or Koordinationskraft whose advice offer was asked for. */
  | { type: 'adviceRequested'; requestId: string; offerTitle: string; about: RequestAbout; text: string }
  /** To the one a request was forwarded to. */
  | { type: 'requestForwarded'; requestId: string; about: RequestAbout; text: string | null; note: string | null }
  /** To the district's Koordinationskraft when a request went unanswered. */
  | { type: 'requestEscalated'; requestId: string; text: string | null }
  /** To the requester (`subject` names their request; notices written before it have none). */
  | { type: 'ownRequestForwarded'; requestId: string; subject?: OwnRequestSubject }
  | { type: 'ownRequestEscalated'; requestId: string; subject?: OwnRequestSubject }
  | { type: 'ownRequestHandedOver'; requestId: string; handlerName: string; subject?: OwnRequestSubject }
  | {
      type: 'ownRequestClosed';
      requestId: string;
      state: 'ACCEPTED' | 'RESOLVED' | 'DECLINED';
      note: string | null;
      subject?: OwnRequestSubject;
    };

/** A request as its requester knows it: where, the start of what they wrote, and who has it now. */
export interface OwnRequestSubject {
  place: string;
  excerpt: string;
  handlerName: string | null;
}
