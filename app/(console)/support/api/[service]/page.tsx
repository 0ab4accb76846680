import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "../../_components/breadcrumb";
import { buttonClasses } from "@/components/ui/button";
import { describeService } from "@/lib/api-docs/reference";
import { getDocument } from "@/lib/api-docs/documents";
import { requireMember } from "@/lib/auth/member";
import { Markdown } from "@/components/markdown";
import { Operation } from "./_components/operation";
import { TableOfContents } from "./_components/table-of-contents";

type Props = { params: Promise<{ service: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const doc = getDocument((await params).service);
  return { title: doc ? doc.info.title : "API Documentation" };
}

export default async function ServicePage({ params }: Props) {
  await requireMember();
  const service = describeService((await params).service);
  if (!service) notFound();
  return (
    <div className="max-w-6xl space-y-6">
      <Breadcrumb trail={[{ href: "/support/api", label: "API Documentation" }]} current={service.title} />

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl space-y-1">
          <h1 className="text-xl font-semibold">{service.title}</h1>
          <p className="text-sm text-zinc-600">
            Version {service.version}
            {service.summary ? ` · ${service.summary}` : null}
          </p>
        </div>
        <div className="space-y-1 text-right">
          {/* A plain link, not <Link>: the route answers with an attachment, which stays a download without a `download`
              attribute, so an expired session shows its message instead of saving it as the file. */}
          <a
            href={`/support/api/${service.slug}/postman`}
            aria-describedby="postman-hint"
            className={buttonClasses("primary")}
          >
            Run in Postman
          </a>
          <p id="postman-hint" className="max-w-60 text-xs text-zinc-600">
            Downloads a Postman Collection (v2.1) of every request, to import into Postman.
          </p>
        </div>
      </header>

      <Markdown source={service.description} className="max-w-3xl" />

      <div className="grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <TableOfContents service={service} />

        <div className="min-w-0 space-y-10">
          <section id="base-url" aria-labelledby="base-url-heading" className="scroll-mt-6 space-y-2">
            <h2 id="base-url-heading" className="text-lg font-semibold">
              Base URL
            </h2>
            <p className="text-sm text-zinc-700">Every path below is relative to:</p>
            <p>
              <code className="rounded-md bg-zinc-100 px-2 py-1 font-mono text-sm text-zinc-900 [overflow-wrap:anywhere]">
                {service.baseUrl}
              </code>
            </p>
          </section>

          <section id="authentication" aria-labelledby="authentication-heading" className="scroll-mt-6 space-y-2">
            <h2 id="authentication-heading" className="text-lg font-semibold">
              Authentication
            </h2>
            {service.authentication.length === 0 ? (
              <p className="text-sm text-zinc-700">None: requests need no credentials.</p>
            ) : (
              <dl className="space-y-3">
                {service.authentication.map((scheme) => (
                  <div key={scheme.name} className="space-y-1 rounded-lg border border-zinc-200 bg-white p-4">
                    <dt className="text-sm font-semibold text-zinc-900">{scheme.method}</dt>
                    {scheme.example ? (
                      <dd>
                        <code className="font-mono text-sm text-zinc-800">{scheme.example}</code>
                      </dd>
                    ) : null}
                    {scheme.description ? (
                      <dd>
                        <Markdown source={scheme.description} />
                      </dd>
                    ) : null}
                  </div>
                ))}
              </dl>
            )}
          </section>

          {service.groups.map((group) => (
            <section
              key={group.anchor}
              id={group.anchor}
              aria-labelledby={`${group.anchor}-heading`}
              className="scroll-mt-6 space-y-4"
            >
              <div className="space-y-1">
                <h2 id={`${group.anchor}-heading`} className="text-lg font-semibold">
                  {group.tag}
                </h2>
                <Markdown source={group.description} />
              </div>
              {group.operations.map((op) => (
                <Operation key={op.anchor} operation={op} />
              ))}
            </section>
          ))}

          {service.webhooks.length > 0 ? (
            <section id="webhooks" aria-labelledby="webhooks-heading" className="scroll-mt-6 space-y-4">
              <div className="space-y-1">
                <h2 id="webhooks-heading" className="text-lg font-semibold">
                  Webhooks
                </h2>
                <p className="text-sm text-zinc-700">Requests the service sends to the endpoints you configure.</p>
              </div>
              {service.webhooks.map((op) => (
                <Operation key={op.anchor} operation={op} webhook />
              ))}
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
