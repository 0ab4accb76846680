import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { listServices } from "@/lib/api-docs/documents";
import { requireMember } from "@/lib/auth/member";

export const metadata: Metadata = { title: "API Documentation" };

export default async function ApiDocumentationPage() {
  await requireMember();
  const services = listServices();
  return (
    <div className="max-w-5xl space-y-6">
      <div className="max-w-2xl space-y-1">
        <h1 className="text-xl font-semibold">API Documentation</h1>
        <p className="text-sm text-zinc-600">
          The REST APIs your own programs can call. Each reference is generated from the service&apos;s OpenAPI document
          and comes with a Postman collection to try it.
        </p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {services.map((service) => (
          <li key={service.slug} className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-5">
            <h2 className="font-semibold">{service.title}</h2>
            <p className="flex-1 text-sm text-zinc-600">{service.summary}</p>
            <Link
              href={`/support/api/${service.slug}`}
              aria-label={`View API: ${service.title}`}
              className={buttonClasses("secondary", "self-start")}
            >
              View API
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
