import { wordNotice } from '../../bots/core/notice-texts.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';

/** A notice as a reader gets it in German (commands as references: ⟦accept request:1⟧). */
export const inGerman = (notice: HubNotice): string => wordNotice(notice, 'de').text;

const inEnglish = (notice: HubNotice): string => wordNotice(notice, 'en').text;

/** A notice of the given words, as an operator would send it. */
export const plain = (de: string, en = de): HubNotice => ({ type: 'plain', de, en });

/** A notice in both languages, as the tests record what people were told. */
export const words = (notice: HubNotice): { de: string; en: string } => ({
  de: inGerman(notice),
  en: inEnglish(notice),
});
