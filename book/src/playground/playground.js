// The book's widgets: the crate nn_from_scratch compiled to WebAssembly (web/, built by
// `cargo xtask book` into pkg/ next to this file) does all the computing and all the drawing;
// this file only wires the controls of each `[data-nn-widget]` element to its calls and puts the
// SVG it returns in the page. No framework, no build step, nothing loaded from the network.

import { digitsWidget } from "./digits.js";

const here = new URL(".", import.meta.url);

// The words of the page in its language: in a translation, `mdbook-nn outputs` puts in the page
// (`<script id="nn-words">`) the translation of every message of this file from the book's
// catalog (po/LANG.po), to which `cargo xtask translate` adds them with xgettext: `t("...")`
// translates a text here, `N_("...")` marks one that the chapters' widget HTML or the crate's
// menus write (translated where it is met, by `translate` below). A text of a translated page
// without its translation is listed in `untranslated`, and the book's browser check fails on it.
const WORDS = JSON.parse(document.getElementById("nn-words")?.textContent || "null");
const translated = WORDS !== null;
const t = (text) => (translated && WORDS[text]) || text;
const N_ = (text) => text;
// The texts of the chapters' widget HTML and of the crate's menus.
const PAGE_WORDS = [
  N_("weight (lb) ="), N_("Train / pause"), N_("Data"), N_("noise"), N_("activation"),
  N_("learning rate"), N_("stop after epochs (0: never)"), N_("epochs per frame"),
  N_("the Howell adults (352)"), N_("exclusive-or"), N_("the tutorial's 2-2-1, its own SGD"),
  N_("hidden layers:"), N_("binary cross-entropy"), N_("as many as fit"),
  N_("up to 4 hidden layers of 1 to 16 neurons, e.g. 8-8"), N_("Play / pause"),
  N_("· training loss"), N_("· accuracy"), N_("height (in) ="), N_("Reset"), N_("epoch"), N_(", loss"),
  N_("Network"), N_("data"), N_("test fraction"), N_("points"), N_("network"), N_("sizes"),
  N_("loss"), N_("optimizer"), N_("batch size"), N_("seed"), N_("the tutorial's 4 people"),
  N_("circle"), N_("spiral"), N_("sigmoid"), N_("mean squared error"), N_("momentum"),
  N_("Step one epoch"), N_("Step one person"), N_("· test loss"), N_("(training),"),
  N_("(test) ·"), N_("more than 0"), N_("less than 1"), N_("categorical cross-entropy"),
];
// What each drawn figure shows, for readers who do not see it (its text alternative).
const FIGURE_LABELS = {
  "nn-map": N_("Map of the plane: the colour is what the network predicts at each point, with the samples drawn on it"),
  "nn-loss": N_("Loss curve: the loss on the training data (and the test data, if any is held out) after each epoch"),
  "nn-net": N_("Diagram of the network: its layers of neurons and the weights between them"),
  "nn-neuron": N_("Map of the plane for one neuron: the output of the neuron under the pointer at each point"),
};

// Texts that are the same in both languages (names, numbers, symbols).
const SAME = new Set(["SGD", "Adam", "tanh", "ReLU", "1", "10", "100", "·", "x1", "x2", "h1", "h2", "o1"]);
// What the crate's figures write, in the page's language (web/src/words.rs, PageWords).
const LOSS_LABELS = [N_("mean squared error"), N_("binary cross-entropy"), N_("categorical cross-entropy")];
const TUTORIAL_NAMES = [N_("Alice"), N_("Bob"), N_("Charlie"), N_("Diana")];
const MAP_LABELS = [t("weight (lb)"), t("height (in)"), t("female"), t("male"), t("female, not trained on"),
  t("male, not trained on"), t("P(female)"), t("0 (male)"), t("1 (female)")];
const CLASS_LABELS = [t("label 1"), t("label 0"), t("label 1, test"), t("label 0, test"), t("P(label 1)")];
// The figures' words, one a line, in the order web/src/words.rs (PageWords::from_lines) reads
// them: the decimal mark, an unnamed sample, each figure's title and labels, then pairs of an
// English text and its words.
const FIGURE_WORDS = [
  t("."), t("sample {}"),
  t("What the network predicts"), ...MAP_LABELS, t("What the network predicts"), ...CLASS_LABELS,
  t("The loss during training"), t("epoch"), t("training"), t("test"),
  t("The network {}: weights by width and colour"), t("inputs"), t("output"), t("hidden {}"),
  t("Hidden layer {}, neuron {}"),
  ...LOSS_LABELS.flatMap((l) => [l, t(l)]),
  ...TUTORIAL_NAMES.flatMap((n) => [n, t(n)]),
].join("\n");
// For the book's widget check, which draws figures of its own.
window.nnFigureWords = FIGURE_WORDS;
// A run of the crate with the page's words.
const withWords = (play) => {
  play.set_words(FIGURE_WORDS);
  return play;
};
// How to serve the book, for a translation's page opened as a file (HTML; the chapters' own
// line is in English).
const SERVE = N_("This widget runs the crate compiled to WebAssembly, which browsers load only from a web server: build the book (<code>cargo xtask book</code>), run <code>python3 -m http.server -d book/build/site 8000</code> and open http://localhost:8000/ru/, not the file.");
// What a translated widget still shows in English (for the browser check).
window.nnUntranslated = [];

// The static texts of a widget: text nodes, option labels and titles, and its status line.
function translate(el) {
  if (!translated) return;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    if (!text || node.parentElement.closest(".nn-status, [data-out], [data-show], code")) continue;
    if (WORDS[text]) node.nodeValue = node.nodeValue.replace(text, WORDS[text]);
    else if (!SAME.has(text) && !/^([a-z][0-9] *=)?[-0-9.=\s]*$/.test(text)) window.nnUntranslated.push(text);
  }
  for (const titled of el.querySelectorAll("[title]")) titled.title = t(titled.title);
  for (const labelled of el.querySelectorAll("[aria-label]")) {
    const label = labelled.getAttribute("aria-label");
    if (WORDS[label]) labelled.setAttribute("aria-label", WORDS[label]);
    else window.nnUntranslated.push(label);
  }
  const line = el.querySelector(".nn-status");
  if (line && line.textContent.trim()) line.innerHTML = t(SERVE);
}
for (const el of document.querySelectorAll("[data-nn-widget]")) translate(el);
window.nnTranslated = true;

function status(el, text) {
  el.querySelector(".nn-status").textContent = text;
}

// The playground's crate (web/), for every widget but "draw a digit", which loads its own
// smaller one (web/digits/, see digits.js).
let wasm;
const playgroundWidgets = document.querySelectorAll("[data-nn-widget]:not([data-nn-widget=digits])");
try {
  if (playgroundWidgets.length) {
    wasm = await import(new URL("pkg/nn_web.js", here));
    await wasm.default({ module_or_path: new URL("pkg/nn_web_bg.wasm", here) });
  }
} catch (err) {
  for (const el of playgroundWidgets) {
    status(el, `${t("The widget cannot start: the crate compiled to WebAssembly did not load")} (${err}). ` +
      t("Build the book with `cargo xtask book`, which compiles it, and serve it with `mdbook serve book`."));
  }
  throw err;
}
// For the book's browser check and for curious readers' consoles.
window.nnWeb = wasm;

const $ = (el, sel) => el.querySelector(sel);
// The crate's SVG (a figure drawn from the crate's computed values, never from the address),
// labelled as one image with its text alternative.
const setSvg = (el, svg) => {
  if (!svg) return;
  el.innerHTML = svg;
  const kind = Object.keys(FIGURE_LABELS).find((k) => el.classList.contains(k));
  if (kind) {
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", t(FIGURE_LABELS[kind]));
    for (const drawn of el.querySelectorAll("svg")) drawn.setAttribute("aria-hidden", "true");
  }
};

// The network chapter: nine parameters and a person, through the crate's forward pass.
function forwardWidget(el) {
  const inputs = Array.from(el.querySelectorAll("input[type=range]"));
  const update = () => {
    const v = Object.fromEntries(inputs.map((i) => [i.name, Number(i.value)]));
    for (const i of inputs) $(el, `[data-show=${i.name}]`).textContent = i.value;
    const params = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"].map((n) => v[n]);
    const out = wasm.tutorial_forward(new Float64Array(params), v.weight, v.height);
    ["x1", "x2", "h1", "h2", "o1"].forEach((n, k) => { $(el, `[data-out=${n}]`).textContent = out[k]; });
  };
  inputs.forEach((i) => i.addEventListener("input", update));
  update();
}

// Training, frame by frame: as many epochs as fit in a slice of each animation frame (at most
// `perFrame()`), so the page never freezes; the figures are redrawn a few times a second.
// `onFrame(n)` trains up to n epochs and returns how many it trained: fewer means the run is over.
function trainer(onFrame, onDraw, perFrame = () => Infinity) {
  const state = { playing: false, fps: 0, epochsPerSecond: 0 };
  let chunk = 1, frames = 0, epochsDone = 0, since = performance.now(), lastDraw = 0;
  const frame = (now) => {
    if (!state.playing) return;
    const start = performance.now();
    const most = perFrame();
    let epochs = 0;
    while (epochs < most && performance.now() - start < 10) {
      const want = Math.min(chunk, most - epochs);
      const n = onFrame(want);
      epochs += n;
      if (n < want) { state.playing = false; break; }
      if (performance.now() - start < 2) chunk = Math.min(chunk * 2, 4096);
    }
    frames += 1;
    epochsDone += epochs;
    if (now - since >= 1000) {
      state.fps = (frames * 1000) / (now - since);
      state.epochsPerSecond = (epochsDone * 1000) / (now - since);
      frames = 0; epochsDone = 0; since = now;
    }
    const redraw = !state.playing || now - lastDraw > (most < 100 ? 0 : 250);
    if (redraw) lastDraw = now;
    onDraw(redraw);
    if (state.playing) requestAnimationFrame(frame);
  };
  state.play = () => {
    if (state.playing) return;
    state.playing = true; frames = 0; epochsDone = 0; since = performance.now();
    requestAnimationFrame(frame);
  };
  return state;
}

const fmt = (v, digits = 6) => (Number.isFinite(v) ? v.toPrecision(digits) : "–");
const pct = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "–");

// The training chapter: the tutorial's run, seed 42, the loss curve drawn as it falls.
function trainWidget(el) {
  const query = el.dataset.settings;
  let play = withWords(new wasm.Playground(query));
  const until = 1000;
  const draw = (figures) => {
    $(el, "[data-out=epoch]").textContent = play.epochs();
    const loss = play.epochs() ? play.train_loss() : NaN;
    $(el, "[data-out=loss]").textContent = fmt(loss);
    if (figures) setSvg($(el, ".nn-loss"), play.loss_svg());
  };
  const run = trainer((n) => {
    const k = Math.min(n, until - play.epochs());
    play.run(k);
    return k;
  }, draw, () => 5);
  const button = $(el, "[data-action=play]");
  button.addEventListener("click", () => {
    if (run.playing) run.playing = false;
    else { if (play.epochs() >= until) { play.free(); play = withWords(new wasm.Playground(query)); } run.play(); }
  });
  $(el, "[data-action=reset]").addEventListener("click", () => {
    run.playing = false; play.free(); play = withWords(new wasm.Playground(query)); draw(true);
    $(el, ".nn-loss").textContent = "";
  });
  draw(true);
}

// One refused setting (web/src/settings.rs, Refusal) in the page's language: which setting, the
// value given, why, and what runs instead. Only text: it goes into the page with textContent.
function refusalText(r) {
  const why = {
    "unknown-setting": () => `${t("there is no such setting; the settings are:")} ${r.expected}`,
    "repeated": () => t("is given more than once; the first is used"),
    "unknown-name": () => `${t("is not one of:")} ${r.expected}`,
    "out-of-range": () => `${t("is out of range: from")} ${t(r.min)} ${t("to")} ${t(r.max)}`,
    "not-a-number": () => t("is not a number of the right kind"),
    "not-positive": () => t("must be a positive finite number"),
    "layers": () => t("is not a network of 2 inputs, 1 output and at most 4 hidden layers of 1 to 16 neurons"),
  }[r.reason];
  // An English-only reason (the library's own words) is quoted after a translated lead.
  const reason = why ? why() : `${t("is refused:")} ${r.message}`;
  const used = r.used && r.reason !== "repeated" ? `; ${t("using")} ${r.used}` : "";
  return `${r.key}=${r.value} ${reason}${used}`;
}

// The playground chapter: every setting in the form and in the address, every view. The address
// and the form go through the crate's rules (Playground.from_pairs): a setting they refuse keeps
// its default, the form shows the settings that run, and the refusals are listed above the form.
function playgroundWidget(el) {
  const form = $(el, "form");
  // The menus, from the crate's choices.
  for (const [name, options] of JSON.parse(wasm.menus())) {
    const select = form.elements[name];
    select.textContent = "";
    for (const [value, label] of options) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = t(label);
      if (translated && !WORDS[label] && !SAME.has(label)) window.nnUntranslated.push(label);
      select.append(option);
    }
  }
  const fields = Array.from(form.elements).filter((f) => f.name);
  let refusedBox = $(el, ".nn-refused");
  if (!refusedBox) {
    refusedBox = document.createElement("div");
    refusedBox.className = "nn-refused";
    refusedBox.setAttribute("role", "alert");
    form.before(refusedBox);
  }
  const showRefused = (refused) => {
    refusedBox.textContent = "";
    el.dataset.refused = String(refused.length);
    if (!refused.length) return;
    const lead = document.createElement("p");
    lead.textContent = t("Refused from the address:");
    const list = document.createElement("ul");
    for (const r of refused) {
      const item = document.createElement("li");
      item.textContent = refusalText(r);
      list.append(item);
    }
    refusedBox.append(lead, list);
  };
  let play, run, highlight = null;
  // A run from (key, value) pairs; the form then shows what runs, and the address says it.
  const start = (pairs) => {
    if (run) run.playing = false;
    if (play) play.free();
    play = withWords(wasm.Playground.from_pairs(pairs.map((p) => p[0]), pairs.map((p) => p[1])));
    for (const [name, value] of JSON.parse(play.form())) form.elements[name].value = value;
    showRefused(JSON.parse(play.refused()));
    history.replaceState(null, "", `#${play.query()}`);
  };
  const formPairs = () => fields.map((f) => [f.name, f.value]);
  window.addEventListener("hashchange", () => {
    if (`#${play.query()}` !== location.hash) reset([...new URLSearchParams(location.hash.slice(1))]);
  });
  const until = () => Number($(el, "[name=until]").value) || Infinity;
  const show = (figures) => {
    const out = (n, v) => { const o = $(el, `[data-out=${n}]`); o.textContent = v; return o; };
    out("epoch", play.epochs());
    const train = play.epochs() ? play.train_loss() : NaN;
    out("train-loss", fmt(train)).dataset.value = String(train);
    out("test-loss", fmt(play.epochs() ? play.test_loss() : NaN));
    out("train-acc", pct(play.train_accuracy())).dataset.value = String(play.train_accuracy());
    out("test-acc", pct(play.test_accuracy())).dataset.value = String(play.test_accuracy());
    out("speed", run && run.playing ? `${run.fps.toFixed(0)} ${t("frames/s")}, ${run.epochsPerSecond.toFixed(0)} ${t("epochs/s")}` : t("paused"));
    el.dataset.fps = run ? run.fps : 0;
    el.dataset.epochsPerSecond = run ? run.epochsPerSecond : 0;
    if (!figures) return;
    setSvg($(el, ".nn-map"), play.map_svg(60));
    setSvg($(el, ".nn-loss"), play.loss_svg());
    setSvg($(el, ".nn-net"), play.network_svg(highlight ? highlight[0] : 99, highlight ? highlight[1] : 0));
    if (highlight) setSvg($(el, ".nn-neuron"), play.neuron_svg(highlight[0], highlight[1], 40));
    const params = play.params();
    $(el, ".nn-params").replaceChildren(...(params ? [table(params)] : []));
  };
  const reset = (pairs) => {
    start(pairs || formPairs());
    const tutorial = play.is_tutorial();
    for (const n of ["act", "loss", "opt", "batch"]) form.elements[n].disabled = tutorial;
    const people = ["tutorial", "howell"].includes(form.elements.data.value);
    for (const n of ["noise", "points"]) form.elements[n].disabled = people;
    form.elements.hidden.disabled = form.elements.net.value !== "custom";
    $(el, "[data-action=person]").disabled = !tutorial;
    $(el, ".nn-step").textContent = "";
    highlight = null;
    const hint = document.createElement("p");
    hint.textContent = t("Point at (or tap) a hidden neuron of the diagram to see what it computes over the plane.");
    $(el, ".nn-neuron").replaceChildren(hint);
    run = trainer((n) => {
      const k = Math.min(n, until() - play.epochs());
      if (k > 0) play.run(k);
      return Math.max(k, 0);
    }, show, () => Number(form.elements.speed.value) || Infinity);
    show(true);
    status(el, "");
  };
  form.addEventListener("change", () => reset());
  form.addEventListener("submit", (e) => e.preventDefault());
  $(el, "[data-action=play]").addEventListener("click", () => { if (run.playing) run.playing = false; else run.play(); });
  $(el, "[data-action=epoch]").addEventListener("click", () => { run.playing = false; play.run(1); show(true); });
  $(el, "[data-action=reset]").addEventListener("click", () => reset());
  $(el, "[data-action=person]").addEventListener("click", () => {
    run.playing = false;
    const [who, factors, partials] = play.step_person().split("|");
    const lead = document.createElement("p");
    const code = document.createElement("code");
    code.textContent = "backprop";
    lead.append(`${t("One SGD step on")} ${who}: ${t("the chain-rule factors, then the nine partial derivatives (from")} `, code, ").");
    $(el, ".nn-step").replaceChildren(lead, table(factors), table(partials));
    show(true);
  });
  const net = $(el, ".nn-net");
  const hover = (e) => {
    const svg = net.querySelector("svg");
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    const scale = Number(svg.getAttribute("width")) / box.width;
    const hit = play.neuron_at((e.clientX - box.left) * scale, (e.clientY - box.top) * scale);
    if (hit.length && (!highlight || hit[0] !== highlight[0] || hit[1] !== highlight[1])) {
      highlight = [hit[0], hit[1]];
      show(true);
    }
  };
  net.addEventListener("mousemove", hover);
  net.addEventListener("click", hover);
  reset([...new URLSearchParams(location.hash.slice(1))]);
}

// `name=value;...` as a row of name = value cells (built as elements, never as markup).
function table(pairs) {
  const row = document.createElement("div");
  row.className = "nn-pairs";
  for (const [n, v] of pairs.split(";").map((p) => p.split("="))) {
    const cell = document.createElement("span");
    const value = document.createElement("b");
    value.textContent = Number(v).toPrecision(6);
    cell.append(`${n} = `, value);
    row.append(cell);
  }
  return row;
}

const digits = (el) => digitsWidget(el, { t, lang: document.documentElement.lang });
const widgets = { forward: forwardWidget, train: trainWidget, playground: playgroundWidget, digits };
for (const el of document.querySelectorAll("[data-nn-widget]")) {
  try {
    await widgets[el.dataset.nnWidget](el);
    if (el.dataset.nnWidget !== "playground") status(el, "");
  } catch (err) {
    status(el, `${t("The widget stopped:")} ${err}`);
    console.error(err);
  }
}
// Every widget has drawn (or said why it stopped): the book's checks wait for this mark.
document.documentElement.dataset.nnWidgets = "ready";
