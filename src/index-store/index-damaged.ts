/**
 * An index whose files do not hold what their format promises. Its own module, free of Node-only
 * imports, so code the Worker bundles (paragraph-shapes.ts) can throw it; layout.ts re-exports it.
 */
export class IndexDamagedError extends Error {}
