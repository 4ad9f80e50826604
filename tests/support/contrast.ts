/**
 * WCAG 2 contrast, measured in the page: every element of the widget that shows text, against
 * the first opaque background behind it. Runs in the browser (passed to page.evaluate).
 */
export function widgetContrasts(): { text: string; color: string; background: string; ratio: number }[] {
  const parse = (c: string) => {
    const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    return m ? { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: m[4] === undefined ? 1 : Number(m[4]) } : { rgb: [0, 0, 0], alpha: 0 };
  };
  const luminance = ([r, g, b]: number[]) => {
    const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const backgroundOf = (el: Element | null): string => {
    for (let e = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
      const bg = getComputedStyle(e).backgroundColor;
      if (parse(bg).alpha >= 0.99) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const root = document.querySelector("[data-cited-answers]")!.shadowRoot!;
  const results: { text: string; color: string; background: string; ratio: number }[] = [];
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent!.trim()).join("");
    const typed = el instanceof HTMLTextAreaElement ? el.value : "";
    if (!(own || typed) || el.tagName === "STYLE" || !el.getClientRects().length) continue;
    const color = getComputedStyle(el).color;
    const background = backgroundOf(el);
    const [a, b] = [luminance(parse(color).rgb), luminance(parse(background).rgb)];
    results.push({ text: (own || typed).slice(0, 40), color, background, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
  }
  return results;
}
