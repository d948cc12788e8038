"""Checks the built book in a real browser; run by `cargo xtask book-check`.

Serves the built book (mdBook's output directory) on 127.0.0.1 and opens every chapter listed in
SUMMARY.md in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; Playwright's
own browser downloads are never used). For each page it checks:

- the page answers HTTP 200, no request fails or answers >= 400, nothing is requested from
  another host, and the console shows no error;
- every <img> loaded (naturalWidth > 0);
- no code block has the playground's Run button (the Rust playground lacks this crate);
- if the chapter's Markdown has math ($...$ or $$...$$ outside code): the page has KaTeX
  output (.katex), no KaTeX error, no raw "$$" left in its text, KaTeX's stylesheet applied
  (the MathML copy hidden, .katex set in KaTeX_Main) and the KaTeX_Main font loaded.

- the page is in the edition's language (<html lang>, and for a translation, text in its
  script, and every text of its widgets translated by playground.js), and its language switch
  links to the same page of the other edition, which exists;
- a formula with Cyrillic letters (which KaTeX's fonts lack, so the browser's fonts draw them)
  shows each of them with a size; each such formula gets a screenshot of its own.

- accessibility, once the page's widgets have drawn: axe-core (pinned in xtask/npm/, --axe) finds
  no violation of WCAG 2.0 and 2.1, levels A and AA; each violation is named by its rule, with up
  to three of the elements at fault;
- on a phone's screen (390x844, touch): the page does not scroll sideways (a code block may
  scroll inside itself).

It saves a full-page screenshot per chapter in the output directory, prints one line per page,
then the axe violations per rule over all pages, and exits with status 1 if any page failed.

Usage: python browser_check.py --build SITE --src BOOK/src --lang en --out DIR --axe AXE.JS [--chromium PATH]
"""

import re
import sys
from pathlib import Path

from browser_common import (
    book_check_parser, collect_errors, guard_routes, phone_context, served_browser, verdict
)

TIMEOUT_MS = 30_000

# The rules axe-core runs: WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

AXE_JS = """async (tags) => {
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
}"""

# Every widget has drawn, or said why it stopped (playground.js marks <html> when it is done).
WIDGETS_DRAWN_JS = """() => !document.querySelector("[data-nn-widget]")
    || document.documentElement.dataset.nnWidgets === "ready" """

# Whether the page itself scrolls sideways (wider than the screen), and what sticks out.
SIDEWAYS_JS = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll("main *")) {
        if (el.closest("pre, .katex-display, table")) continue;
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && wide.length < 3) wide.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
    }
    return { scroll: document.documentElement.scrollWidth, width, wide };
}"""


def chapters(src: Path):
    """(markdown path relative to src, html path relative to the build dir) for SUMMARY.md."""
    summary = (src / "SUMMARY.md").read_text(encoding="utf-8")
    seen = []
    for target in re.findall(r"\]\(([^)\s]+\.md)(?:#[^)]*)?\)", summary):
        if target in (md for md, _ in seen):
            continue
        path = Path(target)
        if path.name.lower() == "readme.md":
            html = path.with_name("index.html")
        else:
            html = path.with_suffix(".html")
        seen.append((target, html.as_posix()))
    return seen


def has_math(markdown: str) -> bool:
    """Whether the Markdown has $...$ or $$...$$ outside code (what mdbook-katex renders)."""
    text = []
    fence = None
    for line in markdown.splitlines():
        stripped = line.lstrip()
        marker = stripped[:3]
        if fence is None and marker in ("```", "~~~"):
            fence = marker
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        text.append(line)
    prose = "\n".join(text)
    prose = re.sub(r"`[^`]*`", "", prose)
    prose = prose.replace("\\$", "")
    return "$$" in prose or re.search(r"\$[^$\n]+\$", prose) is not None


PAGE_FACTS_JS = """
async () => {
    const imgs = Array.from(document.querySelectorAll('img'));
    await Promise.all(imgs.map(img => img.complete ? null : new Promise(resolve => {
        img.loading = 'eager';
        img.addEventListener('load', resolve);
        img.addEventListener('error', resolve);
        setTimeout(resolve, 10000);
    })));
    await document.fonts.ready;
    const main = document.querySelector('main') || document.body;
    const prose = main.cloneNode(true);
    prose.querySelectorAll('pre, code, .katex').forEach(e => e.remove());
    const katex = main.querySelector('.katex');
    const mathml = main.querySelector('.katex-mathml');
    const loadedFonts = Array.from(document.fonts)
        .filter(f => f.status === 'loaded')
        .map(f => f.family.replace(/["']/g, ''));
    return {
        images: imgs.map(img => ({
            src: img.getAttribute('src'),
            ok: img.complete && img.naturalWidth > 0,
        })),
        katexCount: main.querySelectorAll('.katex').length,
        katexErrors: main.querySelectorAll('.katex-error').length,
        rawDisplayMath: prose.textContent.includes('$$'),
        katexFont: katex ? getComputedStyle(katex).fontFamily : null,
        mathmlPosition: mathml ? getComputedStyle(mathml).position : null,
        katexMainLoaded: loadedFonts.includes('KaTeX_Main'),
        playButtons: document.querySelectorAll('.play-button').length,
        lang: document.documentElement.lang,
        switchHref: (document.querySelector('a.nn-language') || {getAttribute: () => null})
            .getAttribute('href'),
        cyrillic: (prose.textContent.match(/[\u0400-\u04ff]/g) || []).length,
        letters: (prose.textContent.match(/[A-Za-z\u0400-\u04ff]/g) || []).length,
        widgets: document.querySelectorAll('[data-nn-widget]').length,
        widgetsTranslated: window.nnTranslated === true,
        untranslated: window.nnUntranslated || [],
        cyrillicMath: Array.from(main.querySelectorAll('.katex')).map((k, i) => ({
            index: i,
            text: k.textContent,
            // KaTeX marks the letters its fonts lack: each must take up room on the page.
            letters: Array.from(k.querySelectorAll('.cyrillic_fallback')).map(e => {
                const box = e.getBoundingClientRect();
                return {text: e.textContent, width: box.width, height: box.height};
            }),
        })).filter(k => /[\u0400-\u04ff]/.test(k.text)),
    };
}
"""


def check_page(context, base, md, html, src, out, build, lang, axe: Path, violations: dict):
    """Returns (failures, summary) for one chapter."""
    failures = []
    page = context.new_page()
    guard_routes(page, base, failures)
    collect_errors(page, failures)
    page.on(
        "requestfailed",
        lambda req: failures.append(f"request failed: {req.url} ({req.failure})"),
    )
    page.on(
        "response",
        lambda resp: failures.append(f"HTTP {resp.status} for {resp.url}")
        if resp.status >= 400
        else None,
    )

    url = base + html
    try:
        response = page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    except Exception as err:  # noqa: BLE001 (any navigation error fails the page)
        page.close()
        return [f"cannot load {url}: {err}"], ""
    if response is None or response.status != 200:
        status = response.status if response is not None else "no response"
        failures.append(f"HTTP {status} for the page itself")

    try:
        page.wait_for_function(WIDGETS_DRAWN_JS, timeout=TIMEOUT_MS)
    except Exception:  # noqa: BLE001 (reported as a failure)
        failures.append("the widgets did not draw within 30 s")
    facts = page.evaluate(PAGE_FACTS_JS)
    page.add_script_tag(path=str(axe))
    for v in page.evaluate(AXE_JS, AXE_TAGS):
        violations[v["id"]] = violations.get(v["id"], 0) + v["nodes"]
        failures.append(
            f"axe {v['id']} ({v['impact']}, {v['nodes']} element(s)): {v['help']}; "
            f"e.g. {', '.join(v['targets'])}"
        )
    for img in facts["images"]:
        if not img["ok"]:
            failures.append(f"image did not load: {img['src']}")

    if facts["playButtons"]:
        failures.append(
            f"{facts['playButtons']} playground Run button(s): the snippets use this crate, "
            "which the Rust playground lacks (book.toml: [output.html.playground] runnable = false)"
        )

    if facts["lang"] != lang:
        failures.append(f"<html lang={facts['lang']!r}>, expected {lang!r}")
    if facts["switchHref"] is None:
        failures.append("no language switch (a.nn-language, from theme/head.hbs)")
    elif not ((build / html).parent / facts["switchHref"]).resolve().is_file():
        failures.append(f"the language switch leads to {facts['switchHref']}, which was not built")
    if lang == "ru" and facts["cyrillic"] < facts["letters"] // 2:
        failures.append(
            f"only {facts['cyrillic']} of {facts['letters']} letters of the prose are Cyrillic: "
            "is the chapter translated (po/ru.po)?"
        )
    if lang != "en" and facts["widgets"]:
        if not facts["widgetsTranslated"]:
            failures.append("the widgets' script did not run (playground.js)")
        for text in facts["untranslated"]:
            failures.append(f"a widget shows {text!r} untranslated (RUSSIAN in playground.js)")
    for k in facts["cyrillicMath"]:
        if not k["letters"] or any(c["width"] <= 0 or c["height"] <= 0 for c in k["letters"]):
            failures.append(f"a formula's Cyrillic is not typeset visibly: {k['text']!r}")
        shot = out / (html.replace("/", "_").removesuffix(".html") + f"-formula-{k['index']}.png")
        page.locator(".katex").nth(k["index"]).screenshot(path=str(shot))

    md_path = src / md
    math = md_path.is_file() and has_math(md_path.read_text(encoding="utf-8"))
    if math:
        if facts["katexCount"] == 0:
            failures.append("the Markdown has math but the page has no KaTeX output (.katex)")
        if facts["katexErrors"]:
            failures.append(f"{facts['katexErrors']} KaTeX error(s) (.katex-error)")
        if facts["rawDisplayMath"]:
            failures.append('raw "$$" left in the text: math not rendered')
        if facts["katexCount"]:
            if "KaTeX_Main" not in (facts["katexFont"] or ""):
                failures.append(
                    "KaTeX stylesheet not applied: .katex font-family is "
                    f"{facts['katexFont']!r}"
                )
            if facts["mathmlPosition"] not in (None, "absolute"):
                failures.append(
                    "KaTeX stylesheet not applied: the MathML copy is visible "
                    f"(position {facts['mathmlPosition']!r})"
                )
            if not facts["katexMainLoaded"]:
                failures.append("the KaTeX_Main font did not load")

    shot = out / (html.replace("/", "_").removesuffix(".html") + ".png")
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    summary = (
        f"{facts['katexCount']} math ({len(facts['cyrillicMath'])} with Cyrillic), "
        f"{len(facts['images'])} image(s), "
        f"screenshot {shot}"
    )
    return failures, summary


def check_phone(phone, base: str, html: str) -> list:
    """The page on a phone's screen (390x844): it must not scroll sideways."""
    page = phone.new_page()
    try:
        page.goto(base + html, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_function(WIDGETS_DRAWN_JS, timeout=TIMEOUT_MS)
        side = page.evaluate(SIDEWAYS_JS)
    except Exception as err:  # noqa: BLE001 (any error fails the page)
        return [f"on a phone's screen: {err}"]
    finally:
        page.close()
    if side["scroll"] > side["width"] + 1:
        return [
            f"on a phone's screen (390 px) the page scrolls sideways: {side['scroll']} px wide; "
            f"sticking out: {', '.join(side['wide']) or 'nothing outside code blocks'}"
        ]
    return []


def main() -> int:
    parser = book_check_parser(__doc__)
    parser.add_argument("--src", type=Path, required=True, help="the book's src/ (SUMMARY.md)")
    parser.add_argument("--lang", default="en", help="the edition's language (book.language)")
    parser.add_argument("--axe", type=Path, required=True, help="axe-core's axe.min.js")
    args = parser.parse_args()

    pages = chapters(args.src)
    if not pages:
        print(f"book-check: no chapter found in {args.src / 'SUMMARY.md'}")
        return 1
    missing = [html for _, html in pages if not (args.build / html).is_file()]
    print(f"book-check: the {args.lang} edition in {args.build}")
    args.out.mkdir(parents=True, exist_ok=True)

    failed = 0
    violations = {}
    with served_browser(args.build, args.chromium) as (browser, base):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        phone = phone_context(browser, base)
        for md, html in pages:
            if html in missing:
                failures, summary = [f"not built: {args.build / html} does not exist"], ""
            else:
                failures, summary = check_page(
                    context, base, md, html, args.src, args.out, args.build, args.lang,
                    args.axe, violations,
                )
                failures += check_phone(phone, base, html)
            if failures:
                failed += 1
                print(f"FAIL {html} (from {md}):")
                for failure in dict.fromkeys(failures):
                    print(f"       {failure}")
            else:
                print(f"ok   {html}: {summary}")
        context.close()
        phone.close()

    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(violations.items())) or "none"
    print(f"book-check: axe violations (WCAG 2.1 A/AA) per rule, elements over all pages: {rules}")

    n = len(pages)
    return verdict("book-check", failed, f"of {n} page(s) failed", f"all {n} page(s) passed")


if __name__ == "__main__":
    sys.exit(main())
