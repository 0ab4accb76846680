import { crc32, deflateSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { auditLog, sessions, userAvatars, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { validateSession } from "@/lib/auth/session";
import { call } from "./api-client";
import { makeApiKey, makeMember, PASSWORD } from "./factories";
import { caller, form, signInAs } from "./harness";

const { saveProfile, changePassword, signOutSession, signOutOtherSessions, revokeOwnKeys } = await import(
  "@/app/(console)/profile/actions"
);
const avatarRoute = await import("@/app/avatars/[userId]/[hash]/route");

const userRow = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0];
const avatarRows = async (userId: string) => getDb().select().from(userAvatars).where(eq(userAvatars.userId, userId));

/** The form as the browser posts it, with a file when given. */
function profileForm(fields: Record<string, string>, file?: File) {
  const data = form(fields);
  if (file) data.append("image", file);
  return data;
}

/** A PNG built chunk by chunk, so its header can claim what it likes. */
function png(width: number, height: number, extra: Buffer[] = []) {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const row = Buffer.alloc(1 + Math.min(width, 64));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    ...extra.map((e) => chunk("tEXt", e)),
    chunk("IDAT", deflateSync(row)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const file = (bytes: Buffer | string, name: string, type: string) =>
  new File([new Uint8Array(typeof bytes === "string" ? Buffer.from(bytes) : bytes)], name, { type });

beforeEach(() => {
  caller.member = null;
});

describe("My Profile: Save Changes", () => {
  it("saves the member's own name and timezone, audited; refuses a zone that does not exist", async () => {
    const { user } = await signInAs(["support"]);
    expect(await saveProfile(null, profileForm({ fullName: "  Asha  Rao ", timezone: "Asia/Kolkata" }))).toMatchObject({
      ok: true,
      message: "Profile saved",
    });
    expect(await userRow(user.id)).toMatchObject({ fullName: "Asha  Rao", timezone: "Asia/Kolkata" });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "profile.update")));
    expect(entry).toMatchObject({
      before: { timezone: "UTC", image: "none" },
      after: { fullName: "Asha  Rao", timezone: "Asia/Kolkata", image: "none" },
    });

    for (const timezone of ["Mars/Olympus_Mons", "Asia/Kolkata; drop table users", "", "../../etc/passwd"]) {
      const refused = await saveProfile(null, profileForm({ fullName: "Asha Rao", timezone }));
      expect(refused, timezone).toMatchObject({ ok: false, fieldErrors: { timezone: expect.any(Array) } });
    }
    expect((await userRow(user.id)).timezone).toBe("Asia/Kolkata");
  });

  it("changes nothing of what it may not: roles, another member's id, the address", async () => {
    const { account, user, membership } = await signInAs(["support"]);
    const other = await makeMember(account.id, { roles: ["support"] });
    const attempts: Record<string, unknown>[] = [
      { fullName: "Took Over", timezone: "UTC", roles: ["admin"] },
      { fullName: "Took Over", timezone: "UTC", userId: other.user.id },
      { fullName: "Took Over", timezone: "UTC", membershipId: other.membership.id },
      { fullName: "Took Over", timezone: "UTC", email: "new@example.com" },
    ];
    for (const input of attempts) expect((await saveProfile(null, input)).ok, JSON.stringify(input)).toBe(false);
    expect((await userRow(user.id)).fullName).toBe(user.fullName);
    expect((await userRow(other.user.id)).fullName).toBe(other.user.fullName);
    expect(caller.member!.membership).toMatchObject({ id: membership.id, roles: ["support"] });
    expect((await validateSession(caller.member!.sessionId))!.membership.roles).toEqual(["support"]);
  });

  it("re-encodes a 4000×3000 JPEG with GPS metadata into a small square WebP without it, served with a year's cache", async () => {
    const { user } = await signInAs(["support"]);
    const photo = await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: { r: 200, g: 120, b: 40 } },
    })
      .withExif({
        IFD0: { Make: "RosterCam", Copyright: "secret" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "18/1 55/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "72/1 50/1 0/1",
        },
      })
      .jpeg({ quality: 90 })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const saved = await saveProfile(
      null,
      profileForm({ fullName: user.fullName, timezone: "UTC" }, file(photo, "holiday.jpg", "image/jpeg")),
    );
    expect(saved).toMatchObject({ ok: true });
    const [stored] = await avatarRows(user.id);
    const meta = await sharp(Buffer.from(stored.image)).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.image.byteLength).toBeLessThan(20_000);
    expect(Buffer.from(stored.image).includes("RosterCam")).toBe(false);
    expect((await userRow(user.id)).avatarHash).toBe(stored.hash);

    const get = (hash: string, headers: Record<string, string> = {}) =>
      avatarRoute.GET(new Request(`http://localhost/avatars/${user.id}/${hash}`, { headers }), {
        params: Promise.resolve({ userId: user.id, hash }),
      });
    const res = await get(stored.hash);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toBe(`"${stored.hash}"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(stored.image))).toBe(true);
    expect((await get(stored.hash, { "if-none-match": `"${stored.hash}"` })).status).toBe(304);
    expect((await get("0".repeat(20))).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);

    // Remove: back to initials, and the old URL is gone.
    expect(
      await saveProfile(null, profileForm({ fullName: user.fullName, timezone: "UTC", removeImage: "on" })),
    ).toMatchObject({ ok: true });
    expect(await avatarRows(user.id)).toEqual([]);
    expect((await userRow(user.id)).avatarHash).toBeNull();
    expect((await get(stored.hash)).status).toBe(404);
  });

  it("refuses SVG, polyglots, decompression bombs, oversize and disguised files with a message, and stores nothing", async () => {
    const { user } = await signInAs(["support"]);
    const realPng = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const cases: [string, File, RegExp][] = [
      [
        "SVG with a script",
        file('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "face.svg", "image/svg+xml"),
        /PNG, JPEG or WebP/,
      ],
      [
        "SVG named .png",
        file('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', "face.png", "image/png"),
        /PNG, JPEG or WebP/,
      ],
      [
        "PNG with HTML after its end",
        file(
          Buffer.concat([realPng, Buffer.from("<html><script>alert(document.cookie)</script></html>")]),
          "face.png",
          "image/png",
        ),
        /not only an image/,
      ],
      [
        "PNG with HTML in a text chunk",
        file(png(8, 8, [Buffer.from("Comment\0<html><body><script>alert(1)</script>")]), "face.png", "image/png"),
        /not only an image/,
      ],
      ["20000×20000 PNG", file(png(20000, 20000), "huge.png", "image/png"), /20000×20000 pixels/],
      ["6 MB file", file(Buffer.alloc(6 * 1024 * 1024, 1), "big.jpg", "image/jpeg"), /larger than 5 MB/],
      [
        "x.jpg.php, sent as a JPEG",
        file("<?php system($_GET['c']); ?>", "x.jpg.php", "image/jpeg"),
        /PNG, JPEG or WebP/,
      ],
      [
        "JPEG header and PHP",
        file(
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("<?php echo 1; ?>")]),
          "x.jpg",
          "image/jpeg",
        ),
        /not only an image/,
      ],
      [
        "a truncated JPEG",
        file(
          Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]),
          "broken.jpg",
          "image/jpeg",
        ),
        /could not be read|damaged/,
      ],
    ];
    for (const [label, upload, message] of cases) {
      const result = await saveProfile(null, profileForm({ fullName: "Changed Name", timezone: "Asia/Tokyo" }, upload));
      expect(result.ok, label).toBe(false);
      expect(result.fieldErrors?.image?.[0], label).toMatch(message);
    }
    expect(await avatarRows(user.id)).toEqual([]);
    expect(await userRow(user.id)).toMatchObject({ fullName: user.fullName, timezone: "UTC", avatarHash: null });
  });
});

describe("My Profile: sessions and password", () => {
  const open = (userId: string, accountId: string) =>
    startSession(getDb(), {
      userId,
      accountId,
      ip: "198.51.100.9",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
    });

  it("signs out one other session, or every other, never the current one or someone else's", async () => {
    const { account, user, sessionId } = await signInAs(["support"]);
    const laptop = await open(user.id, account.id);
    const phone = await open(user.id, account.id);
    const stranger = await makeMember(account.id, { roles: ["support"] });
    const theirs = await open(stranger.user.id, account.id);

    expect(await signOutSession(null, form({ sessionId: theirs }))).toMatchObject({ ok: false });
    expect(await validateSession(theirs)).not.toBeNull();
    expect(await signOutSession(null, form({ sessionId }))).toMatchObject({ ok: false });
    expect(await signOutSession(null, form({ sessionId: laptop }))).toMatchObject({ ok: true });
    expect(await validateSession(laptop)).toBeNull();
    expect(await validateSession(phone)).not.toBeNull();

    expect(await signOutOtherSessions(null, form({}))).toMatchObject({
      ok: true,
      message: "Signed out 1 other session",
    });
    expect(await validateSession(phone)).toBeNull();
    expect(await validateSession(sessionId)).not.toBeNull();
    expect(await validateSession(theirs)).not.toBeNull();
    const [row] = await getDb().select().from(sessions).where(eq(sessions.id, phone));
    expect(row.endReason).toBe("signed_out_elsewhere");
  });

  it("changes the password only with the current one; other sessions end, this one stays; wrong guesses are throttled", async () => {
    const { account, user, sessionId } = await signInAs(["support"]);
    const other = await open(user.id, account.id);
    const next = "a-brand-new-passphrase-2026";
    expect(
      await changePassword(
        null,
        form({ currentPassword: "wrong-one-entirely", password: next, confirmPassword: next }),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    expect(
      await changePassword(
        null,
        form({ currentPassword: PASSWORD, password: next, confirmPassword: "different-passphrase-2026" }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { confirmPassword: expect.any(Array) } });
    expect(
      await changePassword(null, form({ currentPassword: PASSWORD, password: "short", confirmPassword: "short" })),
    ).toMatchObject({ ok: false, fieldErrors: { password: expect.any(Array) } });
    expect(await verifyPassword((await userRow(user.id)).passwordHash, PASSWORD)).toBe(true);

    expect(
      await changePassword(null, form({ currentPassword: PASSWORD, password: next, confirmPassword: next })),
    ).toMatchObject({ ok: true, message: "Password changed. Your other session was signed out." });
    expect(await verifyPassword((await userRow(user.id)).passwordHash, next)).toBe(true);
    expect(await validateSession(other)).toBeNull();
    expect(await validateSession(sessionId)).not.toBeNull();

    for (let i = 0; i < 4; i++)
      await changePassword(
        null,
        form({
          currentPassword: `guess-number-${i}-wrong`,
          password: "another-passphrase-9",
          confirmPassword: "another-passphrase-9",
        }),
      );
    const throttled = await changePassword(
      null,
      form({ currentPassword: next, password: "another-passphrase-9", confirmPassword: "another-passphrase-9" }),
    );
    expect(throttled).toMatchObject({ ok: false, message: expect.stringMatching(/Too many/) });
    expect(await verifyPassword((await userRow(user.id)).passwordHash, next)).toBe(true);
  });

  it("after a password change the member's API keys still work and are listed, with an offer to revoke them all", async () => {
    const { account, user } = await signInAs(["admin"]);
    const { secret: crm } = await makeApiKey(account.id, user.id, "CRM sync", new Date());
    const { secret: billing } = await makeApiKey(account.id, user.id, "Billing export");
    const next = "a-brand-new-passphrase-2026";
    const changed = await changePassword(
      null,
      form({ currentPassword: PASSWORD, password: next, confirmPassword: next }),
    );
    expect(changed).toMatchObject({
      ok: true,
      data: {
        apiKeys: [
          { name: "CRM sync", accountName: account.name },
          { name: "Billing export", lastUsedAt: null },
        ],
      },
    });
    expect((await call("GET /api/v1/me", { key: crm })).status).toBe(200);

    expect(await revokeOwnKeys(null, form({}))).toMatchObject({ ok: true, message: "Revoked your 2 API keys" });
    for (const key of [crm, billing]) expect((await call("GET /api/v1/me", { key })).status).toBe(401);
    const audited = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "api_key.revoke")));
    expect(audited.map((r) => r.reason)).toEqual([
      "Revoked by its creator from My Profile",
      "Revoked by its creator from My Profile",
    ]);
    expect(await revokeOwnKeys(null, form({}))).toMatchObject({ ok: true, message: "You have no API keys to revoke." });
  });
});
