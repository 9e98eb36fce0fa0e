// Renders <pre class="mermaid"> blocks, including those htmx swaps in later.
mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
function renderMermaid() {
  mermaid.run({ querySelector: ".mermaid:not([data-processed])" });
}
document.addEventListener("DOMContentLoaded", renderMermaid);
document.addEventListener("htmx:afterSettle", renderMermaid);
