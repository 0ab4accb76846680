import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT } from "./lib/http/limits";

const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  // Native or file-backed modules stay outside the server bundle, and so does the large
  // CommonJS converter behind "Run in Postman".
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "sharp", "openapi-to-postmanv2"],
  experimental: {
    serverActions: {
      // Above the 5 MB avatar limit, so a slightly larger image still reaches the action and
      // gets its own "larger than 5 MB" message rather than a failed request. proxy.ts
      // answers 413 past it, before Next.js would fail the request with a 500.
      bodySizeLimit: ACTION_BODY_LIMIT,
    },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
