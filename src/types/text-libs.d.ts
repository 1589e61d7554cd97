/** Minimal types for the two text libraries the cross-group comparison uses (neither ships its own). */
declare module 'snowball-stemmers' {
  /** A Snowball stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
}

declare module 'stopword' {
  /** Danish stop words. */
  export const dan: string[];
  /** English stop words. */
  export const eng: string[];
}
