// The softmax chapter's "draw a digit" (playground.js starts it): the reader draws with a mouse, a
// finger or the keyboard; the crate (web/src/digits.rs, compiled to WebAssembly) reduces the
// strokes to the data set's 8x8 cells of 0-16 and its trained network answers with ten
// probabilities. This file only records strokes, shows them, and shows what the crate returns.

// The crate web/digits/ compiled to WebAssembly by `cargo xtask book` (xtask/src/web.rs), and the
// chapter's model, trained by the crate (`cargo xtask digits --model`, xtask/src/digits.rs).
const PKG = new URL("pkg/", import.meta.url);
const MODEL = new URL("digits-model.json", import.meta.url);
// The keyboard's cursor moves over a grid of this many steps a side.
const KEY_STEPS = 14;
// The texts of the widget's HTML (playground/digits.html): messages of the book's catalog
// (`cargo xtask translate` reads `N_` and `t` here), translated where playground.js meets them.
const N_ = (text) => text;
const PAGE_WORDS = [
  N_("Your drawing ·"), N_("What the network sees: 8 × 8 cells of 0 to 16"),
  N_("The network's ten probabilities"), N_("digit"), N_("bar"), N_("probability"), N_("Clear"),
  N_("Draw one digit, 0 to 9, in the box with the mouse or a finger. From the keyboard: focus the box (Tab), move with the arrow keys, press Space to put the pen down or lift it (moves with the pen down draw), and Delete to clear."),
  N_("Drawing area for one digit"),
  N_("Your drawing as the network sees it: 8 by 8 cells, each the amount of ink in it from 0 to 16"),
];

// `t`: the page's words (English in, the page's language out); `lang`: the page's language, for
// numbers.
export async function digitsWidget(el, { t, lang }) {
  const $ = (sel) => el.querySelector(sel);
  const pad = $(".nn-pad"), ctx = pad.getContext("2d");
  const cellsView = $(".nn-cells"), cellsCtx = cellsView.getContext("2d");
  const alertBox = $(".nn-alert");
  const percent = new Intl.NumberFormat(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

  // Strokes: lists of [x, y] in the pad's own pixels.
  let strokes = [];
  let drawing = null; // the stroke the pointer or the pen draws now
  const cursor = { x: KEY_STEPS / 2, y: KEY_STEPS / 2, penDown: false, shown: false };
  const step = () => pad.width / KEY_STEPS;

  let wasm, network = null;
  try {
    wasm = await import(new URL("nn_digits.js", PKG));
    await wasm.default({ module_or_path: new URL("nn_digits_bg.wasm", PKG) });
  } catch (err) {
    el.dataset.model = "failed";
    alertBox.textContent = `${t("The widget cannot start: the crate compiled to WebAssembly did not load")} (${err}). ` +
      t("Build the book with `cargo xtask book`, which compiles it, and serve it with `mdbook serve book`.");
    return;
  }
  try {
    const response = await fetch(MODEL);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText} (${MODEL.pathname})`);
    network = new wasm.Digits(await response.text());
    el.dataset.model = "loaded";
  } catch (err) {
    el.dataset.model = "failed";
    alertBox.textContent = `${t("The trained network did not load, so nothing can answer:")} ${err.message || err}. ` +
      t("The model is book/src/playground/digits-model.json, made by `cargo xtask digits --model`.");
  }

  // The bar chart, a row per class of the model (the digits 0 to 9): its name, its bar, its
  // probability in words.
  const rows = [];
  const body = $(".nn-probs tbody");
  for (const name of network ? network.classes() : []) {
    const row = document.createElement("tr");
    const digit = document.createElement("th");
    digit.scope = "row";
    digit.textContent = name;
    const barCell = document.createElement("td");
    const bar = document.createElement("span");
    bar.className = "nn-bar";
    bar.setAttribute("aria-hidden", "true");
    barCell.append(bar);
    const value = document.createElement("td");
    value.className = "nn-value";
    row.append(digit, barCell, value);
    body.append(row);
    rows.push({ name, row, bar, value });
  }

  // The pad: every stroke, then the keyboard's cursor while the pad has the focus.
  const redraw = () => {
    ctx.clearRect(0, 0, pad.width, pad.height);
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = pad.width / 14;
    ctx.strokeStyle = ctx.fillStyle = getComputedStyle(pad).color;
    for (const s of strokes) {
      ctx.beginPath();
      ctx.moveTo(s[0][0], s[0][1]);
      if (s.length === 1) ctx.lineTo(s[0][0] + 0.01, s[0][1]);
      for (const [x, y] of s.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
    if (cursor.shown) {
      const [x, y] = [cursor.x * step(), cursor.y * step()];
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, step() / 2, 0, 2 * Math.PI);
      ctx.stroke();
      if (!cursor.penDown) {
        ctx.beginPath(); ctx.moveTo(x - step(), y); ctx.lineTo(x + step(), y);
        ctx.moveTo(x, y - step()); ctx.lineTo(x, y + step()); ctx.stroke();
      }
    }
  };

  // The crate's reduction and answer, at most once a frame.
  let pending = false;
  const answer = () => {
    pending = false;
    const flat = [];
    for (const s of strokes) { for (const [x, y] of s) flat.push(x, y); flat.push(NaN, NaN); }
    const cells = wasm.digit_cells(new Float64Array(flat));
    showCells(cells);
    const verdict = $(".nn-verdict");
    const midStroke = drawing && !cursor.penDown;
    let probs = null;
    if (cells.length && network) probs = network.probabilities(cells);
    rows.forEach(({ row, bar, value }, d) => {
      const p = probs ? probs[d] : NaN;
      bar.style.width = probs ? `${(100 * p).toFixed(1)}%` : "0";
      value.textContent = probs ? percent.format(p) : "–";
      row.dataset.value = probs ? String(p) : "";
    });
    const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
    rows.forEach(({ row }, d) => row.classList.toggle("nn-best", d === best));
    if (midStroke) {
      // Said when the stroke ends.
    } else if (!network) {
      verdict.textContent = "";
    } else if (!cells.length) {
      verdict.textContent = t("Draw a digit in the box.");
      delete el.dataset.answer;
    } else if (probs) {
      verdict.textContent = `${t("The network reads")} ${rows[best].name} (${percent.format(probs[best])}).`;
      el.dataset.answer = rows[best].name;
    }
    el.dataset.cells = Array.from(cells).join(",");
  };
  const changed = () => {
    redraw();
    if (!pending) { pending = true; requestAnimationFrame(answer); }
  };

  // What the network sees: the 8x8 cells as grey levels (16, all ink, is black).
  const showCells = (cells) => {
    const image = cellsCtx.createImageData(8, 8);
    for (let i = 0; i < 64; i++) {
      const level = cells.length ? 255 - Math.round((255 * cells[i]) / 16) : 255;
      image.data.set([level, level, level, 255], 4 * i);
    }
    cellsCtx.putImageData(image, 0, 0);
  };

  // Mouse, pen and finger: pointer events on the pad (CSS touch-action: none keeps the page
  // from scrolling under a finger).
  const at = (e) => {
    const box = pad.getBoundingClientRect();
    return [((e.clientX - box.left) * pad.width) / box.width, ((e.clientY - box.top) * pad.height) / box.height];
  };
  pad.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    pad.setPointerCapture(e.pointerId);
    drawing = [at(e)];
    strokes.push(drawing);
    changed();
  });
  pad.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    // Points closer than 2 of the pad's 280 pixels to the last add nothing to the 32x32 bitmap:
    // left out, so that a long scribble stays quick to redraw.
    for (const event of e.getCoalescedEvents ? e.getCoalescedEvents() : [e]) {
      const [x, y] = at(event), last = drawing[drawing.length - 1];
      if (Math.hypot(x - last[0], y - last[1]) >= 2) drawing.push([x, y]);
    }
    changed();
  });
  // The answer in words (read out by screen readers) waits for the stroke's end; the bars follow
  // the pen.
  const lift = () => { if (drawing) { drawing = null; changed(); } };
  pad.addEventListener("pointerup", lift);
  pad.addEventListener("pointercancel", lift);

  // The keyboard: arrows move the cursor, Space lowers or lifts the pen (moves with the pen
  // down draw), Delete clears.
  const point = () => [cursor.x * step(), cursor.y * step()];
  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  pad.addEventListener("keydown", (e) => {
    if (moves[e.key]) {
      const [dx, dy] = moves[e.key];
      cursor.x = Math.min(KEY_STEPS - 1, Math.max(1, cursor.x + dx));
      cursor.y = Math.min(KEY_STEPS - 1, Math.max(1, cursor.y + dy));
      if (cursor.penDown) drawing.push(point());
    } else if (e.key === " ") {
      cursor.penDown = !cursor.penDown;
      if (cursor.penDown) { drawing = [point()]; strokes.push(drawing); } else drawing = null;
    } else if (e.key === "Delete" || e.key === "Backspace") {
      clear();
    } else return;
    // Handled here: not scrolling the page, nor mdBook's arrows to the next or previous chapter.
    e.preventDefault();
    e.stopPropagation();
    $(".nn-pen").textContent = cursor.penDown ? t("pen down") : t("pen up");
    changed();
  });
  pad.addEventListener("focus", () => { cursor.shown = true; redraw(); });
  pad.addEventListener("blur", () => { cursor.shown = false; cursor.penDown = false; drawing = null; redraw(); });

  const clear = () => {
    strokes = [];
    drawing = null;
    cursor.penDown = false;
    $(".nn-pen").textContent = t("pen up");
    changed();
  };
  $("[data-action=clear]").addEventListener("click", clear);
  $(".nn-pen").textContent = t("pen up");
  answer();
}
