import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CHANNELS,
  facetCounts,
  filterIntegrations,
  INTEGRATIONS,
  type IntegrationFilter,
} from "@/lib/integrations/catalogue";
import { integrationsQuerySchema } from "@/lib/validation/integrations-query";

// Read apart from the module under test, so the expectations do not share its code.
type Raw = { slug: string; partner: string; category: string; channels: string[] };
const raw: Raw[] = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, "../../content/integrations.json"), "utf8"),
);
const slugs = (list: { slug: string }[]) => list.map((p) => p.slug);
const all: IntegrationFilter = { category: null, channels: [], q: "" };

describe("the catalogue", () => {
  it("loads every plugin, each in a known category with known channels", () => {
    expect(slugs([...INTEGRATIONS])).toEqual(slugs(raw));
    for (const p of raw) {
      expect(CATEGORIES).toContain(p.category);
      for (const c of p.channels) expect(CHANNELS).toContain(c);
    }
  });
});

describe("filterIntegrations", () => {
  it('Category "E-commerce" + channel "WhatsApp" + search "shop": E-commerce plugins offering WhatsApp whose partner contains "shop"', () => {
    const expected = raw.filter(
      (p) => p.category === "E-commerce" && p.channels.includes("WhatsApp") && p.partner.toLowerCase().includes("shop"),
    );
    // The case must be a real one: some plugins in, and some near misses out.
    expect(expected.length).toBeGreaterThan(0);
    expect(
      raw.some(
        (p) =>
          p.category === "E-commerce" && !p.channels.includes("WhatsApp") && p.partner.toLowerCase().includes("shop"),
      ),
    ).toBe(true);

    const filter: IntegrationFilter = { category: "E-commerce", channels: ["WhatsApp"], q: "shop" };
    expect(slugs(filterIntegrations(INTEGRATIONS, filter))).toEqual(slugs(expected));

    const counts = facetCounts(INTEGRATIONS, filter);
    const whatsAppShop = raw.filter((p) => p.channels.includes("WhatsApp") && p.partner.toLowerCase().includes("shop"));
    const eCommerceShop = raw.filter((p) => p.category === "E-commerce" && p.partner.toLowerCase().includes("shop"));
    expect(counts.allCategories).toBe(whatsAppShop.length);
    for (const category of CATEGORIES)
      expect(counts.categories[category]).toBe(whatsAppShop.filter((p) => p.category === category).length);
    for (const channel of CHANNELS)
      expect(counts.channels[channel]).toBe(eCommerceShop.filter((p) => p.channels.includes(channel)).length);
    expect(counts.categories["E-commerce"]).toBe(expected.length);
    expect(counts.channels.WhatsApp).toBe(expected.length);
  });

  it("with nothing chosen, lists every plugin in the file's order", () => {
    expect(slugs(filterIntegrations(INTEGRATIONS, all))).toEqual(slugs(raw));
  });

  it("matches a plugin offering any of the chosen channels", () => {
    const got = filterIntegrations(INTEGRATIONS, { ...all, channels: ["SMS", "Voice"] });
    expect(slugs(got)).toEqual(slugs(raw.filter((p) => p.channels.includes("SMS") || p.channels.includes("Voice"))));
  });

  it("searches partner names only, ignoring case and surrounding spaces", () => {
    expect(slugs(filterIntegrations(INTEGRATIONS, { ...all, q: "  SHOP " }))).toEqual(
      slugs(raw.filter((p) => p.partner.toLowerCase().includes("shop"))),
    );
    // Plugin names and descriptions say "Order"; no partner's name does.
    expect(raw.some((p) => p.partner.toLowerCase().includes("order"))).toBe(false);
    expect(filterIntegrations(INTEGRATIONS, { ...all, q: "order" })).toEqual([]);
  });
});

describe("facetCounts", () => {
  it("with nothing chosen, counts each category and each channel in the whole catalogue", () => {
    const counts = facetCounts(INTEGRATIONS, all);
    expect(counts.allCategories).toBe(raw.length);
    for (const category of CATEGORIES)
      expect(counts.categories[category]).toBe(raw.filter((p) => p.category === category).length);
    for (const channel of CHANNELS)
      expect(counts.channels[channel]).toBe(raw.filter((p) => p.channels.includes(channel)).length);
  });

  it("counts a channel whether or not other channels are ticked", () => {
    const one = facetCounts(INTEGRATIONS, { ...all, channels: ["SMS"] });
    const two = facetCounts(INTEGRATIONS, { ...all, channels: ["SMS", "Voice"] });
    expect(two.channels).toEqual(one.channels);
    expect(two.categories.CRM).toBe(
      raw.filter((p) => p.category === "CRM" && (p.channels.includes("SMS") || p.channels.includes("Voice"))).length,
    );
  });
});

describe("integrationsQuerySchema", () => {
  it("reads category, repeated channels and a trimmed search", () => {
    expect(
      integrationsQuerySchema.parse({ category: "E-commerce", channel: ["WhatsApp", "SMS"], q: "  shop " }),
    ).toEqual({
      category: "E-commerce",
      channels: ["SMS", "WhatsApp"],
      q: "shop",
    });
    expect(integrationsQuerySchema.parse({ channel: "Voice" })).toEqual({ category: null, channels: ["Voice"], q: "" });
  });

  it("falls back to the defaults on bad values, keeping the good ones", () => {
    expect(integrationsQuerySchema.parse({})).toEqual(all);
    expect(integrationsQuerySchema.parse({ category: "", q: "" })).toEqual(all);
    expect(
      integrationsQuerySchema.parse({
        category: "Gardening",
        channel: ["Fax", "SMS", "SMS", "whatsapp"],
        q: "x".repeat(101),
      }),
    ).toEqual({
      category: null,
      channels: ["SMS"],
      q: "",
    });
    expect(integrationsQuerySchema.parse({ category: ["CRM", "Marketing"], q: ["a", "b"], page: "2" })).toEqual(all);
    expect(integrationsQuerySchema.parse({ q: "y".repeat(100) }).q).toHaveLength(100);
  });
});
