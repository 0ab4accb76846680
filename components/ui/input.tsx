import type { InputHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        // A read-only field (an address shown, not edited) is greyed by its own attribute.
        "block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs placeholder:text-zinc-400 read-only:bg-zinc-50 read-only:text-zinc-600",
        "focus:border-brand-600 focus:outline-2 focus:outline-brand-600/30 aria-[invalid=true]:border-red-600",
        className,
      )}
      {...props}
    />
  );
}
