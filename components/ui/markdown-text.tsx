// Markdown as the study lead wrote it (queue guidelines), rendered safely: react-markdown
// builds React elements, never HTML strings, so raw HTML in the text shows as text, and its
// default URL filter drops javascript: and other unsafe links. Headings start at h3: the
// text sits inside a page whose h1 and h2 are the app's own.
import Markdown, { type Components } from "react-markdown";

function heading(Tag: "h3" | "h4" | "h5" | "h6") {
  function Heading({ children }: { children?: React.ReactNode }) {
    return <Tag className="mt-2 mb-1 font-semibold">{children}</Tag>;
  }
  return Heading;
}

const COMPONENTS: Components = {
  h1: heading("h3"),
  h2: heading("h4"),
  h3: heading("h5"),
  h4: heading("h6"),
  h5: heading("h6"),
  h6: heading("h6"),
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noreferrer noopener" className="text-sky-700 underline dark:text-sky-400">
      {children}
    </a>
  ),
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : "[image]"}</span>,
};

export function MarkdownText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div
      className={`space-y-1.5 text-sm break-words [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800 [&_blockquote]:border-l-2 [&_blockquote]:border-slate-300 [&_blockquote]:pl-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-5 ${className}`}
    >
      <Markdown skipHtml={false} components={COMPONENTS}>
        {text}
      </Markdown>
    </div>
  );
}
