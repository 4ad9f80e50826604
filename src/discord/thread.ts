/** Discord's limit on a thread's name (https://discord.com/developers/docs/resources/channel). */
const THREAD_NAME_MAX = 100;

/** A thread named after its question (Discord shows names as plain text: nothing to escape). */
export function threadName(question: string): string {
  const oneLine = question.replace(/\s+/g, " ").trim();
  return oneLine.length > THREAD_NAME_MAX ? `${oneLine.slice(0, THREAD_NAME_MAX - 1).trimEnd()}…` : oneLine || "Question";
}
