// npm run email:dev: previews every template in emails/ with its PreviewProps, as HTML and
// as plain text, at http://127.0.0.1:3030 (EMAIL_DEV_PORT). Templates are re-read on each
// request, so an edit shows on reload.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createElement, type ComponentType } from "react";
import { renderEmail } from "../lib/email/render";

const dir = path.join(process.cwd(), "emails");
const port = Number(process.env.EMAIL_DEV_PORT ?? 3030);
const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

const templates = () =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => f.replace(/\.tsx$/, ""));

async function render(name: string) {
  const mod = (await import(`${pathToFileURL(path.join(dir, `${name}.tsx`)).href}?v=${Date.now()}`)) as {
    default: ComponentType<object> & { PreviewProps?: object };
  };
  return renderEmail(createElement(mod.default, mod.default.PreviewProps ?? {}));
}

http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const [, name, view] = url.pathname.split("/");
    try {
      if (!name) {
        const list = templates()
          .map((t) => `<li><a href="/${t}">${t}</a> · <a href="/${t}/text">plain text</a></li>`)
          .join("");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(`<!doctype html><title>Roster emails</title><h1>Roster emails</h1><ul>${list}</ul>`);
      }
      if (!templates().includes(name)) {
        res.writeHead(404).end("No such template");
        return;
      }
      const { html, text } = await render(name);
      res.writeHead(200, {
        "content-type": view === "text" ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
      });
      res.end(view === "text" ? text : html);
    } catch (error) {
      res
        .writeHead(500, { "content-type": "text/plain; charset=utf-8" })
        .end(escapeHtml(String((error as Error).stack ?? error)));
    }
  })
  .listen(port, "127.0.0.1", () => console.log(`Email previews: http://127.0.0.1:${port} (${templates().join(", ")})`));
