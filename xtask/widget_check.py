"""Checks the book's widgets (the crate compiled to WebAssembly) in a real browser; run by
`cargo xtask book-check` after browser_check.py, on the same built book.

Serves the built book on 127.0.0.1 and, in headless Chromium, with every request to another host
refused and counted as a failure and any console error a failure:

- the network chapter's sliders show o1 = 0.7216325609518421 for the tutorial's example
  (w = [0, 1] for every neuron, biases 0, 137 lb and 69 in, that is x = [2, 3]);
- the training chapter's "train it yourself" reaches epoch 1000 and draws its loss curve;
- the playground, on the tutorial's people with seed 42, learning rate 0.1, 1000 epochs, shows a
  final training loss equal to the native `train` run's (--native-loss) to 1e-9 relative; "step
  one person" shows the 12 chain-rule factors and the 9 partial derivatives; pointing at a hidden
  neuron shows its output map;
- on the circle, the 2-2-1 network ends at least 10 points of accuracy below a 2-8-8-1 network;
- opened from file://, a widget says why it cannot start;
- the softmax chapter's "draw a digit" (widget_digits.py): ten digits drawn as strokes, clear,
  keyboard, phone, a model that does not load, the Russian edition;
- hostile addresses (HOSTILE: unknown names and keys, out-of-range and unreadable numbers,
  markup, huge and repeated values) open the playground without a script error or a hang: the
  widget lists each refused setting with the words expected, the form shows the default that
  runs instead, the address is rewritten to what runs, and no markup from the address reaches
  the page; on the Russian edition (BOOK/build/ru/html, when built) the refusal is in Russian,
  and every label of the menus the crate fills has its Russian;
- the words each edition's widgets show once they ran (their text, menus, the crate's SVGs,
  titles and text alternatives): no English word in the Russian edition's outside the names and
  symbols of --allowed (xtask/src/words.rs's ALLOWED), and no Cyrillic in the English edition's;
  the counts per edition go to OUT/measurements.json.

It also measures, in the browser, epochs per second for the tutorial network on its 4 people
and for a 2-8-8-1 network on the Howell adults, and frames per second while the playground plays;
it prints them and writes them to OUT/measurements.json. Screenshots of each widget go to OUT.

Usage: python widget_check.py --build BOOK/build/html --out DIR --native-loss X --allowed W,W
       [--chromium PATH]
"""

import json
import re
import sys
from pathlib import Path

from browser_common import (
    book_check_parser, collect_errors, guard_routes, phone_context, served_browser, tab_to, verdict
)
from widget_digits import check_digits

TIMEOUT_MS = 120_000
TUTORIAL = "data=tutorial&net=tutorial&seed=42&lr=0.1&speed=max"
CIRCLE = "data=circle&test=0.3&noise=0.05&points=200&seed=1&until=300&speed=max"
DEEP = "net=2-8-8-1&act=tanh&loss=mse&opt=adam&lr=0.03&batch=10"
HOWELL_DEEP = "data=howell&test=0.25&net=2-8-8-1&act=tanh&loss=bce&opt=adam&lr=0.01&batch=32&seed=1&speed=max"

# Hostile addresses of the playground: (address, the refused key, words the widget must show,
# the form field that must show what runs, its value). web/src/settings.rs's tests hold the same
# rules natively; this checks what the reader sees.
HOSTILE = [
    ("act=leaky", "act", ["act=leaky", "is not one of: sigmoid, tanh, relu", "using sigmoid"], "act", "sigmoid"),
    ("lr=-1", "lr", ["lr=-1", "must be a positive finite number", "using 0.1"], "lr", "0.1"),
    ("net=custom&hidden=100000-100000", "hidden", ["hidden=100000-100000", "out of range: from 1 to 16", "using tutorial"], "net", "tutorial"),
    ("net=2-99-1", "net", ["net=2-99-1", "out of range: from 1 to 16"], "net", "tutorial"),
    ("points=1e9", "points", ["points=1e9", "out of range: from 20 to 1000", "using 200"], "points", "200"),
    ("seed=abc", "seed", ["seed=abc", "not a number", "using 42"], "seed", "42"),
    ("nonsense=1", "nonsense", ["nonsense=1", "there is no such setting"], "data", "tutorial"),
    ("data=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "data", ["data=<img src=x onerror=alert(1)>", "is not one of:"], "data", "tutorial"),
    ("data=<script>alert(1)</script>", "data", ["data=<script>alert(1)</script>", "is not one of:"], "data", "tutorial"),
    ("batch=" + "9" * 5000, "batch", ["batch=999", "out of range: from 1 to 1000"], "batch", "1"),
    ("seed=1&seed=2", "seed", ["seed=2", "given more than once"], "seed", "1"),
    ("test=0.99&data=tutorial", "test", ["test=0.99", "using 0"], "test", "0"),
    ("speed=1000000000&until=1e99", "speed", ["speed=1000000000", "is not one of: 1, 10, 100, max"], "speed", "10"),
]

MEASURE_JS = """
([query, epochs]) => {
    const play = new window.nnWeb.Playground(query);
    play.set_words(window.nnFigureWords);
    play.run(1);
    const start = performance.now();
    play.run(epochs);
    const seconds = (performance.now() - start) / 1000;
    const loss = play.train_loss();
    const drawStart = performance.now();
    play.map_svg(60); play.loss_svg(); play.network_svg(99, 0);
    const drawMs = performance.now() - drawStart;
    play.free();
    return {epochs_per_second: epochs / seconds, loss, figures_ms: drawMs};
}
"""


# The texts a reader meets in one part of a page (the widgets, or mdBook's interface).
TEXTS_JS = """
([roots, attributes, skip]) => {
    // The text under each element of `roots` and the `attributes` of it and its descendants;
    // not the text inside `skip`, nor what is in another language on purpose (the language
    // switcher, marked with its `lang`).
    const page = document.documentElement.lang;
    const own = (e) => (e.closest("[lang]")?.getAttribute("lang") || page) === page;
    const texts = [];
    for (const root of document.querySelectorAll(roots)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const e = n.parentElement;
            if (own(e) && !(skip && e.closest(skip))) texts.push(n.nodeValue);
        }
        for (const e of [root, ...root.querySelectorAll("*")]) {
            if (own(e)) for (const a of attributes) texts.push(e.getAttribute(a) || "");
        }
    }
    return texts.join("\\n");
}
"""
# What the widgets show: their text, titles and labels.
WIDGET_TEXTS = ["[data-nn-widget]", ["title", "aria-label"], None]
# mdBook's own interface: the menu bar, the keyboard help, the search box with the results'
# header and labels, the page navigation, and the buttons' titles in the page; not what the
# search found (the chapters' own text).
INTERFACE_TEXTS = [
    "#mdbook-menu-bar, #mdbook-help-container, #mdbook-search-wrapper, nav[aria-label], #mdbook-content button",
    ["title", "aria-label", "placeholder"],
    "#mdbook-searchresults li, noscript, #mdbook-content button",
]


def foreign_words(text, russian, allowed):
    """The English words of a Russian page's `text` (outside `allowed`; a word glued to a digit,
    an underscore or a dot is code), or the Cyrillic words of an English page's."""
    if not russian:
        return re.findall(r"[\u0400-\u04ff]+", text)
    for name in (a for a in allowed if "-" in a):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    words = (w.rstrip(".:'") for w in re.findall(r"[A-Za-z0-9_.:]*[A-Za-z][A-Za-z0-9_.:']*", text))
    return [w for w in words if len(w) >= 2 and re.fullmatch(r"[A-Za-z']+", w) and w.lower() not in allowed]


def widget_words(context, base, build, russian, allowed, failures):
    """{page: foreign words} of one edition's widget pages, after each widget ran a little."""
    found = {}
    for html in sorted(build.glob("*.html")):
        if html.name == "print.html" or "data-nn-widget" not in html.read_text(encoding="utf-8"):
            continue
        page = context.new_page()
        collect_errors(page, failures, f"{'ru/' if russian else ''}{html.name}: ")
        page.goto(base + html.name, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_function("() => document.documentElement.dataset.nnWidgets === 'ready'", timeout=TIMEOUT_MS)
        for action in ["epoch", "person"]:
            button = page.locator(f"[data-nn-widget=playground] [data-action={action}]")
            if button.count() and button.first.is_enabled():
                button.first.click()
        train = page.locator("[data-nn-widget=train] [data-action=play]")
        if train.count():
            train.first.click()
            page.wait_for_selector("[data-nn-widget=train] .nn-loss svg", timeout=TIMEOUT_MS)
            train.first.click()
        words = foreign_words(page.evaluate(TEXTS_JS, WIDGET_TEXTS), russian, allowed)
        if words:
            found[html.name] = words
        page.close()
    return found



def interface_words(context, base, russian, allowed, failures):
    """The foreign words of mdBook's own interface on one edition's chapter page (the menu bar,
    the keyboard help, the buttons, the page navigation) after a search, whose results header
    the searcher writes as the reader types; and that header."""
    page = context.new_page()
    collect_errors(page, failures, f"{'ru/' if russian else ''}01-neuron.html: ")
    page.goto(base + "01-neuron.html", wait_until="load", timeout=TIMEOUT_MS)
    page.click("#mdbook-search-toggle")
    page.locator("#mdbook-searchbar").press_sequentially("sigmoid", delay=20)
    page.wait_for_function(
        "() => document.getElementById('mdbook-searchresults-header').innerText.trim() !== ''",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(200)
    header = page.locator("#mdbook-searchresults-header").inner_text()
    words = foreign_words(page.evaluate(TEXTS_JS, INTERFACE_TEXTS), russian, allowed)
    page.close()
    return words, header


def main() -> int:
    parser = book_check_parser(__doc__)
    parser.add_argument("--native-loss", type=float, required=True)
    parser.add_argument("--allowed", required=True, help="comma-separated words a Russian page may show")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failures = []
    measurements = {}

    def check(ok, message):
        print(f"{'ok  ' if ok else 'FAIL'} {message}")
        if not ok:
            failures.append(message)

    # The Russian edition, for the refusals' language: in the site's ru/ folder.
    russian = args.build / "ru"
    with served_browser(args.build, args.chromium) as (browser, base):
        ru_base = base + "ru/" if (russian / "11-playground.html").exists() else None
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        guard_routes(context, base, failures)

        def open_page(path):
            page = context.new_page()
            collect_errors(page, failures, f"{path}: ")
            page.goto(base + path, wait_until="load", timeout=TIMEOUT_MS)
            page.wait_for_function("() => window.nnWeb !== undefined", timeout=TIMEOUT_MS)
            return page

        def shot(page, selector, name):
            page.locator(selector).first.screenshot(path=str(args.out / name))

        # The network chapter.
        page = open_page("02-network.html")
        o1 = page.locator("[data-nn-widget=forward] [data-out=o1]").text_content()
        check(o1 == "0.7216325609518421", f"network chapter: o1 = {o1} for the tutorial's example")
        shot(page, "[data-nn-widget=forward]", "widget-network.png")
        page.close()

        # The training chapter.
        page = open_page("05-training.html")
        widget = "[data-nn-widget=train]"
        page.click(f"{widget} [data-action=play]")
        page.wait_for_function(
            f"() => document.querySelector('{widget} [data-out=epoch]').textContent === '1000'",
            timeout=TIMEOUT_MS,
        )
        page.wait_for_timeout(300)
        has_curve = page.locator(f"{widget} .nn-loss svg").count() == 1
        check(has_curve, "training chapter: 1000 epochs trained, loss curve drawn")
        shot(page, widget, "widget-train.png")
        page.close()

        # The playground: the tutorial's run against the native one.
        widget = "[data-nn-widget=playground]"

        def run_playground(query, name):
            page = open_page(f"11-playground.html#{query}")
            until = int(dict(kv.split("=") for kv in query.split("&")).get("until", "0"))
            page.click(f"{widget} [data-action=play]")
            page.wait_for_function(
                f"() => document.querySelector('{widget} [data-out=epoch]').textContent === '{until}'",
                timeout=TIMEOUT_MS,
            )
            page.wait_for_timeout(400)
            shot(page, widget, name)
            return page

        page = run_playground(f"{TUTORIAL}&until=1000", "playground-tutorial.png")
        loss = float(page.locator(f"{widget} [data-out=train-loss]").get_attribute("data-value"))
        relative = abs(loss - args.native_loss) / args.native_loss
        check(
            relative <= 1e-9,
            f"playground: final loss {loss!r} after 1000 epochs, native {args.native_loss!r} "
            f"(relative difference {relative:.1e})",
        )
        page.click(f"{widget} [data-action=person]")
        pairs = page.locator(f"{widget} .nn-step .nn-pairs span").count()
        check(pairs == 21, f"playground: step one person shows {pairs} factors and partials (21)")
        box = page.locator(f"{widget} .nn-net svg").bounding_box()
        # h1 of the 2-2-1 diagram (plot::mlp_neuron_positions: x 280, y 150 of 560 x 340).
        page.mouse.move(box["x"] + box["width"] * 280 / 560, box["y"] + box["height"] * 150 / 340)
        page.wait_for_timeout(300)
        title = page.locator(f"{widget} .nn-neuron svg text").first.text_content()
        check("Hidden layer 1, neuron 1" in (title or ""), f"playground: hover shows {title!r}")
        shot(page, widget, "playground-step-person.png")
        page.close()

        # From the keyboard alone: Tab reaches Play, Step and Reset, each shows where the
        # focus is, and Enter or Space presses it.
        page = open_page(f"11-playground.html#{TUTORIAL}")
        epoch = lambda: page.locator(f"{widget} [data-out=epoch]").text_content()
        for action, key, wanted in [("epoch", "Enter", "1"), ("reset", "Space", "0")]:
            button = page.locator(f"{widget} [data-action={action}]")
            focused, ring = tab_to(page, button, 60)
            page.keyboard.press(key)
            page.wait_for_timeout(300)
            check(
                focused and ring and epoch() == wanted,
                f"playground, keyboard: Tab reaches {action} (focused {focused}, visible ring {ring}), "
                f"{key} makes the epoch {epoch()} ({wanted})",
            )
        button = page.locator(f"{widget} [data-action=play]")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)
        page.keyboard.press("Enter")
        check(int(epoch()) > 0, f"playground, keyboard: Enter on Play trains ({epoch()} epochs), Enter again pauses")
        labels = page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-nn-widget] [role=img]'))
                .map((el) => el.getAttribute('aria-label') || '')"""
        )
        check(
            len(labels) >= 3 and all(len(l) > 20 for l in labels),
            f"playground: {len(labels)} drawn figures, each with a text alternative ({labels[:1]})",
        )
        page.close()

        # By touch, on a phone's screen: a tap steps one epoch.
        phone = phone_context(browser, base, failures)
        page = phone.new_page()
        collect_errors(page, failures, "phone: ")
        page.goto(base + f"11-playground.html#{TUTORIAL}", wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.nnWeb !== undefined", timeout=TIMEOUT_MS)
        page.locator(f"{widget} [data-action=epoch]").tap()
        page.locator(f"{widget} [data-action=epoch]").tap()
        page.wait_for_timeout(300)
        taps = page.locator(f"{widget} [data-out=epoch]").text_content()
        wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(taps == "2" and wide <= 1, f"playground, phone (390x844): two taps step {taps} epochs (2), page {wide} px too wide (0)")
        page.screenshot(path=str(args.out / "playground-phone.png"), full_page=False)
        page.close()
        phone.close()

        # The circle: the tutorial's network against a deeper one.
        accuracy = {}
        for net, query in [("2-2-1", f"{CIRCLE}&net=tutorial&lr=0.1"), ("2-8-8-1", f"{CIRCLE}&{DEEP}")]:
            page = run_playground(query, f"playground-circle-{net}.png")
            value = page.locator(f"{widget} [data-out=test-acc]").get_attribute("data-value")
            accuracy[net] = float(value)
            page.close()
        check(
            accuracy["2-8-8-1"] - accuracy["2-2-1"] >= 0.1,
            f"playground, circle: test accuracy 2-2-1 {accuracy['2-2-1']:.3f}, "
            f"2-8-8-1 {accuracy['2-8-8-1']:.3f}",
        )

        # Measurements: epochs per second, and frames per second while playing.
        page = open_page("11-playground.html")
        measurements["tutorial_epochs_per_second"] = page.evaluate(MEASURE_JS, [TUTORIAL, 20000])
        measurements["howell_2_8_8_1_epochs_per_second"] = page.evaluate(MEASURE_JS, [HOWELL_DEEP, 200])
        page.close()
        for name, query in [("tutorial", TUTORIAL), ("howell_2_8_8_1", HOWELL_DEEP)]:
            page = open_page(f"11-playground.html#{query}")
            page.click(f"{widget} [data-action=play]")
            page.wait_for_timeout(4000)
            fps = float(page.locator(widget).get_attribute("data-fps"))
            eps = float(page.locator(widget).get_attribute("data-epochs-per-second"))
            measurements[f"{name}_playing"] = {"frames_per_second": fps, "epochs_per_second": eps}
            if name == "howell_2_8_8_1":
                shot(page, widget, "playground-howell.png")
            page.close()
        print("measurements:", json.dumps(measurements, indent=1))
        (args.out / "measurements.json").write_text(json.dumps(measurements, indent=1) + "\n")

        # Hostile addresses: refused by name, the form showing what runs, no markup, no hang.
        for number, (address, key, words, field, value) in enumerate(HOSTILE):
            page = open_page(f"11-playground.html#{address}")
            page.wait_for_selector(f"{widget}[data-refused]", timeout=TIMEOUT_MS)
            text = page.locator(f"{widget} .nn-refused").text_content() or ""
            shown = page.locator(f"{widget} [name={field}]").input_value()
            injected = page.evaluate(
                "() => document.querySelectorAll('[data-nn-widget] script, [data-nn-widget] img').length"
            )
            hash_now = page.evaluate("() => decodeURIComponent(location.hash)")
            missing = [w for w in words if w not in text]
            check(
                not missing and shown == value and injected == 0,
                f"hostile #{address[:50]}: says {text[:160]!r}; form {field}={shown!r} "
                f"(expected {value!r}); markup from the address: {injected}"
                + (f"; missing {missing}" if missing else ""),
            )
            check(f"{field}={value}" in hash_now, f"hostile #{address[:40]}: the address now says what runs")
            if number == 0:
                shot(page, widget, "playground-refused.png")
            page.close()
        if ru_base:
            page = context.new_page()
            page.on("pageerror", lambda e: failures.append(f"ru: script error: {e}"))
            page.goto(ru_base + "11-playground.html#act=leaky&lr=-1", wait_until="load", timeout=TIMEOUT_MS)
            page.wait_for_selector(f"{widget}[data-refused]", timeout=TIMEOUT_MS)
            text = page.locator(f"{widget} .nn-refused").text_content() or ""
            words = ["Отклонено из адреса:", "act=leaky не из списка: sigmoid, tanh, relu; используется sigmoid",
                     "lr=-1 должно быть положительным конечным числом; используется 0.1"]
            check(all(w in text for w in words), f"hostile, Russian edition: says {text!r}")
            # The menus are filled from the crate once it has loaded: each label translated.
            left = page.evaluate("() => window.nnUntranslated")
            check(not left, f"Russian edition: the playground's menus show no English label ({left})")
            shot(page, widget, "playground-refused-ru.png")
            page.close()
        else:
            check(False, f"no Russian edition at {russian} to check the refusals' language")

        # The softmax chapter's "draw a digit".
        digits_ru = ru_base if (russian / "12-softmax.html").exists() else None
        check_digits(browser, context, base, digits_ru, args.out, check, failures)
        if not digits_ru:
            check(False, f"no Russian edition of the softmax chapter at {russian} to check the digits widget in")

        # The words each edition's widgets show.
        allowed = {w.lower() for w in args.allowed.split(",")}
        editions = [(base, args.build, False)] + ([(ru_base, russian, True)] if ru_base else [])
        for edition_base, build, is_russian in editions:
            found = widget_words(context, edition_base, build, is_russian, allowed, failures)
            what = "English words in the Russian" if is_russian else "Cyrillic in the English"
            count = sum(len(w) for w in found.values())
            measurements[f"widget_foreign_words_{'ru' if is_russian else 'en'}"] = count
            check(not found, f"{what} edition's widgets: {count} {found}")
            words, header = interface_words(context, edition_base, is_russian, allowed, failures)
            measurements[f"interface_foreign_words_{'ru' if is_russian else 'en'}"] = len(words)
            check(not words, f"{what} edition's mdBook interface (search header {header!r}): {words}")
        (args.out / "measurements.json").write_text(json.dumps(measurements, indent=1) + "\n")

        # Opened from a file, the widget says why it cannot start.
        page = context.new_page()
        page.goto((args.build / "02-network.html").resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        text = page.locator("[data-nn-widget=forward] .nn-status").text_content() or ""
        check("web server" in text, f"from file://, the widget says: {text[:80]!r}...")
        shot(page, "[data-nn-widget=forward]", "widget-network-file.png")
        page.close()

        context.close()

    for failure in dict.fromkeys(f for f in failures if not f.startswith("FAIL")):
        if "console error" in failure or "script error" in failure or "another host" in failure:
            print(f"FAIL {failure}")
    return verdict("widget-check", len(failures), "failure(s)", "all passed", args.out)


if __name__ == "__main__":
    sys.exit(main())
