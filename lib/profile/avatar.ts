import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";

export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;
/** Enough for any camera (a 4000×3000 photo is 12 megapixels); refuses decompression bombs before decoding. */
export const MAX_AVATAR_PIXELS = 50_000_000;
/** Shown at 32 px and 96 px, at up to 2× density. */
const SIZE = 256;

type ImageType = "png" | "jpeg" | "webp";

/** The type the bytes are, from their signature; the name and the browser's header say nothing. */
function sniff(bytes: Buffer): ImageType | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP")
    return "webp";
  return null;
}

// What an image has no reason to contain: a file that carries it is built to be read as
// something else too (an HTML or script polyglot), even if its image part decodes. Only
// markers of five bytes or more, so compressed pixels practically never match by chance.
const MARKUP = /<(?:!doctype|html|head|body|script|svg\s|iframe|object|embed)|<\?php|javascript:/i;

/** Bytes after the image's own end: where polyglots hide their second file. */
function trailingData(bytes: Buffer, type: ImageType): boolean {
  if (type === "png") {
    const end = bytes.lastIndexOf(Buffer.from("IEND"));
    return end < 0 || end + 8 < bytes.length;
  }
  if (type === "jpeg") {
    const end = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
    return end < 0 || end + 2 < bytes.length;
  }
  // RIFF says how long it is.
  return bytes.readUInt32LE(4) + 8 < bytes.length;
}

export type AvatarResult = { ok: true; image: Buffer; hash: string } | { ok: false; message: string };

/**
 * An uploaded profile image, checked and re-encoded: the size before anything is read, the
 * type from the bytes, no markup or trailing data, the pixel count from the header before
 * decoding; then turned upright, cropped to a square, resized and written as WebP without
 * any of the original's metadata (camera, GPS, comments).
 */
export async function processAvatar(file: File): Promise<AvatarResult> {
  if (file.size > MAX_AVATAR_BYTES)
    return { ok: false, message: "The image is larger than 5 MB. Choose a smaller one." };
  if (file.size === 0) return { ok: false, message: "The file is empty." };
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = sniff(bytes);
  if (!type)
    return { ok: false, message: "Choose a PNG, JPEG or WebP image. Other files, SVG included, are not accepted." };
  if (MARKUP.test(bytes.toString("latin1")) || trailingData(bytes, type)) {
    return {
      ok: false,
      message: "This file is not only an image (it carries other content). Export it again from an image editor.",
    };
  }
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (meta.format !== type)
      return { ok: false, message: "The image is damaged: its contents do not match its type." };
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_AVATAR_PIXELS) {
      return {
        ok: false,
        message: `The image is ${meta.width}×${meta.height} pixels; choose one under ${MAX_AVATAR_PIXELS / 1_000_000} megapixels.`,
      };
    }
    const image = await sharp(bytes, { limitInputPixels: MAX_AVATAR_PIXELS, failOn: "error" })
      .rotate()
      .resize(SIZE, SIZE, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
    return { ok: true, image, hash: createHash("sha256").update(image).digest("hex").slice(0, 20) };
  } catch {
    return { ok: false, message: "The image could not be read; it may be damaged. Try another file." };
  }
}
