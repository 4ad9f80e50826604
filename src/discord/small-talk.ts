/**
 * Words that on their own only acknowledge or thank ("thanks", "ok 👍", "great, thank you!"),
 * from what people write under a bot's answer; a message made of nothing else is not a question.
 * Deliberately short: a word here that can carry a question ("how", "what", "why", "cost") would
 * silence a real follow-up, so only acknowledgements are listed.
 */
const ACKNOWLEDGEMENTS = new Set([
  "thanks", "thank", "you", "thx", "ty", "tysm", "cheers", "ta", "much", "very", "so", "a", "lot", "many",
  "ok", "okay", "k", "kk", "okey", "alright", "right", "sure", "yes", "yep", "yeah", "yup",
  "great", "good", "nice", "cool", "perfect", "awesome", "excellent", "brilliant", "amazing", "wonderful", "neat", "lovely",
  "got", "it", "makes", "sense", "understood", "noted", "i", "see", "ah", "oh", "aha", "wow", "lol", "haha",
  "that", "that's", "thats", "this", "is", "was", "helps", "helped", "helpful", "useful", "bot", "and", "all",
]);

/** Anything that is not a letter, digit or apostrophe: punctuation, spaces, emoji, symbols. */
const SEPARATORS = /[^\p{L}\p{N}']+/u;

/**
 * Whether a message in the bot's thread is small talk that gets no answer: only acknowledgement
 * words and emoji or punctuation ("👍", "ok", "thanks!", "great, that helps"). A question mark
 * always makes it a question ("ok, and in Vietnam?").
 */
export function isSmallTalk(message: string): boolean {
  if (message.includes("?")) return false;
  const words = message.toLowerCase().replace(/’/g, "'").split(SEPARATORS).filter(Boolean);
  return words.every((w) => ACKNOWLEDGEMENTS.has(w));
}
