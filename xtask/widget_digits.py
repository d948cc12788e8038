"""The softmax chapter's "draw a digit", checked as a reader would use it (called by
widget_check.py, on the same server and browser):

- with nothing drawn, the widget asks for a digit and answers nothing;
- ten digits 0-9 drawn with the mouse as strokes (pointer events along the paths of
  web/digits/tests/digit_strokes.json, which the crate's own test reads too): each answer is ten
  probabilities adding up to 1, and at least MIN_RIGHT of the ten are read right; what it
  answered for each is printed and written to OUT/digits.json;
- Clear empties the pad, the cells and the answer;
- from the keyboard alone: Tab reaches the pad with a visible focus ring, the arrows and Space
  draw a 7, Delete clears;
- on a phone's screen (390x844, touch): the page is not wider than the screen, a digit drawn with
  a finger is answered, and the page does not scroll under the finger;
- a model that does not load (missing, not JSON, a model of people) is said in a role=alert box,
  and drawing then raises no script error;
- on the Russian edition: the words are Russian, nothing is left in English, a probability is
  written with a decimal comma.
"""

import json
import re
from pathlib import Path

from browser_common import answer_with, collect_errors, phone_context, tab_to

CHAPTER = "12-softmax.html"
WIDGET = "[data-nn-widget=digits]"
STROKES = Path(__file__).resolve().parent.parent / "web/digits/tests/digit_strokes.json"
# How many of the ten drawn digits must be read right.
MIN_RIGHT = 8
TIMEOUT_MS = 120_000


def strokes():
    """The ten digits' strokes: for digit d, a list of strokes of [x, y] in a unit box."""
    return json.loads(STROKES.read_text())["digits"]


def open_digits(context, url, failures, prefix):
    """The chapter at `url` with its widget ready (model loaded or its failure shown)."""
    page = context.new_page()
    if failures is not None:
        collect_errors(page, failures, prefix)
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_selector(f"{WIDGET}[data-model]", state="attached", timeout=TIMEOUT_MS)
    return page


def pad_point(box, x, y):
    """A point of the unit box on the pad, with a margin (as a reader leaves one)."""
    return box["x"] + box["width"] * (0.15 + 0.7 * x), box["y"] + box["height"] * (0.1 + 0.8 * y)


def pad_box(page):
    """The pad's box on the screen, after scrolling it to the middle (clear of mdBook's bar)."""
    pad = page.locator(f"{WIDGET} .nn-pad")
    pad.evaluate("p => p.scrollIntoView({block: 'center'})")
    return pad.bounding_box()


def draw_with_mouse(page, digit_strokes):
    box = pad_box(page)
    for stroke in digit_strokes:
        page.mouse.move(*pad_point(box, *stroke[0]))
        page.mouse.down()
        for point in stroke[1:]:
            page.mouse.move(*pad_point(box, *point), steps=6)
        page.mouse.up()


def draw_with_finger(page, digit_strokes):
    """Touch events through the DevTools protocol: Chromium turns them into pointer events of
    type touch, as a finger on a phone's screen."""
    box = pad_box(page)
    cdp = page.context.new_cdp_session(page)

    def touch(kind, x, y):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    for stroke in digit_strokes:
        x, y = pad_point(box, *stroke[0])
        touch("touchStart", x, y)
        for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
            for k in range(1, 7):
                touch("touchMove", *pad_point(box, x0 + (x1 - x0) * k / 6, y0 + (y1 - y0) * k / 6))
        touch("touchEnd", 0, 0)
    cdp.detach()


def state(page):
    """What the widget shows: its answer, the ten probabilities, the cells, the verdict."""
    page.wait_for_timeout(150)
    return page.evaluate(
        f"""() => {{
            const el = document.querySelector('{WIDGET}');
            return {{
                answer: el.dataset.answer || null,
                probabilities: Array.from(el.querySelectorAll('.nn-probs tbody tr'))
                    .map((r) => r.dataset.value === '' ? null : Number(r.dataset.value)),
                shown: Array.from(el.querySelectorAll('.nn-probs .nn-value')).map((v) => v.textContent),
                cells: el.dataset.cells || '',
                verdict: el.querySelector('.nn-verdict').textContent,
                alert: el.querySelector('.nn-alert').textContent,
                ink: (() => {{
                    const pad = el.querySelector('.nn-pad');
                    const data = pad.getContext('2d').getImageData(0, 0, pad.width, pad.height).data;
                    let n = 0;
                    for (let i = 3; i < data.length; i += 4) n += data[i] > 0;
                    return n;
                }})(),
            }};
        }}"""
    )


def clear(page):
    page.click(f"{WIDGET} [data-action=clear]")
    return state(page)


def check_digits(browser, context, base, ru_base, out: Path, check, failures, chapter=CHAPTER):
    """Runs every check above on `chapter`; `check(ok, message)` records each."""
    url = base + chapter
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    present = page.locator(WIDGET).count()
    page.close()
    if not present:
        check(False, f"digits: no draw-a-digit widget ({WIDGET}) on {url}")
        return []
    page = open_digits(context, url, failures, "digits: ")
    model = page.locator(WIDGET).get_attribute("data-model")
    check(model == "loaded", f"digits: the model loaded ({model})")
    empty = state(page)
    check(
        empty["answer"] is None and "Draw a digit" in empty["verdict"] and empty["cells"] == ""
        and all(p is None for p in empty["probabilities"]),
        f"digits, nothing drawn: says {empty['verdict']!r}, answers {empty['answer']!r}",
    )

    # Ten digits drawn with the mouse.
    answers = []
    for digit, digit_strokes in enumerate(strokes()):
        clear(page)
        draw_with_mouse(page, digit_strokes)
        seen = state(page)
        probs = seen["probabilities"]
        total = sum(p for p in probs if p is not None)
        ten = len(probs) == 10 and all(p is not None and 0 <= p <= 1 for p in probs)
        check(ten and abs(total - 1) < 1e-9, f"digits: drawn {digit}: ten probabilities adding to {total!r}")
        answers.append({
            "drawn": digit,
            "answer": seen["answer"],
            "probability": max(probs) if ten else None,
            "probabilities": probs,
            "cells": seen["cells"],
        })
        if digit in (0, 7):
            page.locator(WIDGET).screenshot(path=str(out / f"digits-drawn-{digit}.png"))
    right = sum(a["answer"] == str(a["drawn"]) for a in answers)
    read = ", ".join(f"{a['drawn']}→{a['answer']} ({a['probability']:.2f})" for a in answers if a["probability"] is not None)
    check(right >= MIN_RIGHT, f"digits: {right} of 10 drawn digits read right (at least {MIN_RIGHT}): {read}")
    (out / "digits.json").write_text(json.dumps({"right": right, "answers": answers}, indent=1) + "\n")

    cleared = clear(page)
    check(
        cleared["ink"] == 0 and cleared["cells"] == "" and cleared["answer"] is None
        and "Draw a digit" in cleared["verdict"] and all(s == "–" for s in cleared["shown"]),
        f"digits: Clear empties the pad ({cleared['ink']} inked pixels), the cells and the answer "
        f"({cleared['verdict']!r})",
    )
    page.close()

    # The keyboard alone: Tab from the last link before the widget reaches the pad, the arrows
    # and Space draw a 7 (not mdBook's arrows to another chapter), Delete clears.
    page = open_digits(context, url, failures, "digits, keyboard: ")
    pad = page.locator(f"{WIDGET} .nn-pad")
    page.evaluate(
        f"""() => {{
            const widget = document.querySelector('{WIDGET}');
            const before = Array.from(document.querySelectorAll('a[href]'))
                .filter((a) => a.compareDocumentPosition(widget) & Node.DOCUMENT_POSITION_FOLLOWING);
            if (before.length) before[before.length - 1].focus();
        }}"""
    )
    focused, ring = tab_to(page, pad, 10)
    # The cursor starts in the middle (7, 7) of a 14-step grid: to (3, 2), pen down, right to
    # (11, 2), then down and left to (6, 12), pen up.
    keys = ["ArrowLeft"] * 4 + ["ArrowUp"] * 5 + ["Space"] + ["ArrowRight"] * 8
    keys += ["ArrowDown", "ArrowDown", "ArrowLeft"] * 5 + ["Space"]
    for key in keys:
        if not pad.evaluate("p => p === document.activeElement"):
            break
        page.keyboard.press(key)
    drawn = state(page)
    check(
        focused and ring and drawn["answer"] == "7",
        f"digits, keyboard: Tab reaches the pad (focused {focused}, visible ring {ring}); a 7 drawn "
        f"with the arrows and Space reads {drawn['answer']!r}",
    )
    page.keyboard.press("Delete")
    cleared = state(page)
    check(cleared["answer"] is None and cleared["cells"] == "", "digits, keyboard: Delete clears")
    page.screenshot(path=str(out / "digits-keyboard.png"))
    page.close()

    # A phone: the page fits, a finger draws, the page does not scroll under it.
    phone = phone_context(browser, base, failures)
    page = open_digits(phone, url, failures, "digits, phone: ")
    pad_box(page)
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    before = page.evaluate("() => window.scrollY")
    draw_with_finger(page, strokes()[1])
    seen = state(page)
    scrolled = page.evaluate("() => window.scrollY") - before
    check(
        wide <= 1 and seen["answer"] is not None and scrolled == 0,
        f"digits, phone (390x844): page {wide} px too wide (0); a 1 drawn with a finger reads "
        f"{seen['answer']!r}; the page scrolled {scrolled} px under the finger (0)",
    )
    page.locator(WIDGET).screenshot(path=str(out / "digits-phone.png"))
    page.close()
    phone.close()

    # A model that does not load: said in the alert box, and drawing raises no script error.
    for name, status, body in [
        ("missing", 404, ""),
        ("not JSON", 200, "{not json"),
        ("a model of people", 200, '{"format": "nn-from-scratch-model", "version": 1, "architecture": {}}'),
    ]:
        page = context.new_page()
        # A missing file is a console error by design (the failed request): only script errors count.
        page.on("pageerror", lambda e, name=name: failures.append(f"digits, model {name}: script error: {e}"))
        answer_with(page, "**/digits-model.json", status, body)
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_selector(f"{WIDGET}[data-model]", state="attached", timeout=TIMEOUT_MS)
        role = page.locator(f"{WIDGET} .nn-alert").get_attribute("role")
        draw_with_mouse(page, strokes()[3])
        seen = state(page)
        check(
            role == "alert" and "did not load" in seen["alert"] and seen["answer"] is None,
            f"digits, model {name}: the alert says {seen['alert'][:140]!r}; answer {seen['answer']!r}",
        )
        if name == "not JSON":
            page.locator(WIDGET).screenshot(path=str(out / "digits-no-model.png"))
        page.close()

    # The Russian edition: the verdicts in Russian (Cyrillic, not the English), nothing of the
    # widget left in English, the probabilities with a decimal comma.
    if ru_base:
        page = open_digits(context, ru_base + chapter, failures, "digits, ru: ")
        empty = state(page)
        draw_with_mouse(page, strokes()[0])
        seen = state(page)
        left = page.evaluate("() => window.nnUntranslated")
        widget_left = [w for w in left if w]
        comma = any("," in s and "%" in s for s in seen["shown"])
        russian = all(re.search("[\u0400-\u04ff]", v["verdict"]) for v in (empty, seen))
        check(
            russian and empty["verdict"] != "Draw a digit in the box." and seen["answer"] == "0"
            and "0" in seen["verdict"] and not widget_left and comma,
            f"digits, Russian edition: {empty['verdict']!r}, then {seen['verdict']!r}; "
            f"left in English: {widget_left}; probabilities shown as {seen['shown'][:2]}",
        )
        page.locator(WIDGET).screenshot(path=str(out / "digits-ru.png"))
        page.close()
    return answers
