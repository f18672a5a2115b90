import { DomainError } from '../../../domain/errors.js';

const WHY = {
  unknown: { en: 'no change of yours with this number or id is known', de: 'keine Ihrer Änderungen hat diese Nummer' },
  tooOld: {
    en: 'changes can be taken back for a limited time (HUB_UNDO_HOURS) after they were made',
    de: 'Änderungen lassen sich nur eine begrenzte Zeit danach zurücknehmen',
  },
  notUndoable: {
    en: "this change cannot be taken back here (changes to a person's own entry: edit it again)",
    de: 'diese Änderung lässt sich hier nicht zurücknehmen (Änderungen an Personen: bitte erneut bearbeiten)',
  },
  undone: { en: 'it has been taken back already', de: 'sie wurde bereits zurückgenommen' },
  notYours: {
    en: 'only the person who made a change (or an admin) takes it back',
    de: 'nur wer eine Änderung gemacht hat (oder die Administration), nimmt sie zurück',
  },
} as const;

export type UndoRefusal = keyof typeof WHY;

export class UndoNotPossible extends DomainError {
  readonly code = 'UNDO_NOT_POSSIBLE';
  constructor(readonly why: UndoRefusal) {
    super(
      `This change cannot be undone: ${WHY[why].en}. Nothing was changed.`,
      `Die Änderung lässt sich nicht zurücknehmen: ${WHY[why].de}. Nichts wurde geändert.`,
    );
  }
}
