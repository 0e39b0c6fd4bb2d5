#!/usr/bin/env python3
"""soak.py: the real kiosk on its own Xvfb, driven with real X input for the
equivalent of days of use, its memory and open descriptors sampled as it goes.

The kiosk runs windowed at a small size with --time-scale, so that its idle
warning and reset come in a fraction of a second; one long-lived xdotool
(reading commands from a pipe) types into it through XTEST, as a keyboard
would. Every count is taken from the kiosk's --trace, not from what was sent:

  slide changes     a slide or welcome screen at another slide or page than
                    the screen before it (Right, Left, Home, auto-advance)
  language switches a screen in another language than the one before it,
                    in the same visitor session (L, Tab, Return in the picker)
  votes             "vote poll=... saved" lines (Up to a choice, Return)
  hot reloads       "reloaded slides=N" lines: the deck folder rewritten
                    (deck.yaml and po/es.po in turns, replaced by rename(2),
                    as an editor or rsync does), or SIGHUP; every 25th edit
                    is a broken deck.yaml, which must keep the last good deck
  idle resets       the resets= count of the screen lines: each visitor
                    session ends by leaving the kiosk alone
  display changes   the window resized (xdotool windowsize: portrait and
                    landscape) and a screen composed at the new size

A visitor session: Right onto the first slide, language switches, a vote on
each poll in turn (in the language the switches left), then slide changes
mixed with Left, theme and text size, hot reloads and size changes, then
nothing until the idle reset. Sessions repeat until every target is met.

VmRSS, VmHWM, threads and the number of open descriptors are read from
/proc/PID every --sample-seconds and after every idle reset (the kiosk then
always shows the same welcome screen, in the default language, theme and
size), into a CSV. At the end the kiosk gets SIGTERM and must exit 0.

The check (exit status 1 when it fails): after the warm-up (the first
--warmup fraction of the actions), RSS at the post-reset samples stays within
--rss-limit-kb (max - min); the descriptors other than font files never
change, and no more font files are open than kiosk/draw.c's font cache holds
(--font-cache-max); every count reaches its target; SIGTERM ends the kiosk
with status 0 and the trace with "exit". Two caches fill slowly and are part
of any warm-up: SQLite's page cache (2 MB by default, full at some 6,000
votes, as the store grows) and the font cache (a file and a glyph cache per
face and pixel size, up to --font-cache-max).
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# ---------------------------------------------------------------------------
# The soak deck: a real deck, with more polls so that a session casts many
# votes, and its hot-reload variants.

def split_slides(text):
    """deck.yaml -> (head, [slide blocks]): blocks start at '  - id: '."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.rstrip() == "slides:") + 1
    blocks, cur = [], []
    for l in lines[start:]:
        if l.startswith("  - id: ") and cur:
            blocks.append("".join(cur))
            cur = []
        cur.append(l)
    if cur:
        blocks.append("".join(cur))
    return "".join(lines[:start]), blocks


def block_id(block):
    return block.split("\n", 1)[0][len("  - id: "):].strip()


def block_kind(block):
    m = re.search(r"^    kind: (\S+)", block, re.M)
    return m.group(1) if m else ""


def make_polls(blocks, total):
    """Clones of the deck's polls (ids soak-poll-NN) after its last poll, up
    to total polls; returns the new block list and {clone id: original id}."""
    polls = [b for b in blocks if block_kind(b) == "poll"]
    if not polls:
        sys.exit("soak: the source deck has no poll")
    last = max(i for i, b in enumerate(blocks) if block_kind(b) == "poll")
    clones, origin = [], {}
    for n in range(max(0, total - len(polls))):
        src = polls[n % len(polls)]
        cid = "soak-poll-%02d" % (n + 1)
        origin[cid] = block_id(src)
        clones.append(src.replace("  - id: " + block_id(src), "  - id: " + cid, 1))
    return blocks[: last + 1] + clones + blocks[last + 1:], origin


def clone_po(text, origin):
    """A catalogue with each cloned poll's entries copied from its original's
    (msgctxt "ORIGINAL/..." -> "CLONE/..."), so the clones are translated."""
    entries = re.split(r"\n\s*\n", text.rstrip("\n"))
    by_slide = {}
    for e in entries:
        m = re.search(r'^msgctxt "([^"/]+)/', e, re.M)
        if m:
            by_slide.setdefault(m.group(1), []).append(e)
    extra = []
    for cid, oid in origin.items():
        for e in by_slide.get(oid, []):
            extra.append(e.replace('msgctxt "%s/' % oid, 'msgctxt "%s/' % cid, 1))
    return "\n\n".join(entries + extra) + "\n"


class Deck:
    """The soak's deck folder and the variants hot reloads switch between:
    A (every slide), B (one statement slide fewer, another version), a
    Spanish catalogue in two wordings, and a broken deck.yaml."""

    def __init__(self, source, folder, polls):
        self.folder = folder
        self.spare = folder + ".spare"  # same file system: rename(2) is atomic
        os.makedirs(os.path.join(folder, "po"), exist_ok=True)
        os.makedirs(self.spare, exist_ok=True)
        with open(os.path.join(source, "deck.yaml"), encoding="utf-8") as f:
            head, blocks = split_slides(f.read())
        blocks, origin = make_polls(blocks, polls)
        head_b = re.sub(r"^version: .*$", "version: soak-b", head, count=1, flags=re.M)
        head_a = re.sub(r"^version: .*$", "version: soak-a", head, count=1, flags=re.M)
        drop = next(i for i, b in enumerate(blocks) if block_kind(b) == "statement")
        self.yaml = {
            "A": head_a + "".join(blocks),
            "B": head_b + "".join(blocks[:drop] + blocks[drop + 1:]),
        }
        self.yaml["broken"] = self.yaml["A"] + "  - id: [broken\n    kind: {\n"
        # Poll slide numbers (from 1) by the variant's slide count.
        self.polls = {}
        for name in ("A", "B"):
            _, bl = split_slides(self.yaml[name])
            self.polls[len(bl)] = [i + 1 for i, b in enumerate(bl) if block_kind(b) == "poll"]
        self.n_slides = {name: len(split_slides(self.yaml[name])[1]) for name in ("A", "B")}
        m = re.search(r"^languages: \[(.*)\]", head, re.M)
        self.languages = [x.strip() for x in m.group(1).split(",")] if m else []
        self.po = {}
        for name in sorted(os.listdir(os.path.join(source, "po"))):
            if name.endswith(".po"):
                with open(os.path.join(source, "po", name), encoding="utf-8") as f:
                    self.po[name] = clone_po(f.read(), origin)
        es = self.po.get("es.po", "")
        # The second wording: one msgstr changed (the polls' heading).
        self.es = {"1": es, "2": es.replace('msgstr "¿Qué sigue?"', 'msgstr "¿Y ahora qué?"')}
        self.write("deck.yaml", self.yaml["A"])
        for name, text in self.po.items():
            self.write(os.path.join("po", name), text)
        self.variant, self.es_variant = "A", "1"

    def write(self, rel, text):
        tmp = os.path.join(self.spare, os.path.basename(rel))
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.rename(tmp, os.path.join(self.folder, rel))


# ---------------------------------------------------------------------------

class Stuck(Exception):
    pass


def parse_screen(line):
    return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)


class Soak:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.work = a.work or tempfile.mkdtemp(prefix="placard-soak.")
        os.makedirs(self.work, exist_ok=True)
        self.trace_path = os.path.join(self.work, "kiosk.trace")
        self.log_path = os.path.join(self.work, "kiosk.log")
        self.procs = []
        # Counts from the trace.
        self.c = dict(slides=0, langs=0, votes=0, reloads=0, resets=0, resizes=0,
                      broken_reloads=0, votes_refused=0, keys=0, frames=0, screens=0,
                      quit_refused=0)
        self.keys_sent = 0
        self.last = {}            # the last screen line's fields
        self.screen_since_key = True
        self.last_key_at = 0.0
        self.exited = False
        self.buf = ""
        self.trace = None
        self.samples = []
        self.t0 = time.monotonic()
        self.next_sample = 0.0
        self.errors = []
        self.fd_changes = []

    # -- processes -------------------------------------------------------

    def start_x(self):
        r, w = os.pipe()
        xlog = open(os.path.join(self.work, "xvfb.log"), "w")
        cmd = ["Xvfb", "-displayfd", str(w), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"]
        if self.a.no_glx:
            cmd += ["-extension", "GLX"]
        x = subprocess.Popen(cmd, pass_fds=(w,), stdout=xlog, stderr=xlog)
        os.close(w)
        self.procs.append(x)
        self.xvfb = x
        data = b""
        deadline = time.monotonic() + 30
        while not data.endswith(b"\n"):
            if time.monotonic() > deadline or x.poll() is not None:
                raise Stuck("Xvfb did not start (see %s/xvfb.log)" % self.work)
            chunk = os.read(r, 64)
            if not chunk:
                break
            data += chunk
        os.close(r)
        self.display = ":" + data.decode().strip()
        os.environ["DISPLAY"] = self.display

    def start_kiosk(self):
        a = self.a
        self.deck = Deck(a.deck, os.path.join(self.work, "deck"), a.polls)
        w, h = a.size.split("x")
        self.base = (int(w), int(h))
        cmd = (a.wrap.split() if a.wrap else []) + [
            a.kiosk, self.deck.folder, "--trace", self.trace_path,
            "--store", os.path.join(self.work, "votes.db"), "--windowed", "--size", a.size,
            "--time-scale", str(a.time_scale), "--idle-seconds", str(a.idle_seconds),
            "--warning-seconds", str(a.warning_seconds), "--slide-seconds", "600"]
        self.kiosk_log = open(self.log_path, "w")
        self.kiosk = subprocess.Popen(cmd, stdout=self.kiosk_log, stderr=subprocess.STDOUT)
        self.procs.append(self.kiosk)
        self.pid = self.kiosk.pid
        self.wait_for(lambda: self.c["screens"] > 0, 120, "the kiosk's first screen")
        out = subprocess.run(["xdotool", "search", "--sync", "--name", "^Placard$"],
                             capture_output=True, text=True, timeout=60 * a.slow)
        self.win = out.stdout.split()[0]
        self.xdo = subprocess.Popen(["xdotool", "-"], stdin=subprocess.PIPE, text=True,
                                    stdout=subprocess.DEVNULL)
        self.procs.append(self.xdo)
        self.xdo_cmd("windowfocus %s" % self.win)

    def stop(self):
        """SIGTERM, as systemd stops the kiosk: it must exit 0 after 'exit'."""
        self.sample("end")
        os.kill(self.pid, signal.SIGTERM)
        try:
            rc = self.kiosk.wait(timeout=120 * self.a.slow)
        except subprocess.TimeoutExpired:
            self.errors.append("the kiosk did not exit within %d s of SIGTERM" % (120 * self.a.slow))
            self.kiosk.kill()
            rc = self.kiosk.wait()
        self.pump()
        if rc != 0:
            self.errors.append("the kiosk exited with status %d after SIGTERM" % rc)
        if not self.exited:
            self.errors.append("the trace does not end with exit")
        return rc

    def cleanup(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                if p is getattr(self, "xdo", None):
                    try:
                        p.stdin.close()
                    except OSError:
                        pass
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()

    # -- input -----------------------------------------------------------

    def xdo_cmd(self, line):
        self.xdo.stdin.write(line + "\n")
        self.xdo.stdin.flush()

    def keys(self, seq):
        for i in range(0, len(seq), 100):
            self.xdo_cmd("key --delay 0 " + " ".join(seq[i:i + 100]))
        self.keys_sent += len(seq)

    def settle(self, timeout=20):
        """Until the kiosk has read every key sent and composed the screen
        after the last (or 50 ms passed after it for a key that changes
        nothing)."""
        deadline = time.monotonic() + timeout * self.a.slow
        while True:
            self.pump()
            if self.c["keys"] >= self.keys_sent and (
                    self.screen_since_key or time.monotonic() - self.last_key_at > 0.05 * self.a.slow):
                return
            if time.monotonic() > deadline:
                raise Stuck("%d keys sent, %d read by the kiosk" % (self.keys_sent, self.c["keys"]))
            time.sleep(0.001)

    def step(self, *keys):
        self.keys(list(keys))
        self.settle()

    # -- the trace -------------------------------------------------------

    def pump(self):
        if self.trace is None:
            try:
                self.trace = open(self.trace_path, encoding="utf-8", errors="replace")
            except FileNotFoundError:
                return
        data = self.trace.read()
        if data:
            self.buf += data
            lines = self.buf.split("\n")
            self.buf = lines.pop()
            for line in lines:
                self.line(line)
        now = time.monotonic()
        if now >= self.next_sample:
            self.sample("time")
        if self.kiosk.poll() is not None and not self.stopping:
            raise Stuck("the kiosk ended (status %s)" % self.kiosk.returncode)

    stopping = False

    def line(self, line):
        c = self.c
        if line.startswith("screen="):
            f = parse_screen(line)
            c["screens"] += 1
            prev = self.last
            if prev and f.get("resets") == prev.get("resets"):
                if f.get("lang") != prev.get("lang"):
                    c["langs"] += 1
                if f["screen"] in ("slide", "welcome") and prev.get("screen") in ("slide", "welcome"):
                    pos = (f["screen"], f["slide"], f["page"]) if f["screen"] == "slide" else ("welcome",)
                    ppos = (prev["screen"], prev["slide"], prev["page"]) if prev["screen"] == "slide" else ("welcome",)
                    if pos != ppos:
                        c["slides"] += 1
            c["resets"] = int(f.get("resets", 0))
            self.last = f
            self.screen_since_key = True
        elif line.startswith("key "):
            c["keys"] += 1
            self.screen_since_key = False
            self.last_key_at = time.monotonic()
        elif line.startswith("frame "):
            c["frames"] += 1
        elif line.startswith("vote "):
            if line.endswith(" saved"):
                c["votes"] += 1
            else:
                c["votes_refused"] += 1
        elif line.startswith("reload-failed"):
            c["broken_reloads"] += 1
        elif line.startswith("reloaded "):
            c["reloads"] += 1
            self.n_slides = int(line.split("=", 1)[1])
        elif line == "exit":
            self.exited = True
        elif line == "quit-refused":
            c["quit_refused"] += 1

    def wait_for(self, cond, timeout, what):
        deadline = time.monotonic() + timeout * self.a.slow
        while not cond():
            if time.monotonic() > deadline:
                raise Stuck("no %s within %.0f s (last screen: %s)" % (what, timeout * self.a.slow, self.last))
            time.sleep(0.001)
            self.pump()

    # -- sampling --------------------------------------------------------

    def fd_diff(self, tag):
        """What the open descriptors are now, against the last look."""
        now = {}
        d = "/proc/%d/fd" % self.pid
        for fd in os.listdir(d):
            try:
                now[fd] = os.readlink(os.path.join(d, fd))
            except OSError:
                pass
        before = getattr(self, "fd_seen", {})
        self.fd_seen = now
        opened = sorted("%s -> %s" % kv for kv in now.items() if before.get(kv[0]) != kv[1])
        closed = sorted("%s -> %s" % kv for kv in before.items() if now.get(kv[0]) != kv[1])
        return dict(at_actions=self.actions(), tag=tag, count=len(now), n_opened=len(opened),
                    n_closed=len(closed), opened=opened[:8], closed=closed[:8])

    def actions(self):
        c = self.c
        return c["slides"] + c["langs"] + c["votes"] + c["reloads"] + c["resets"] + c["resizes"]

    def sample(self, tag):
        st = {}
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for l in f:
                    k, _, v = l.partition(":")
                    st[k] = v.split()[0] if v.split() else ""
            fds = font_fds = 0
            for fd in os.listdir("/proc/%d/fd" % self.pid):
                fds += 1
                try:
                    target = os.readlink("/proc/%d/fd/%s" % (self.pid, fd))
                except OSError:
                    continue
                font_fds += target.endswith((".ttf", ".otf", ".ttc"))
        except (FileNotFoundError, ProcessLookupError):
            return
        if self.samples and fds != self.samples[-1]["fds"] and len(self.fd_changes) < 12:
            self.fd_changes.append(self.fd_diff(tag))  # the first few, to see what they are
        row = dict(t=round(time.monotonic() - self.t0, 2), tag=tag, actions=self.actions(),
                   rss_kb=int(st.get("VmRSS", 0)), hwm_kb=int(st.get("VmHWM", 0)),
                   # what RSS is made of: the heap and other private memory,
                   # and pages of files (libraries, mapped files)
                   anon_kb=int(st.get("RssAnon", 0)), file_kb=int(st.get("RssFile", 0)),
                   fds=fds, font_fds=font_fds, other_fds=fds - font_fds,
                   threads=int(st.get("Threads", 0)))
        row.update({k: self.c[k] for k in ("slides", "langs", "votes", "reloads", "resets",
                                           "resizes", "broken_reloads", "frames", "keys")})
        self.samples.append(row)
        self.next_sample = time.monotonic() + self.a.sample_seconds

    # -- navigation ------------------------------------------------------

    def screen(self):
        return self.last.get("screen", "")

    def where(self):
        return int(self.last.get("slide", 0)) if self.screen() == "slide" else 0

    def to_content(self):
        """Off the picker, idle warning or admin, onto a slide or welcome."""
        for _ in range(5):
            if self.screen() in ("slide", "welcome"):
                return
            self.step("Escape")
        raise Stuck("cannot leave screen %s" % self.screen())

    def goto_slide(self, target):
        for _ in range(200):
            self.to_content()
            cur = self.where()
            if cur == target:
                return
            if target > cur:
                self.keys(["Right"] * (target - cur))  # never past it: pages only slow it
            else:
                self.keys(["Home"])
            self.settle()
        raise Stuck("cannot reach slide %d (at %s)" % (target, self.last))

    # -- the phases of a session -----------------------------------------

    def languages(self, n):
        """n language switches: L opens the picker on the language shown,
        Tab steps to another (mostly the next; the picker's controls are the
        language button, pause, the languages and close), Return."""
        self.to_content()
        if self.screen() == "welcome":
            self.step("Right")
        langs = self.deck.languages
        cur = langs.index(self.last["lang"]) if self.last.get("lang") in langs else 0
        seq = []
        for _ in range(n):
            if self.rng.random() < 0.7:
                nxt = (cur + 1) % len(langs)
            else:
                nxt = self.rng.choice([j for j in range(len(langs)) if j != cur])
            seq += ["l"] + ["Tab"] * ((nxt - cur) % (len(langs) + 3)) + ["Return"]
            cur = nxt
        for i in range(0, len(seq), 200):
            self.keys(seq[i:i + 200])
            self.settle()

    def vote_here(self, slide):
        """On poll slide (page 1): Up to a choice (pages without the choices
        are passed with Right), Return, and the commit's trace line."""
        for _ in range(8):
            if self.screen() != "slide" or self.where() != slide:
                return False
            if not self.last.get("focus", "").startswith("vote:") and int(self.last.get("controls", 0)) >= 10:
                for _ in range(int(self.last["controls"])):
                    self.step("Up")
                    if self.last.get("focus", "").startswith("vote:"):
                        break
            if self.last.get("focus", "").startswith("vote:"):
                if self.rng.random() < 0.5 and self.last["focus"] != "vote:strongly-disagree":
                    self.step("Up")  # another choice
                if not self.last.get("focus", "").startswith("vote:"):
                    continue
                before = self.c["votes"] + self.c["votes_refused"]
                self.keys(["Return"])
                self.wait_for(lambda: self.c["votes"] + self.c["votes_refused"] > before, 20,
                              "vote line after Return on %s" % self.last.get("focus"))
                self.settle()
                return True
            self.step("Right")  # the question's first page; the choices follow
        return False

    def votes(self, n):
        polls = self.deck.polls[self.n_slides]
        for p in polls[:n]:
            self.goto_slide(p)
            if not self.vote_here(p):
                self.errors.append("no vote cast on slide %d: %s" % (p, self.last))

    def reload(self):
        """One hot reload: a file of the deck folder replaced, or SIGHUP; then
        Right until the kiosk has taken it (it reloads between slides)."""
        n = self.c["reloads"] + self.c["broken_reloads"]
        d = self.deck
        if n % 25 == 24:
            d.write("deck.yaml", d.yaml["broken"])
            before = self.c["broken_reloads"]
            for _ in range(200):
                time.sleep(0.002)
                self.step("Right")
                if self.c["broken_reloads"] > before:
                    d.variant = "broken"
                    return
            raise Stuck("the broken deck was never reported (trace reload-failed)")
        if n % 10 == 9 and d.variant != "broken":
            os.kill(self.pid, signal.SIGHUP)
        elif n % 2 == 0 or d.variant == "broken":
            d.variant = "B" if d.variant == "A" else "A"
            d.write("deck.yaml", d.yaml[d.variant])
        else:
            d.es_variant = "2" if d.es_variant == "1" else "1"
            d.write("po/es.po", d.es[d.es_variant])
        before = self.c["reloads"]
        for _ in range(200):
            time.sleep(0.002)
            self.step("Right")
            if self.c["reloads"] > before:
                if self.n_slides != d.n_slides[d.variant]:
                    self.errors.append("reload %d: %d slides, deck %s has %d" % (
                        n, self.n_slides, d.variant, d.n_slides[d.variant]))
                return
        raise Stuck("the kiosk did not reload (reload %d)" % n)

    def resize(self, w, h):
        before = self.c["screens"]
        self.xdo_cmd("windowsize %s %d %d" % (self.win, w, h))
        self.wait_for(lambda: self.c["screens"] > before, 20, "screen after resizing to %dx%d" % (w, h))
        self.c["resizes"] += 1

    def slides(self, n, reloads, pairs):
        """n slide changes in bursts (Right, some Left, Home, theme, text
        size), with hot reloads and size changes spread among them: a size
        change is a pair, out to a portrait or landscape size, some slides
        there, and back to the base size."""
        start = self.c["slides"]
        self.to_content()
        events = sorted([("reload", self.rng.random()) for _ in range(reloads)] +
                        [("resize", self.rng.random()) for _ in range(pairs)],
                        key=lambda e: e[1])
        sizes = [tuple(int(n) for n in wh.split("x")) for wh in self.a.sizes.split(",")]
        while True:
            done = self.c["slides"] - start
            if events and done >= events[0][1] * n:
                kind = events.pop(0)[0]
                if kind == "reload":
                    self.reload()
                else:
                    self.resize(*sizes[self.c["resizes"] // 2 % len(sizes)])
                    self.keys(["Right"] * 20 + (["equal", "Left", "minus"] if self.a.styles else ["Left"]))
                    self.settle()
                    self.resize(*self.base)
                continue
            if done >= n and not events:
                break
            burst = ["Right"] * 90 + ["Left"] * 6 + ["Home"] + (
                ["t", "equal", "minus"] if self.a.styles else ["Right"] * 3)
            self.rng.shuffle(burst)
            want = n - done if not events else max(1, int(events[0][1] * n) - done)
            self.keys(burst[: max(1, min(len(burst), want))])
            self.settle()
            self.to_content()

    def end_session(self):
        before = self.c["resets"]
        idle = (self.a.idle_seconds + self.a.warning_seconds) / self.a.time_scale
        self.wait_for(lambda: self.c["resets"] > before, idle + 30, "idle reset")
        self.wait_for(lambda: self.screen() == "welcome", 30, "welcome screen after reset")
        self.sample("reset")

    # -- the run -----------------------------------------------------------

    def run(self):
        a = self.a
        self.start_x()
        self.start_kiosk()
        self.n_slides = self.deck.n_slides["A"]
        self.fd_diff("start")
        self.sample("start")
        n_polls = len(self.deck.polls[self.n_slides])
        planned = max(a.resets, -(-a.votes // n_polls), 1)
        targets = dict(slides=a.slides, langs=a.langs, votes=a.votes, reloads=a.reloads,
                       resets=a.resets, resizes=a.resizes)
        self.targets = targets
        # Each target spread evenly over the planned sessions (size changes
        # in pairs: out and back), then sessions until every one is met.
        spread = dict(targets, resizes=-(-a.resizes // 2))
        done_sessions = 0
        last_report = time.monotonic()
        while done_sessions < planned or any(self.c[k] < v for k, v in targets.items()):
            i = done_sessions
            if i < planned:
                # Rounded up: the first of each kind comes in the first session.
                q = {k: -(-v * (i + 1) // planned) - -(-v * i // planned) for k, v in spread.items()}
            else:
                q = {k: max(0, v - self.c[k]) for k, v in targets.items()}
                q["resizes"] = -(-q["resizes"] // 2)
            v0 = self.c["votes"]
            self.languages(q["langs"])
            self.votes(min(q["votes"], n_polls))
            self.slides(q["slides"], q["reloads"], q["resizes"])
            self.end_session()
            done_sessions += 1
            if self.c["votes"] == v0 and q["votes"] > 0:
                raise Stuck("a session cast no vote")
            if time.monotonic() - last_report > a.report_seconds:
                last_report = time.monotonic()
                self.report_progress(done_sessions)
        self.sessions = done_sessions
        self.stopping = True
        rc = self.stop()
        return rc

    def report_progress(self, sessions):
        s = self.samples[-1]
        print("soak: %6.0f s  sessions %d  slides %d  langs %d  votes %d  reloads %d  resets %d  "
              "resizes %d  RSS %.1f MB  fds %d" % (
                  time.monotonic() - self.t0, sessions, self.c["slides"], self.c["langs"],
                  self.c["votes"], self.c["reloads"], self.c["resets"], self.c["resizes"],
                  s["rss_kb"] / 1024, s["fds"]), flush=True)


def check(samples, warmup, limit_kb, total_actions, font_cap):
    """The verdict on the samples after the warm-up: (summary, failures).
    Judged at the post-reset samples, where the kiosk is always in the same
    state (welcome screen, default language, theme, text size and window
    size, no reload or vote under way); the time samples are reported too."""
    after = [s for s in samples if s["actions"] >= warmup * total_actions]
    resets = [s for s in after if s["tag"] == "reset"] or after
    out, fails = {}, []
    if not after:
        return out, ["no samples after the warm-up"]
    for name, rows in (("all", after), ("reset", resets)):
        out["rss_min_kb_" + name] = min(r["rss_kb"] for r in rows)
        out["rss_max_kb_" + name] = max(r["rss_kb"] for r in rows)
        out["fds_" + name] = sorted({r["fds"] for r in rows})
        out["other_fds_" + name] = sorted({r["other_fds"] for r in rows})
    out["threads_after_warmup"] = sorted({s["threads"] for s in after})
    out["samples_after_warmup"] = len(after)
    out["reset_samples_after_warmup"] = len(resets)
    # Descriptors: the font files SDL2_ttf holds open (kiosk/draw.c's cache,
    # one per face and pixel size, at most font_cap) and all the others
    # (X, the vote store, inotify, signalfd, pipes, the trace), which must
    # not change at all.
    out["font_fds_max"] = max(s["font_fds"] for s in samples)
    out["all_fds_constant"] = len(out["fds_reset"]) == 1
    if len(out["other_fds_reset"]) != 1:
        fails.append("open descriptors other than font files changed after the warm-up: %s"
                     % out["other_fds_reset"])
    if out["font_fds_max"] > font_cap:
        fails.append("%d font files open at once, more than the cache's %d" % (
            out["font_fds_max"], font_cap))
    spread = out["rss_max_kb_reset"] - out["rss_min_kb_reset"]
    out["rss_spread_kb"] = spread
    # The trend: the last quarter's median against the first quarter's.
    q = max(1, len(resets) // 4)
    first = sorted(r["rss_kb"] for r in resets[:q])[q // 2]
    last = sorted(r["rss_kb"] for r in resets[-q:])[q // 2]
    out["rss_trend_kb"] = last - first
    # How the spread narrows with a longer warm-up: where the caches that
    # fill slowly (SQLite's page cache, the font cache) come to rest.
    out["rss_spread_kb_after"] = {}
    for f in (0.1, 0.2, 0.3, 0.5):
        rows = [s["rss_kb"] for s in samples if s["tag"] == "reset" and s["actions"] >= f * total_actions]
        if rows:
            out["rss_spread_kb_after"]["%d%%" % (f * 100)] = max(rows) - min(rows)
    if limit_kb > 0 and spread > limit_kb:
        fails.append("RSS after the warm-up spans %d kB (%d to %d), more than %d kB" % (
            spread, out["rss_min_kb_reset"], out["rss_max_kb_reset"], limit_kb))
    return out, fails


def describe():
    """The source tree the kiosk was built from, as git describes it."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        return subprocess.run(["git", "-C", here, "describe", "--always", "--dirty"],
                              capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kiosk", required=True)
    p.add_argument("--deck", required=True, help="the source deck folder (copied)")
    p.add_argument("--work", help="scratch folder (default: a new one in /tmp)")
    p.add_argument("--csv", help="the samples")
    p.add_argument("--summary", help="the counts and the verdict, as JSON")
    p.add_argument("--slides", type=int, default=200000)
    p.add_argument("--langs", type=int, default=20000)
    p.add_argument("--votes", type=int, default=20000)
    p.add_argument("--reloads", type=int, default=1000)
    p.add_argument("--resets", type=int, default=500)
    p.add_argument("--resizes", type=int, default=300)
    p.add_argument("--no-styles", dest="styles", action="store_false",
                   help="no theme or text size changes (fewer font sizes to warm up)")
    p.add_argument("--polls", type=int, default=30, help="polls in the soak deck")
    p.add_argument("--size", default="640x360", help="the window's size between size changes")
    p.add_argument("--sizes", default="360x640,800x450,480x640,640x480,1024x576",
                   help="the sizes the window changes to, in turn")
    p.add_argument("--font-cache-max", type=int, default=96,
                   help="FONT_CACHE_MAX in kiosk/draw.c: the most font files open at once")
    p.add_argument("--time-scale", type=float, default=2000)
    p.add_argument("--idle-seconds", type=float, default=1200)
    p.add_argument("--warning-seconds", type=float, default=20)
    p.add_argument("--sample-seconds", type=float, default=2)
    p.add_argument("--report-seconds", type=float, default=60)
    p.add_argument("--warmup", type=float, default=0.1)
    p.add_argument("--rss-limit-kb", type=int, default=2048, help="0: no RSS check")
    p.add_argument("--wrap", help="a command the kiosk runs under (valgrind ...)")
    p.add_argument("--no-glx", action="store_true",
                   help="Xvfb without GLX (no Mesa in the kiosk, should SDL want a renderer)")
    p.add_argument("--slow", type=float, default=1, help="multiply every time limit")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    a = p.parse_args()
    # SIGTERM (a CI time limit, kill): out through the finally, which ends
    # the kiosk, xdotool and Xvfb.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    s = Soak(a)
    rc = 1
    t0 = time.monotonic()
    try:
        kiosk_rc = s.run()
        rc = 0
    except Stuck as e:
        s.errors.append("stuck: %s" % e)
        kiosk_rc = None
    finally:
        s.cleanup()
    secs = time.monotonic() - t0
    total = s.actions()
    summary, fails = check(s.samples, a.warmup, a.rss_limit_kb, total, a.font_cache_max)
    for k, v in getattr(s, "targets", {}).items():
        if s.c[k] < v:
            fails.append("%s: %d of %d done" % (k, s.c[k], v))
    fails = s.errors + fails
    summary.update(dict(seconds=round(secs, 1), actions=total, sessions=getattr(s, "sessions", None),
                        counts=s.c, targets=getattr(s, "targets", {}), kiosk_exit=kiosk_rc,
                        size=a.size, time_scale=a.time_scale, idle_seconds=a.idle_seconds,
                        warning_seconds=a.warning_seconds, warmup=a.warmup,
                        sample_seconds=a.sample_seconds,
                        rss_limit_kb=a.rss_limit_kb, wrap=a.wrap, failures=fails,
                        fd_changes=s.fd_changes, kiosk=a.kiosk, glx=not a.no_glx,
                        source=describe(),
                        passed=not fails and rc == 0))
    if a.csv and s.samples:
        cols = list(s.samples[0].keys())
        with open(a.csv, "w") as f:
            f.write(",".join(cols) + "\n")
            for r in s.samples:
                f.write(",".join(str(r[c]) for c in cols) + "\n")
    if a.summary:
        with open(a.summary, "w") as f:
            json.dump(summary, f, indent=1)
            f.write("\n")
    c = s.c
    print("soak: %.0f s, %d actions: %d slide changes, %d language switches, %d votes "
          "(%d refused), %d hot reloads (+%d broken decks kept out), %d idle resets, "
          "%d size changes; %d keys, %d frames" % (
              secs, total, c["slides"], c["langs"], c["votes"], c["votes_refused"], c["reloads"],
              c["broken_reloads"], c["resets"], c["resizes"], c["keys"], c["frames"]))
    if "rss_min_kb_all" in summary:
        print("soak: after the warm-up: RSS %.2f-%.2f MB after each reset (spread %d kB, trend "
              "%+d kB), %.2f-%.2f MB in all samples; descriptors %s after each reset, %s in all "
              "(other than font files: %s, %s; font files at most %d); threads %s" % (
                  summary["rss_min_kb_reset"] / 1024, summary["rss_max_kb_reset"] / 1024,
                  summary["rss_spread_kb"], summary["rss_trend_kb"],
                  summary["rss_min_kb_all"] / 1024, summary["rss_max_kb_all"] / 1024,
                  summary["fds_reset"], summary["fds_all"], summary["other_fds_reset"],
                  summary["other_fds_all"], summary["font_fds_max"], summary["threads_after_warmup"]))
    for f in fails:
        print("soak: FAIL: %s" % f)
    if fails or rc:
        print("soak: the kiosk's output: %s (the last lines:)" % s.log_path)
        try:
            with open(s.log_path, errors="replace") as f:
                for l in f.readlines()[-40:]:
                    print("    " + l.rstrip())
        except OSError:
            pass
    elif not a.keep and not a.work:
        shutil.rmtree(s.work, ignore_errors=True)
    sys.exit(0 if summary["passed"] else 1)


if __name__ == "__main__":
    main()
