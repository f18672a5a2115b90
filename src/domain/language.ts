/** The languages people read the hub in: German by default, English on request. */
export type Language = 'de' | 'en';
