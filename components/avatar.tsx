import { cn } from "@/components/ui/cn";
import { initials } from "@/lib/text/initials";

const SIZES = { sm: "size-8 text-xs", lg: "size-24 text-2xl" } as const;

/** A member's profile image, or their initials without one. Decorative: their name is always written beside it. */
export function Avatar({
  fullName,
  url,
  size = "sm",
}: {
  fullName: string;
  url: string | null;
  size?: keyof typeof SIZES;
}) {
  if (url) {
    // biome-ignore lint/performance/noImgElement: already a 256 px WebP served with a year's cache; next/image would re-encode it
    return <img src={url} alt="" className={cn("shrink-0 rounded-full object-cover", SIZES[size])} />;
  }
  return (
    <span
      aria-hidden
      className={cn(
        "flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800",
        SIZES[size],
      )}
    >
      {initials(fullName)}
    </span>
  );
}
