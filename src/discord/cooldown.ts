/** What a Discord user over their question budget (COOLDOWN_QUESTIONS per COOLDOWN_SECONDS, a RequestBudget) is told. */
export function cooldownMessage(seconds: number): string {
  return `You're asking quickly — please wait ${seconds} second${seconds === 1 ? "" : "s"} before the next question.`;
}
