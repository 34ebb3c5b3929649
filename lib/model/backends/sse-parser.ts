// Incremental parser for server-sent events: feed it text as it arrives (split anywhere,
// even between \r and \n) and it returns each event's data once complete.
import { BackendProtocolError } from "./backend-errors";

export class SseDataParser {
  private buffer = "";
  private data: string[] = [];

  /** Returns the data of every event completed by this text. */
  push(text: string): string[] {
    this.buffer += text;
    const out: string[] = [];
    for (;;) {
      const i = this.buffer.search(/[\r\n]/);
      if (i < 0) break;
      // A trailing \r may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[i] === "\r" && i === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + (this.buffer[i] === "\r" && this.buffer[i + 1] === "\n" ? 2 : 1));
      this.line(line, out);
    }
    return out;
  }

  /** The stream ended: flush an event that lacked its closing blank line. */
  end(): string[] {
    const out: string[] = [];
    if (this.buffer) this.line(this.buffer.replace(/\r$/, ""), out);
    this.buffer = "";
    this.line("", out);
    return out;
  }

  private line(line: string, out: string[]) {
    if (line === "") {
      if (this.data.length) out.push(this.data.join("\n"));
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event" || field === "id" || field === "retry") return;
    // The SSE spec ignores unknown fields, but a chat-completions server never sends them: a
    // line like this means it did not speak SSE at all (a JSON body, an HTML error page).
    else throw new BackendProtocolError(`the model server did not send server-sent events (got "${preview(line)}")`);
  }
}

export function preview(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
