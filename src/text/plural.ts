/** English plural categories ("one" for 1, "other" for 0, 2, 1.5 …), as CLDR defines them. */
const english = new Intl.PluralRules("en");

/** "1 file", "2 files", "0 files": a count with its noun in the form the count needs. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${english.select(count) === "one" ? singular : plural}`;
}
