// mdBook's own interface (its buttons' titles, the search box, the keyboard help) in the page's
// language. The English is mdBook's; on a translated page, `mdbook-nn outputs` puts the
// translation of every message of this file (and of the widgets' script) from the book's catalog
// (po/LANG.po) in the page (`<script id="nn-words">`), and `cargo xtask translate` adds this file's
// `N_("...")` texts to that catalog with xgettext. Loaded by theme/head.hbs on every page.
(function () {
  const N_ = (text) => text;
  // Where mdBook 0.5 writes each text: a selector, the attributes (or "html", the element's
  // markup) and the English.
  const INTERFACE = [
    ["#mdbook-sidebar-toggle", ["title", "aria-label"], N_("Toggle Table of Contents")],
    ["#mdbook-sidebar", ["aria-label"], N_("Table of contents")],
    ["#mdbook-theme-toggle", ["title", "aria-label"], N_("Change theme")],
    ["#mdbook-theme-list", ["aria-label"], N_("Themes")],
    ["#mdbook-theme-default_theme", ["html"], N_("Auto")],
    ["#mdbook-theme-default_theme, #mdbook-theme-light", ["html"], N_("Light")],
    ["#mdbook-theme-coal", ["html"], N_("Coal")],
    ["#mdbook-theme-navy", ["html"], N_("Navy")],
    ["#mdbook-search-toggle", ["title"], N_("Search (`/`)")],
    ["#mdbook-search-toggle", ["aria-label"], N_("Toggle Searchbar")],
    ["#mdbook-searchbar", ["placeholder"], N_("Search this book ...")],
    ["a[href$='print.html']", ["title", "aria-label"], N_("Print this book")],
    ["nav[aria-label]", ["aria-label"], N_("Page navigation")],
    ["a[rel~='prev']", ["title", "aria-label"], N_("Previous chapter")],
    ["a[rel~='next']", ["title", "aria-label"], N_("Next chapter")],
    [".mdbook-help-title", ["html"], N_("Keyboard shortcuts")],
    ["#mdbook-help-popup p", ["html"], N_("Press <kbd>←</kbd> or <kbd>→</kbd> to navigate between chapters")],
    ["#mdbook-help-popup p", ["html"], N_("Press <kbd>S</kbd> or <kbd>/</kbd> to search in the book")],
    ["#mdbook-help-popup p", ["html"], N_("Press <kbd>?</kbd> to show this help")],
    ["#mdbook-help-popup p", ["html"], N_("Press <kbd>Esc</kbd> to hide this help")],
    ["button.clip-button", ["title", "aria-label"], N_("Copy to clipboard")],
    ["button.fa-eye, button[title='Show hidden lines']", ["title", "aria-label"], N_("Show hidden lines")],
    ["a[aria-label='Git repository']", ["title", "aria-label"], N_("Git repository")],
  ];
  // What mdBook's searcher writes into its results as the reader types.
  const SEARCH_RESULTS = [["#mdbook-searchresults .teaser", ["aria-label"], N_("Search Result Teaser")]];
  // Texts the theme's own scripts write (theme/head.hbs).
  N_("Scrolls sideways");
  // The header mdBook's searcher writes above the results as the reader types: the pattern of
  // its English and our message, whose {count} and {term} take the matched parts.
  const SEARCH_HEADER = [
    [/^(\d+) search result for '([\s\S]*)':$/, N_("{count} search result for '{term}':")],
    [/^(\d+) search results for '([\s\S]*)':$/, N_("{count} search results for '{term}':")],
    [/^No search results for '([\s\S]*)'\.$/, N_("No search results for '{term}'.")],
  ];
  let words = null;
  const read = () => {
    if (words === null) {
      const el = document.getElementById("nn-words");
      words = el ? JSON.parse(el.textContent) : {};
    }
    return words;
  };
  // `text` in the page's language.
  window.nnWord = (text) => read()[text] || text;
  // The search header in the page's language, each time the searcher rewrites it.
  const translateSearchHeader = (header) => {
    const now = header.innerText;
    for (const [pattern, english] of SEARCH_HEADER) {
      const found = now.match(pattern);
      if (!found) continue;
      const [count, term] = found.length === 3 ? [found[1], found[2]] : ["0", found[1]];
      const values = { count, term };
      const text = window.nnWord(english).replace(/\{(count|term)\}/g, (_, key) => values[key]);
      if (text !== now) header.innerText = text;
      return;
    }
  };
  // Each text of `list` (see INTERFACE) that is still mdBook's English, in the page's language.
  const translate = (list) => {
    for (const [selector, attributes, english] of list) {
      for (const el of document.querySelectorAll(selector)) {
        for (const attribute of attributes) {
          const now = attribute === "html" ? el.innerHTML.trim() : el.getAttribute(attribute);
          if (now !== english) continue;
          if (attribute === "html") el.innerHTML = window.nnWord(english);
          else el.setAttribute(attribute, window.nnWord(english));
        }
      }
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    if (!document.getElementById("nn-words")) return;
    const header = document.getElementById("mdbook-searchresults-header");
    if (header) {
      new MutationObserver(() => translateSearchHeader(header)).observe(header, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
    const results = document.getElementById("mdbook-searchresults");
    if (results) {
      new MutationObserver(() => translate(SEARCH_RESULTS)).observe(results, {
        childList: true,
        subtree: true,
      });
    }
    translate(INTERFACE);
  });
})();
