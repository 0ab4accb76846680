import { cn } from "@/components/ui/cn";
import { STATUS_LABELS, type MemberStatus } from "@/lib/domain/member-view";

const STYLES: Record<MemberStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  inactive: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
  invited: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

export function StatusBadge({ status }: { status: MemberStatus }) {
  return (
    <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STYLES[status])}>
      {STATUS_LABELS[status]}
    </span>
  );
}
