/**
 * What names the served corpus to visitors: the landing page's title and example questions, the
 * widget's title and greeting. It comes from configuration (SITE_TITLE, WIDGET_GREETING,
 * EXAMPLE_QUESTIONS) or else from the corpus itself (its folder's name) — never from one corpus
 * in particular, so serving your own documents never greets visitors with someone else's.
 */
export interface SiteText {
  title: string;
  greeting: string;
  exampleQuestions: string[];
}

export interface SiteSettings {
  title?: string;
  greeting?: string;
  exampleQuestions?: string[];
}

export function siteText(settings: SiteSettings, corpusName: string): SiteText {
  const title = settings.title?.trim() || corpusName;
  return {
    title,
    greeting: settings.greeting?.trim() || `Ask me about ${title}. Every answer cites the document and paragraph it comes from.`,
    exampleQuestions: settings.exampleQuestions ?? [],
  };
}
