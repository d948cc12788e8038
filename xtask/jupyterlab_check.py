"""Checks the notebooks as a learner meets them in JupyterLab; run by `cargo xtask ci`.

Starts JupyterLab (the venv's `jupyter lab`, the registered `rust` kernel) on a free port of
127.0.0.1 and drives it with headless Chromium (Debian's /usr/bin/chromium, through Playwright;
Playwright's own browser downloads are never used):

- --open NAME...: opens each notebook without running anything and finds every figure stored in
  it (an output with image/png or image/svg+xml) displayed as a loaded <img> (naturalWidth > 0).
  The committed notebooks are untrusted, so JupyterLab hides their image/svg+xml outputs: a
  figure is only shown if an image/png sits beside the SVG (or the notebook is trusted).
- --run NAME: clears the outputs, runs every cell and finds outputs in every cell that has
  stored outputs and no error output (and the kernel never died).
- --restarts N: then restarts that notebook's kernel N times (Kernel > Restart Kernel…, the
  dialog accepted) and runs every cell again after each restart; a restart succeeds when the
  kernel comes back and the run passes as above. Prints "restarts: K/N succeeded".

It prints timings (time from "Run All" to the first cell finished and to the first output, for
each run), saves screenshots in --out, and always stops the server by its process id (SIGTERM,
then SIGKILL), even on failure. Exit status 1 with a line starting with FAIL on any failure.

The notebooks are copied into a scratch directory first (JupyterLab autosaves what it runs),
with the first cell's `:dep nn-from-scratch = { path = ".." ... }` pointing at the absolute
path of the crate (the parent of --notebooks), so the checkout stays clean. The server gets its
own Jupyter config, data (the trust database), runtime, settings and workspace directories (the
venv's own configuration in .venv/etc/jupyter and .venv/share/jupyter, with the kernel, still
applies), so a user's ~/.jupyter or trusted notebooks do not change the result.

Usage: python jupyterlab_check.py --jupyter .venv/bin/jupyter --notebooks notebooks
           --open 01-neuron.ipynb 05-training.ipynb --run 01-neuron.ipynb --restarts 2
           --out target/jupyterlab-check [--timeout 900] [--chromium /usr/bin/chromium]
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from browser_common import add_chromium_option, guard_routes, launch, verdict

POLL_S = 0.2


class CheckFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stored_figures(nb_path: Path) -> int:
    """How many outputs of the notebook file hold a figure (image/png or image/svg+xml)."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    count = 0
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data", {})
            if "image/png" in data or "image/svg+xml" in data:
                count += 1
    return count


def cells_with_outputs(nb_path: Path) -> list:
    """Indexes (among all cells) of the code cells that have stored outputs."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return [
        i
        for i, cell in enumerate(nb.get("cells", []))
        if cell.get("cell_type") == "code" and cell.get("outputs")
    ]


# A `:dep` line's relative path (`path = ".."`, `path = "../exercises"`): made absolute.
DEP_PATH = re.compile(r'^(:dep\s+[\w-]+\s*=\s*\{.*\bpath\s*=\s*)"\.\.(/[^"]*)?"')


def make_scratch(notebooks: Path, names: list, scratch: Path) -> None:
    """Copies the named notebooks into scratch, each `:dep`'s `path = "..[/...]"` made absolute."""
    crate = str(notebooks.resolve().parent)
    for name in names:
        nb = json.loads((notebooks / name).read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            source = cell["source"]
            lines = source if isinstance(source, list) else source.splitlines(keepends=True)
            cell["source"] = [
                DEP_PATH.sub(lambda m: m.group(1) + json.dumps(crate + (m.group(2) or "")), line)
                for line in lines
            ]
        (scratch / name).write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")


class Server:
    """`jupyter lab` on 127.0.0.1:PORT, stopped by its process id."""

    def __init__(self, jupyter: str, root: Path, home: Path, log: Path):
        self.port = free_port()
        self.token = secrets.token_hex(16)
        env = dict(os.environ)
        for var, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            # Notary (trust) database and secret: a learner's fresh machine trusts nothing.
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ]:
            (home / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(home / sub)
        # No "Would you like to get notified about official Jupyter news?" toast over the
        # screenshots (and no request for the news feed).
        notification = home / "settings" / "@jupyterlab" / "apputils-extension"
        notification.mkdir(parents=True, exist_ok=True)
        (notification / "notification.jupyterlab-settings").write_text(
            '{"fetchNews": "false", "checkForUpdates": false}\n', encoding="utf-8"
        )
        args = [
            jupyter,
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            # window.jupyterapp, to run commands and read the notebook model.
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")
        self.log_path = log
        self.log = open(log, "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            args, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=root
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float) -> float:
        start = time.monotonic()
        url = f"{self.base}/api/status?token={self.token}"
        while time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                raise CheckFailed(
                    f"jupyter lab exited with status {self.proc.returncode} (log: {self.log_path})"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return time.monotonic() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise CheckFailed(f"jupyter lab did not answer on port {self.port} in {timeout:.0f} s")

    def api(self, method: str, path: str):
        req = urllib.request.Request(
            f"{self.base}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
            return json.loads(body) if body else None

    def shutdown_kernels(self):
        try:
            for session in self.api("GET", "/api/sessions") or []:
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except Exception:  # noqa: BLE001 (best effort; stop() follows)
            pass

    def stop(self):
        """SIGTERM to the server's pid (it shuts its kernels down), SIGKILL after 20 s."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


# JavaScript run in the page (window.jupyterapp: --LabApp.expose_app_in_browser).
PANEL_JS = """
(name) => {
    const app = window.jupyterapp;
    if (!app) return null;
    for (const w of app.shell.widgets('main')) {
        if (w.context && w.context.path === name && w.content && w.content.widgets) return true;
    }
    return false;
}
"""

STATE_JS = """
(name) => {
    const app = window.jupyterapp;
    let panel = null;
    for (const w of app.shell.widgets('main')) {
        if (w.context && w.context.path === name) panel = w;
    }
    if (!panel) return null;
    const session = panel.sessionContext.session;
    const kernel = session ? session.kernel : null;
    const cells = panel.content.widgets.map((cell, index) => {
        const m = cell.model;
        if (m.type !== 'code') return {index, code: false};
        const outputs = m.outputs.toJSON();
        return {
            index,
            code: true,
            count: m.executionCount,
            state: m.executionState || null,
            outputs: outputs.length,
            errors: outputs.filter(o => o.output_type === 'error')
                .map(o => (o.ename || '') + ': ' + (o.evalue || '')),
        };
    });
    const dialogs = Array.from(document.querySelectorAll('.jp-Dialog'))
        .map(d => d.innerText.replace(/\\s+/g, ' ').trim());
    return {
        ready: panel.context.isReady,
        trusted: panel.content.widgets.every(c => c.model.type !== 'code' || c.model.trusted),
        kernel: kernel ? {status: kernel.status, connection: kernel.connectionStatus,
                          name: kernel.name} : null,
        sessionStatus: panel.sessionContext.kernelDisplayStatus,
        cells,
        dialogs,
    };
}
"""

IMAGES_JS = """
async (name) => {
    const app = window.jupyterapp;
    let panel = null;
    for (const w of app.shell.widgets('main')) {
        if (w.context && w.context.path === name) panel = w;
    }
    // Bring every cell into view once: JupyterLab renders the cells out of view lazily.
    const n = panel.content.widgets.length;
    for (let i = 0; i < n; i++) {
        try { await panel.content.scrollToItem(i, 'start'); } catch (e) {}
        await new Promise(resolve => setTimeout(resolve, 30));
    }
    const imgs = Array.from(panel.node.querySelectorAll('.jp-OutputArea-output img'));
    for (const img of imgs) {
        img.scrollIntoView();
        if (!img.complete) {
            await new Promise(resolve => {
                img.addEventListener('load', resolve);
                img.addEventListener('error', resolve);
                setTimeout(resolve, 10000);
            });
        }
    }
    const svgOutputs = Array.from(panel.node.querySelectorAll('.jp-OutputArea-output'))
        .filter(o => o.querySelector('svg') && !o.closest('.jp-OutputPrompt')).length;
    return {
        images: imgs.map(img => ({type: (img.src || '').slice(0, 22), width: img.naturalWidth,
                                  ok: img.complete && img.naturalWidth > 0})),
        inlineSvg: svgOutputs,
    };
}
"""

RUN_COMMAND_JS = """
async (command) => { await window.jupyterapp.commands.execute(command); return true; }
"""
# Starts a command without waiting for it (notebook:run-all-cells resolves when every cell ran).
START_COMMAND_JS = """
(command) => { window.jupyterapp.commands.execute(command); return true; }
"""


def state(page, name):
    return page.evaluate(STATE_JS, name)


def open_notebook(page, server: Server, name: str, timeout: float) -> float:
    """Loads JupyterLab with the notebook (a fresh workspace); seconds until its cells exist."""
    start = time.monotonic()
    page.goto(f"{server.base}/lab/tree/{name}?reset&token={server.token}", wait_until="load")
    while time.monotonic() - start < timeout:
        try:
            found = page.evaluate(PANEL_JS, name)
        except Exception:  # noqa: BLE001 (page still loading)
            found = None
        if found:
            st = state(page, name)
            if st and st["ready"] and st["cells"]:
                return time.monotonic() - start
        time.sleep(POLL_S)
    raise CheckFailed(f"{name}: the notebook did not open in {timeout:.0f} s")


def wait_kernel_idle(page, name: str, timeout: float, what: str) -> float:
    start = time.monotonic()
    last = None
    while time.monotonic() - start < timeout:
        st = state(page, name)
        last = st
        if st and st["dialogs"]:
            died = [d for d in st["dialogs"] if "died" in d or "Kernel Restarting" in d]
            if died:
                raise CheckFailed(f"{name}: {what}: {died[0]}")
        k = st and st["kernel"]
        if k and k["status"] == "idle" and k["connection"] == "connected":
            return time.monotonic() - start
        if k and k["status"] == "dead":
            raise CheckFailed(f"{name}: {what}: the kernel is dead")
        time.sleep(POLL_S)
    raise CheckFailed(
        f"{name}: {what}: the kernel was not idle after {timeout:.0f} s "
        f"(last: {last and last['kernel']})"
    )


def accept_dialog(page, timeout_s: float = 10.0):
    """Clicks the accept button of the dialog JupyterLab shows (e.g. Restart Kernel?)."""
    button = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    button.first.wait_for(state="visible", timeout=timeout_s * 1000)
    button.first.click()


def run_all(page, name: str, expected_outputs: list, timeout: float, label: str) -> dict:
    """Clears outputs, runs every cell; timings. Raises CheckFailed on error or death."""
    page.evaluate(RUN_COMMAND_JS, "notebook:clear-all-cell-outputs")
    start = time.monotonic()
    page.evaluate(START_COMMAND_JS, "notebook:run-all-cells")
    first_done = first_output = None
    # Seen a cell queued or running: until then the counts may still be the previous run's.
    started = False
    while True:
        elapsed = time.monotonic() - start
        st = state(page, name)
        if st["dialogs"]:
            died = [d for d in st["dialogs"] if "died" in d or "Restarting" in d]
            if died:
                raise CheckFailed(f"{name}: {label}: {died[0]}")
        k = st["kernel"]
        if k is None or k["status"] in ("dead", "autorestarting", "restarting"):
            raise CheckFailed(f"{name}: {label}: kernel {k and k['status']} while running")
        code = [c for c in st["cells"] if c["code"]]
        if first_done is None and started and code and code[0]["count"] is not None:
            first_done = elapsed
        if first_output is None and any(c["outputs"] for c in code):
            first_output = elapsed
        errors = [(c["index"], e) for c in code for e in c["errors"]]
        if errors:
            index, err = errors[0]
            raise CheckFailed(f"{name}: {label}: cell {index} failed: {err[:300]}")
        running = [c for c in code if c["count"] is None or c["state"] == "running"]
        started = started or bool(running)
        if started and not running and k["status"] == "idle":
            break
        if elapsed > timeout:
            stuck = running[0]["index"] if running else "?"
            raise CheckFailed(
                f"{name}: {label}: not finished after {timeout:.0f} s (cell {stuck} pending)"
            )
        time.sleep(POLL_S)
    total = time.monotonic() - start
    st = state(page, name)
    by_index = {c["index"]: c for c in st["cells"]}
    missing = [i for i in expected_outputs if not by_index.get(i, {}).get("outputs")]
    if missing:
        raise CheckFailed(f"{name}: {label}: no output in cell(s) {missing} (outputs stored there)")
    outputs = sum(c["outputs"] for c in st["cells"] if c["code"])
    return {
        "first_cell": first_done,
        "first_output": first_output,
        "total": total,
        "outputs": outputs,
    }


def fmt(seconds):
    return "-" if seconds is None else f"{seconds:.1f} s"


def check_open(context, server, name, scratch: Path, out: Path, timeout):
    page = context.new_page()
    try:
        t_open = open_notebook(page, server, name, timeout)
        expected = stored_figures(scratch / name)
        facts = page.evaluate(IMAGES_JS, name)
        shown = [i for i in facts["images"] if i["ok"]]
        st = state(page, name)
        page.screenshot(path=str(out / f"open-{Path(name).stem}.png"), full_page=False)
        summary = (
            f"{name}: opened in {fmt(t_open)}, {len(shown)} of {expected} stored figure(s) "
            f"displayed as <img> ({', '.join(sorted({i['type'] for i in shown})) or 'none'}), "
            f"trusted={st['trusted']}"
        )
        if expected == 0:
            raise CheckFailed(f"{summary}: the notebook has no stored figure to look for")
        if len(shown) < expected:
            raise CheckFailed(
                f"{summary}: figures missing (an untrusted notebook hides image/svg+xml; "
                "store an image/png beside each SVG)"
            )
        print(f"ok   {summary}", flush=True)
    finally:
        page.close()


def check_run(context, server, name, scratch, out, restarts, timeout):
    """Runs the notebook, then restarts + runs `restarts` times; the failures (strings)."""
    failures = []
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    expected = cells_with_outputs(scratch / name)
    try:
        t_open = open_notebook(page, server, name, timeout)
        t_kernel = wait_kernel_idle(page, name, timeout, "kernel start")
        print(f"     {name}: opened in {fmt(t_open)}, kernel idle after {fmt(t_kernel)} more")
        r = run_all(page, name, expected, timeout, "run")
        print(
            f"ok   {name}: run all: first cell done {fmt(r['first_cell'])}, first output "
            f"{fmt(r['first_output'])}, all {fmt(r['total'])}, {r['outputs']} output(s)",
            flush=True,
        )
        page.screenshot(path=str(out / f"run-{Path(name).stem}.png"), full_page=False)
        succeeded = 0
        times = []
        for i in range(1, restarts + 1):
            label = f"restart {i}/{restarts}"
            try:
                t0 = time.monotonic()
                page.evaluate(
                    "async () => { window.jupyterapp.commands.execute('kernelmenu:restart'); }"
                )
                accept_dialog(page)
                t_back = wait_kernel_idle(page, name, timeout, label)
                r = run_all(page, name, expected, timeout, f"{label}, run")
                times.append(r["first_cell"])
                succeeded += 1
                print(
                    f"ok   {name}: {label}: kernel back in {fmt(time.monotonic() - t0 - r['total'])}"
                    f" (idle wait {fmt(t_back)}), first cell done {fmt(r['first_cell'])}, "
                    f"first output {fmt(r['first_output'])}, all {fmt(r['total'])}",
                    flush=True,
                )
            except CheckFailed as err:
                failures.append(str(err))
                print(f"FAIL {err}", flush=True)
                page.screenshot(path=str(out / f"restart-{i}-fail.png"), full_page=False)
                # Recover for the next round: dismiss dialogs, wait for the kernel to come back.
                for _ in range(3):
                    if page.locator(".jp-Dialog").count() == 0:
                        break
                    try:
                        accept_dialog(page, 5)
                    except Exception:  # noqa: BLE001
                        page.keyboard.press("Escape")
                try:
                    wait_kernel_idle(page, name, timeout, f"{label}, recovery")
                except CheckFailed as err2:
                    print(f"     recovery failed: {err2}")
                    break
        if restarts:
            page.screenshot(path=str(out / f"restarts-{Path(name).stem}.png"), full_page=False)
            line = f"restarts: {succeeded}/{restarts} succeeded"
            if times:
                line += (
                    f"; first cell done after a restart: min {min(times):.1f} s, "
                    f"max {max(times):.1f} s"
                )
            print(line, flush=True)
    except CheckFailed as err:
        failures.append(str(err))
        print(f"FAIL {err}", flush=True)
        try:
            page.screenshot(path=str(out / f"run-{Path(name).stem}-fail.png"), full_page=False)
        except Exception:  # noqa: BLE001
            pass
    finally:
        page.close()
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jupyter", required=True, help="the venv's jupyter")
    parser.add_argument("--notebooks", type=Path, required=True, help="the notebooks directory")
    parser.add_argument("--open", nargs="*", default=[], metavar="NAME")
    parser.add_argument("--run", metavar="NAME")
    parser.add_argument("--restarts", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="screenshots and server log")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per step")
    add_chromium_option(parser)
    args = parser.parse_args()

    names = list(dict.fromkeys(args.open + ([args.run] if args.run else [])))
    missing = [n for n in names if not (args.notebooks / n).is_file()]
    if missing:
        print(f"FAIL no such notebook in {args.notebooks}: {', '.join(missing)}")
        return 1
    if not names:
        print("FAIL nothing to check: give --open and/or --run")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="jupyterlab-check-"))
    scratch = home / "notebooks"
    scratch.mkdir()
    make_scratch(args.notebooks, names, scratch)

    failures = []
    server = Server(args.jupyter, scratch, home / "jupyter", args.out / "jupyter-server.log")
    print(f"     jupyter lab: pid {server.proc.pid}, port {server.port}, root {scratch}")
    try:
        t_ready = server.wait_ready(120)
        print(f"     jupyter lab answered after {fmt(t_ready)}", flush=True)
        with sync_playwright() as p:
            browser = launch(p, args.chromium)
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            guard_routes(context, server.base)
            for name in args.open:
                try:
                    check_open(context, server, name, scratch, args.out, args.timeout)
                except CheckFailed as err:
                    failures.append(str(err))
                    print(f"FAIL {err}", flush=True)
                server.shutdown_kernels()
            if args.run:
                failures += check_run(
                    context, server, args.run, scratch, args.out, args.restarts, args.timeout
                )
            context.close()
            browser.close()
    except CheckFailed as err:
        failures.append(str(err))
        print(f"FAIL {err}", flush=True)
    except Exception as err:  # noqa: BLE001 (any other error fails the check, server stopped)
        failures.append(f"{type(err).__name__}: {err}")
        print(f"FAIL {type(err).__name__}: {err}", flush=True)
    finally:
        server.shutdown_kernels()
        server.stop()
        log = server.log_text().splitlines()
        # evcxr_jupyter's last words ("Error: ...", from main) and jupyter_server's restarter.
        fatal = [
            line
            for line in log
            if line.startswith("Error: ") or "KernelRestarter" in line or "died" in line
        ]
        for line in fatal[:10]:
            print(f"     server log: {line.strip()}")
        shell_errors = sum(1 for line in log if line.startswith("Error handling shell message"))
        if shell_errors:
            print(
                f"     server log: {shell_errors} x evcxr 'Error handling shell message' "
                "(a reply to a probe the server had closed; evcxr goes on)"
            )
        shutil.rmtree(home, ignore_errors=True)
        print(f"     jupyter lab (pid {server.proc.pid}) stopped; log {server.log_path}")

    return verdict("jupyterlab-check", len(failures), "failure(s)", "passed", args.out)


if __name__ == "__main__":
    sys.exit(main())
