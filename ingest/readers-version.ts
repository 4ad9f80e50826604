/**
 * What the readers (plain text, Markdown, HTML, Word, PDF) make of a file, versioned. An unchanged
 * folder is recognised from its files' sizes and times alone (listing.ts), so without this a
 * reader that changed — a PDF table read row by row, a docs site's furniture left out — would never
 * reach a folder indexed before the upgrade. The version is part of the listing's digest: after an
 * upgrade that bumps it, the next start or ingest reads the folder again, once; paragraphs whose
 * text did not change keep their vectors, so it costs parsing, not embedding. (FORMAT_VERSION,
 * the index's layout on disk, is another matter: a change there rebuilds everything.)
 *
 * Bump it with every change to what a reader outputs, and say why here:
 * - 1 (2026-12-01): HTML pages read without docs generators' furniture, PDF tables row by row,
 *   three-column PDF pages column by column, `llms.txt` read as Markdown. (Indexes before it
 *   recorded no version.)
 * - 2 (2026-12-01): a site's HTML pages read without the text the site repeats at the edge of most
 *   of them (a banner, a notice, a copyright line): site-boilerplate.ts.
 * - 3 (2026-12-01): HTML as real generators build it (MkDocs, Material, Sphinx, VitePress): a
 *   heading's permalink drawn as an icon font's glyph left out (Read the Docs' U+F0C1 ended every
 *   heading), a list item written `<li><p>` (Sphinx's every item) read as a list item, not prose,
 *   Sphinx's toctree left out, a page's title without the site's name when a heading after a logo
 *   heading is the one it names; a site's 404, search and genindex pages skipped (and, in the
 *   listing, Sphinx's `_sources/` copies of its pages' sources); a page whose marked main
 *   content is empty skipped, not read as the bars around it.
 * - 4 (2026-12-01): Word code styles read as code blocks; PDF code (fixed-pitch lines) read as code
 *   blocks, body size taken from the prose, two-line headings kept whole, list items a browser
 *   printed (bullets drawn, not text) read one by one, a browser's printed header and footer
 *   dropped from one-page PDFs.
 * - 5 (2026-12-01): a Markdown file's HTML block that is one heading element
 *   (`<h1 align="center">Fastify</h1>`) read as a heading, not prose.
 * - 6 (2026-12-01): a PDF code block a page break cuts read as one block, on the page it starts on;
 *   a PDF table whose cells wrap onto two lines or more read row by row, each row one paragraph;
 *   a bulleted item of a tagged PDF (Chromium's: bullets drawn, labelled `Lbl`) read as a list item;
 *   a PDF heading set in a bold face of the code's font at the code's size read as a heading.
 * - 7 (2026-12-01): an HTML (or Word) paragraph or figure of images alone read as a figure
 *   paragraph of their alt texts, as Markdown's is; before, it gave nothing.
 * - 8 (2026-12-01): Markdown read without docs generators' own syntax, which the page never shows:
 *   Hugo shortcodes and Liquid tags (`{{% note %}}`, `{% raw %}`; a line of them alone is blanked
 *   like a `:::` fence), attribute lists (`{: .prompt-tip }`), MkDocs icon shortcodes, admonition
 *   and tab markers (`!!! note "Title"` reads as its title) and definition lists' `: ` markers.
 *   No paragraph of the project's training, held-out or seed corpora changes.
 * - 9 (2026-12-01): a Markdown admonition's, details block's or content tab's body (MkDocs,
 *   indented four spaces under `!!! note`, `???+ tip`, `=== "Linux"`) read as the paragraphs, list
 *   items, headings and code blocks it holds, not as one code block, nor glued to the box's title
 *   when no blank line comes between. No paragraph of the project's corpora changes.
 * - 10 (2026-12-01): a sentence runs across a hard-wrapped paragraph's line breaks and a full stop
 *   inside a token (`"request.**.expect"`); a chunk's lead-in and topic sentences (its context)
 *   change where a paragraph has line breaks (plain text mostly; Markdown joins its soft breaks),
 *   and a code block's first or last line with a letter or digit stands for its first or last
 *   sentence (was an ICU piece of several lines, often ending in a lone "}").
 * - 11 (2026-12-01): a Markdown admonition, details block or content tab inside a list item or a
 *   definition (`- Step one` / `    !!! warning` / `        Body.`; `Term` / `:   !!! note`) read
 *   as its title and the blocks of its body, apart from the item's or term's text — before, its
 *   body was one code block or glued to the item's text. No paragraph of the project's corpora
 *   changes.
 * - 12 (2026-12-01): plain text is read by blocks when a third of its lines are wrapped, a list
 *   item's wrapped lines counted too (a hard-wrapped list of short items, util-linux's
 *   howto-build-sys.txt, was read line by line, each wrapped line its own "heading"; its wrapped
 *   "-I$(…) in _CFLAGS" line now stays inside its item). No paragraph of the project's corpora
 *   changes (seeds, SQuAD, the five training folders, the held-out folders: checked paragraph by
 *   paragraph against version 11).
 * - 13 (2026-12-01): hard-wrapped plain text reads a block indented four columns inside the text's
 *   margin (a tab is eight), not ending with a full stop or colon, as a code block (tab-indented
 *   samples were "heading" or "prose", so an answer never carried them as code). No paragraph of
 *   the project's corpora changes (their plain text is read by lines, or has no such block: the
 *   seeds, SQuAD, every folder under datasets/, checked against version 12); 13 of the 527
 *   `/usr/share/doc` text files here do (shell, C and Makefile samples; one indented prose block,
 *   util-linux's mount.txt, ending ":-)", becomes code too).
 * - 14 (2026-12-01): a plain-text (or PDF) line of one character repeated ("-----", "=====",
 *   "* * *") is a rule (kind `table-rule`), not a list item or heading: util-linux's deprecated.txt
 *   had its record separators quoted as answers. No paragraph of the project's corpora changes
 *   (checked against version 13); 15 of the 527 `/usr/share/doc` text files do (git's release
 *   notes' underlines, deprecated.txt's separators).
 * - 15 (2026-12-01): HTML — DocBook's table of contents (a definition list whose terms are only
 *   links, to the page or others) is left out, and two `<br>` in a row end a paragraph (DocBook's
 *   literallayout: valgrind's NEWS page was one paragraph of 212,538 characters, its questions
 *   taking 3–4 s). The project's corpora hold no HTML: none of their paragraphs change.
 * - 16 (2026-12-01): HTML — a table that lays out the page (a table within a cell, or
 *   `role="presentation"`) or boxes one column is read as its cells' blocks, its page columns'
 *   menus (more than half link text) left out; libxslt's pages had their whole text read as one
 *   table row. Data tables (a header cell, caption or summary, or several columns) are read as
 *   before. The project's corpora hold no HTML; of the 389 HTML pages under /usr/share/doc here 69
 *   change (libxslt's 66, fontconfig's boxed listings, shared-mime-info's one-column lists), of
 *   3,175 Rust docs pages (mdBook, rustdoc) none.
 * - 17 (2026-12-01): plain text is read as hard-wrapped when at most a tenth of its lines run
 *   over 100 characters (it was none: one 224-character copyright line had mdBook's font licences
 *   read line by line), and a rule line inside a block is a rule of its own unless it underlines
 *   the block's first line. No paragraph of the project's corpora changes (seeds, datasets/,
 *   tests/, ../shared: checked against version 16); 33 of 575 text files here do (the fonts'
 *   licences, git's release notes 2.6.0 and asciidoc pages, yq's help).
 * - 18 (2026-12-01): a folder's HTML pages marked `robots noindex`, when fewer than half its
 *   pages are, are skipped (mdBook's print.html repeats the whole book; its toc.html the
 *   sidebar). No paragraph of any other page changes; the project's corpora hold no HTML.
 * - 19 (2026-12-01): HTML — rustdoc's furniture left out by its class names (`rightside`: an
 *   item's version and "Source" link; `rustdoc-breadcrumbs`; `summary.hideme`). 0 of 389 pages
 *   under /usr/share/doc and 0 of 1,675 mdBook pages change; rustdoc pages do.
 * - 20 (2026-12-01): HTML — Javadoc's summaries (JDK 16 and later: `div.summary-table` with a
 *   `two-`/`three-`/`four-column-summary` class, a grid of divs) are read as table rows under
 *   their header, not as one paragraph per cell. 0 of 389 /usr/share/doc pages and 0 of 1,675
 *   mdBook pages change.
 * - 21 (2026-12-02): HTML — rustdoc's line under an item page's title (`div.main-heading >
 *   span.sub-heading`: "1.0.0 · Source") is left out, as its items' `rightside` already was.
 *   27 of 35 proc_macro pages change; 0 of 245 pages under /usr/share/doc, 0 of 1,917 pages of six
 *   Rust books, 0 of the rustdoc-book set's and a Javadoc site's 34.
 * - 22 (2026-12-02): HTML — TypeDoc's "Defined in file:line" lines (`aside.tsd-sources`) and any
 *   breadcrumb trail labelled as WAI-ARIA's pattern labels it (`aria-label="Breadcrumb"`) are left
 *   out; TypeDoc's flags (`code.tsd-tag`: "Optional") are words of their own, not glued to the
 *   name after them. 21 of 23 pages of TypeDoc 0.28's docs for hono's types change; 0 of 245
 *   under /usr/share/doc, 0 of 1,917 of six Rust books, 0 of proc_macro's 35, 0 of 34 mdBook and
 *   Javadoc pages.
 * - 23 (2026-12-02): HTML — a table with at most one cell showing text in every row is one column
 *   (a layout box, its cells' blocks read as they stand), whatever its cells of spaces: pydoc's
 *   sections read a whole class as one row (5 of 5 pydoc pages change, 20 → 95 paragraphs for
 *   json's). Elsewhere 13 of 245 /usr/share/doc pages change (gtk-doc parameter tables whose
 *   descriptions are all empty, Texinfo menus, an icon-and-text callout: rows of one filled cell
 *   become that cell's text), 2 of 1,917 Rust book pages (the book's icon legend), 0 of the
 *   project's 64 HTML files, 0 of proc_macro's, the TypeDoc and Javadoc pages.
 * - 24 (2026-12-02): Markdown and HTML — a list nested in a list item that says something of its
 *   own ("Process dependent settings. These sections are processed, in order:") is read, even when
 *   every entry links to a place on the page; it was taken for a table of contents and dropped.
 *   Of the project's Markdown folders only GYP's InputFormatReference.md changes (265 → 268
 *   paragraphs); 0 of 289 HTML pages under /usr/share/doc, 0 of the project's 49 HTML files.
 */
export const READERS_VERSION = 24;
