/// The HTML report's stylesheet, inlined so the report is one self-contained
/// file: no fonts, images or scripts to fetch, and it prints on A4 or Letter
/// with tables that do not split rows across pages.
enum ReportStylesheet {
    static let css = """
    :root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --bad: #b42318; --good: #1a7f37; --drill: #9a6700; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 64rem; padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin-bottom: .2rem; }
    h2 { font-size: 1.2rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; margin-top: 2rem; }
    h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
    .meta, .muted { color: var(--muted); }
    .drill { color: var(--drill); font-weight: 600; border: 1px solid var(--drill); padding: 0 .4rem; border-radius: 3px; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); padding: .25rem .5rem; overflow-wrap: anywhere; }
    th { background: #f6f8fa; }
    tr { break-inside: avoid; }
    code, pre { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
    pre { background: #f6f8fa; border: 1px solid var(--rule); padding: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
    .text { white-space: pre-wrap; }
    .ok { color: var(--good); font-weight: 600; }
    .bad { color: var(--bad); font-weight: 600; }
    .path { margin: 0; padding-left: 1.2rem; }
    @media print {
      body { margin: 0; max-width: none; font-size: 11px; }
      h2 { break-after: avoid; }
      h3 { break-after: avoid; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
