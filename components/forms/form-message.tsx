import { cn } from "@/components/ui/cn";

/** The form-level outcome of an action, announced to screen readers. */
export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  return (
    <div
      role={state && !state.ok ? "alert" : "status"}
      className={cn(
        "rounded-md px-3 py-2 text-sm empty:hidden",
        state?.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800",
      )}
    >
      {state?.message}
    </div>
  );
}
