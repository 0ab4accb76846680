import { cn } from "@/components/ui/cn";
import type { Channel, Integration } from "@/lib/integrations/catalogue";

const CHANNEL_STYLES: Record<Channel, string> = {
  SMS: "bg-sky-50 text-sky-800 ring-sky-600/20",
  WhatsApp: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  Voice: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

/** "Shopify Order Notifications", without saying the partner twice ("Wix Stores Order Messages"). */
function pluginTitle({ partner, name }: Integration): string {
  return name.toLowerCase().startsWith(partner.toLowerCase()) ? name : `${partner} ${name}`;
}

/** One plugin of the directory: who makes it, what it does, where it fits, and its documentation. */
export function PluginCard({ plugin }: { plugin: Integration }) {
  const title = pluginTitle(plugin);
  return (
    <article aria-label={title} className="flex h-full flex-col rounded-lg border border-zinc-200 bg-white p-4">
      <p className="text-xs font-medium text-zinc-600">{plugin.partner}</p>
      <h2 className="mt-0.5 text-base font-semibold">{plugin.name}</h2>
      <p className="mt-2 flex-1 text-sm text-zinc-700">{plugin.description}</p>
      <dl className="mt-3 space-y-2 text-sm">
        <div className="flex gap-2">
          <dt className="text-zinc-600">Category:</dt>
          <dd>{plugin.category}</dd>
        </div>
        <div className="flex items-center gap-2">
          <dt className="text-zinc-600">Channels:</dt>
          <dd>
            <ul className="flex flex-wrap gap-1.5">
              {plugin.channels.map((channel) => (
                <li
                  key={channel}
                  className={cn(
                    "rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                    CHANNEL_STYLES[channel],
                  )}
                >
                  {channel}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <a
        href={plugin.docsUrl}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Documentation for ${title} (opens in a new tab)`}
        className="mt-4 self-start text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
      >
        Documentation
        <span aria-hidden> ↗</span>
      </a>
    </article>
  );
}
