import { cn } from "@/components/ui/cn";

const METHOD_COLORS: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  POST: "bg-brand-50 text-brand-800 ring-brand-600/20",
  PUT: "bg-amber-50 text-amber-900 ring-amber-600/30",
  PATCH: "bg-amber-50 text-amber-900 ring-amber-600/30",
  DELETE: "bg-red-50 text-red-800 ring-red-600/20",
};

const badge =
  "inline-flex shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset";

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className={cn(badge, "min-w-14", METHOD_COLORS[method] ?? "bg-zinc-100 text-zinc-800 ring-zinc-500/20")}>
      {method}
    </span>
  );
}

// By class: success green, client error amber, server error red, anything else grey.
const STATUS_COLORS: Record<string, string> = {
  "2": "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  "4": "bg-amber-50 text-amber-900 ring-amber-600/30",
  "5": "bg-red-50 text-red-800 ring-red-600/20",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={cn(badge, STATUS_COLORS[status[0]] ?? "bg-zinc-100 text-zinc-800 ring-zinc-500/20")}>
      {status}
    </span>
  );
}
