import { postmanCollectionFor } from "@/lib/api-docs/postman";
import { getCurrentMember } from "@/lib/auth/member";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import { SESSION_ENDED } from "@/lib/auth/messages";

const plain = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/**
 * "Run in Postman": the service's Postman collection as a download. The documentation is
 * open to every member whatever their roles, so no permission in the table applies (and
 * memberRoute, which needs one, does not fit): being signed in is the check.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ service: string }> }): Promise<Response> {
  if (!(await getCurrentMember())) return plain(401, SESSION_ENDED);
  const { service } = await params;
  const pending = postmanCollectionFor(service);
  if (!pending) return plain(404, "There is no API documentation by that name.");
  try {
    const collection = await pending;
    return new Response(JSON.stringify(collection, null, 2), {
      headers: {
        "content-type": "application/json",
        // The slug is a content/api file name ([a-z0-9-]), safe inside the quotes.
        "content-disposition": `attachment; filename="${service}.postman_collection.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    const failure = reportFailure("route_failed", { route: "api_docs.postman", service }, error);
    return plain(failure.status, failureMessage(failure, false));
  }
}
