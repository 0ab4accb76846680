import type { Metadata } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import "./globals.css";

// Bundled with the app (no font service at build or run time).
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Roster", template: "%s · Roster" },
  description: "Manage your team's access.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page carries the request's CSP nonce, so nothing may be prerendered without it.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
