import { DataTable } from "@/components/ui/data-table";
import type { OperationView, ParameterView, PayloadView } from "@/lib/api-docs/reference";
import { MethodBadge, StatusBadge } from "./badges";
import { CodeBlock } from "./code-block";
import { Markdown } from "@/components/markdown";

/** One operation: what it does, what it takes and what it answers. `webhook` when the service sends it to you. */
export function Operation({ operation, webhook = false }: { operation: OperationView; webhook?: boolean }) {
  const { anchor, summary } = operation;
  return (
    <article
      id={anchor}
      aria-labelledby={`${anchor}-title`}
      className="scroll-mt-6 space-y-4 rounded-lg border border-zinc-200 bg-white p-5"
    >
      <header className="space-y-2">
        <h3 id={`${anchor}-title`} className="text-base font-semibold">
          {summary}
          {operation.deprecated ? <span className="ml-2 text-xs font-medium text-zinc-600">(deprecated)</span> : null}
        </h3>
        <p className="flex flex-wrap items-center gap-2">
          <MethodBadge method={operation.method} />
          <code className="font-mono text-sm text-zinc-900 [overflow-wrap:anywhere]">{operation.path}</code>
          {webhook ? <span className="text-xs text-zinc-600">sent to your endpoint</span> : null}
        </p>
        <Markdown source={operation.description} />
      </header>

      {operation.parameters.length > 0 ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold">Parameters</h4>
          <Parameters operation={summary} parameters={operation.parameters} />
        </div>
      ) : null}

      {operation.requestBody ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold">
            Request body{" "}
            <span className="font-normal text-zinc-600">
              ({operation.requestBody.required ? "required" : "optional"})
            </span>
          </h4>
          <Markdown source={operation.requestBody.description} />
          <Payloads
            payloads={operation.requestBody.payloads}
            label={(type) => `Example request body for ${summary}${type}`}
          />
        </div>
      ) : null}

      {operation.responses.length > 0 ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold">Responses</h4>
          <ul className="divide-y divide-zinc-100">
            {operation.responses.map((response) => (
              <li key={response.status} className="space-y-2 py-2.5">
                <div className="flex items-start gap-3">
                  <StatusBadge status={response.status} />
                  <Markdown source={response.description} />
                </div>
                <Payloads
                  payloads={response.payloads}
                  label={(type) => `Example ${response.status} response for ${summary}${type}`}
                />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}

function Parameters({ operation, parameters }: { operation: string; parameters: ParameterView[] }) {
  return (
    <DataTable
      label={`Parameters of ${operation}`}
      caption={`Parameters of ${operation}`}
      columns={["Name", "In", "Type", "Required", "Description"]}
    >
      {parameters.map((p) => (
        <tr key={`${p.in}:${p.name}`} className="align-top">
          <th
            scope="row"
            className="whitespace-nowrap px-3 py-2.5 text-left font-mono text-xs font-semibold text-zinc-900"
          >
            {p.name}
          </th>
          <td className="px-3 py-2.5 text-zinc-700">{p.in}</td>
          <td className="px-3 py-2.5 font-mono text-xs text-zinc-700">{p.type}</td>
          <td className="px-3 py-2.5 text-zinc-700">{p.required ? "Required" : "Optional"}</td>
          <td className="min-w-64 px-3 py-2.5">
            <Markdown source={p.description} />
            {p.allowed.length > 0 ? (
              <p className="mt-1 text-xs text-zinc-600">
                One of:{" "}
                {p.allowed.map((value, i) => (
                  <span key={value}>
                    {i > 0 ? ", " : null}
                    <code className="font-mono text-zinc-800">{value}</code>
                  </span>
                ))}
              </p>
            ) : null}
            {p.defaultValue !== undefined ? (
              <p className="mt-1 text-xs text-zinc-600">
                Default: <code className="font-mono text-zinc-800">{p.defaultValue}</code>
              </p>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Each media type with its example; the content type joins the label only when there are several. */
function Payloads({ payloads, label }: { payloads: PayloadView[]; label: (contentType: string) => string }) {
  return payloads.map((payload) => (
    <div key={payload.contentType} className="space-y-1.5">
      <p className="text-xs text-zinc-600">
        <code className="font-mono">{payload.contentType}</code>
      </p>
      {payload.example !== null ? (
        <CodeBlock label={label(payloads.length > 1 ? ` (${payload.contentType})` : "")} code={payload.example} />
      ) : null}
    </div>
  ));
}
