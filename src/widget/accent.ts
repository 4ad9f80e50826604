import type { AccentColours } from "./types.js";

/** The accent when the page gives none, or none that is a colour (style.ts's :host starts with it too). */
const DEFAULT_ACCENT = "#2f5fd0";
const DEFAULT_RGB = [0x2f, 0x5f, 0xd0];
/** Text on the accent: white, or this near-black where white would not stand out (a yellow accent). */
const DARK_ON_ACCENT = "#111111";
/** WCAG AA for body text: below it, an accent is no link colour on the light theme's white. */
const AA_CONTRAST = 4.5;

/** The colour the browser reads `value` as, in sRGB with alpha, or null when it is no colour. */
function resolvedColour(value: string): { rgb: number[]; alpha: number } | null {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return null;
  // fillStyle keeps its old value for what is not a colour, and serialises a colour as #rrggbb
  // when opaque, else rgba(r, g, b, a): two probes tell "not a colour" from "black".
  context.fillStyle = "#000";
  context.fillStyle = value;
  const first = context.fillStyle;
  context.fillStyle = "#fff";
  context.fillStyle = value;
  if (first !== context.fillStyle) return null;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(first);
  if (hex) return { rgb: hex.slice(1).map((h) => parseInt(h, 16)), alpha: 1 };
  const rgba = /^rgba\(([\d.]+), ([\d.]+), ([\d.]+), ([\d.]+)\)$/.exec(first);
  return rgba ? { rgb: rgba.slice(1, 4).map(Number), alpha: Number(rgba[4]) } : null;
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance(rgb: number[]): number {
  const linear = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(rgb[0]!) + 0.7152 * linear(rgb[1]!) + 0.0722 * linear(rgb[2]!);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The page's data-accent when it is an opaque colour, else the default. The shape (hex, rgb() or
 * a name) keeps anything else out of the style; the browser must also read it as a colour, and an
 * opaque one, or the header, Ask button and launcher lose their background (a transparent accent
 * shows the white text on whatever the page has behind it). Keywords that aren't a colour of their
 * own (inherit, currentcolor, …) would do the same. The text on the accent is white or near-black,
 * whichever contrasts more, so a light brand colour stays readable.
 */
export function accentColours(value: string | undefined): AccentColours {
  const shaped = value !== undefined && /^#[0-9a-f]{3,8}$|^[a-z]+$|^rgb\([\d\s,.%]+\)$/i.test(value);
  const borrowed = value !== undefined && /^(inherit|initial|unset|revert|revert-layer|currentcolor)$/i.test(value);
  const colour = shaped && !borrowed ? resolvedColour(value) : null;
  const opaque = colour !== null && colour.alpha >= 1;
  if (value && !opaque) {
    const why = colour ? "is not an opaque colour" : "is not a colour (hex, rgb() or a colour name)";
    console.error(`cited-answers widget: data-accent="${value}" ${why}; using ${DEFAULT_ACCENT}.`);
  }
  const accent = opaque ? value! : DEFAULT_ACCENT;
  const own = luminance(opaque ? colour.rgb : DEFAULT_RGB);
  const [white, nearBlack] = [1, luminance([0x11, 0x11, 0x11])];
  return {
    accent,
    onAccent: contrast(own, white) >= contrast(own, nearBlack) ? "#ffffff" : DARK_ON_ACCENT,
    lightLink: contrast(own, white) >= AA_CONTRAST ? accent : DEFAULT_ACCENT,
  };
}
