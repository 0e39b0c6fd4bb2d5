"""Placard against Chromium, side by side in one run (BRIEF section 6, issue 9).

Run by bench/run, which installs what this needs and builds Placard; see
bench/README.md for what each measure is and how it is taken. Every pair is
run alternately (Placard, Chromium, Placard, ...) after a warm-up, and each
result is a median with its minimum and maximum over the rounds.

Writes to the results folder: samples.csv (every measurement), summary.csv
(one row per measure: medians, min-max, the ratio Placard/Chromium, the
target and whether it was met), table.md (the table printed at the end),
machine.txt (the machine, versions and date) and chart.png.
"""

import argparse
import csv
import datetime
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import chart  # beside this file

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Running as root, Chromium refuses to start without --no-sandbox.
CHROMIUM_BASE = [CHROMIUM, "--no-sandbox"] if os.geteuid() == 0 else [CHROMIUM]
CLK_TCK = os.sysconf("SC_CLK_TCK")

# The scripts of the deck's languages: the first switch to a language whose
# script has not been on screen yet is "first use of a script".
SCRIPT = {"en": "Latin", "es": "Latin", "tl": "Latin", "vi": "Latin (Vietnamese)",
          "zh-Hans": "Han", "zh-Hant": "Han", "ar": "Arabic", "fa": "Arabic",
          "hy": "Armenian", "ko": "Hangul"}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Statistics

def quantile(values, q):
    """Linear interpolation between closest ranks (q in 0..1)."""
    v = sorted(values)
    if not v:
        return float("nan")
    pos = (len(v) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def summary(values):
    if not values:
        return {"n": 0, "median": float("nan"), "min": float("nan"), "max": float("nan"),
                "p95": float("nan"), "p99": float("nan")}
    return {"n": len(values), "median": statistics.median(values), "min": min(values),
            "max": max(values), "p95": quantile(values, 0.95), "p99": quantile(values, 0.99)}


# --------------------------------------------------------------------------
# Processes: the tree under a pid, its memory and its CPU

def children_map():
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree(root):
    """root and all its descendants that are alive now."""
    kids = children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def rollup(pid):
    """(Pss, Rss) in KiB from /proc/PID/smaps_rollup, or None."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            text = f.read()
    except OSError:
        return None
    pss = re.search(r"^Pss:\s+(\d+)", text, re.M)
    rss = re.search(r"^Rss:\s+(\d+)", text, re.M)
    if not pss or not rss:
        return None
    return int(pss.group(1)), int(rss.group(1))


def cpu_seconds(pids):
    """utime + stime of each live process (all its threads), in seconds."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def wakeups(pids):
    """Times each thread was put on a CPU (third field of schedstat), summed
    over the threads of the processes; None without schedstat."""
    total, seen = 0, False
    for pid in pids:
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    total += int(f.read().split()[2])
                    seen = True
            except (OSError, IndexError, ValueError):
                continue
    return total if seen else None


class MemorySampler(threading.Thread):
    """Samples the PSS of a process tree (summed) and the RSS of its largest
    process every `every` seconds, keeping the peaks."""

    def __init__(self, root, every):
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.peak_pss = self.peak_rss = self.peak_procs = 0
        self.last_pss = 0
        self.stop_event = threading.Event()

    def sample(self):
        pss_sum, rss_max, n = 0, 0, 0
        for pid in tree(self.root):
            r = rollup(pid)
            if r:
                pss_sum += r[0]
                rss_max = max(rss_max, r[1])
                n += 1
        if n:
            self.last_pss = pss_sum
            self.peak_pss = max(self.peak_pss, pss_sum)
            self.peak_rss = max(self.peak_rss, rss_max)
            self.peak_procs = max(self.peak_procs, n)

    def run(self):
        while not self.stop_event.is_set():
            self.sample()
            self.stop_event.wait(self.every)

    def stop(self):
        self.stop_event.set()
        self.join()


def kill_tree(proc):
    """Ends a process this harness started, and the group it leads."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def timed(cmd, env=None, sample_every=None, timeout=120):
    """Runs cmd to its end: (wall seconds, peak tree PSS KiB, peak RSS KiB).
    The memory is sampled only when sample_every is given (sampling costs CPU
    the timing should not pay)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    sampler = None
    if sample_every:
        sampler = MemorySampler(proc.pid, sample_every)
        sampler.start()
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        raise RuntimeError(f"timed out: {' '.join(cmd)}")
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {' '.join(cmd)}\n"
                           f"{err.decode(errors='replace')[-2000:]}")
    return wall, (sampler.peak_pss if sampler else None), (sampler.peak_rss if sampler else None)


def pressure(kind):
    """The share of the last 10 s some task waited for kind (cpu, io), in
    percent, from /proc/pressure; None without PSI."""
    try:
        with open(f"/proc/pressure/{kind}") as f:
            return float(re.search(r"some avg10=([\d.]+)", f.read()).group(1))
    except (OSError, AttributeError):
        return None


def drop_caches():
    """Empties the page cache; False when this machine does not let us."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


# --------------------------------------------------------------------------
# X

class Xvfb:
    def __init__(self, tmp, name, glx=True):
        self.log = open(os.path.join(tmp, f"{name}.xvfb.log"), "w")
        r, w = os.pipe()
        args = ["Xvfb", "-displayfd", str(w), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"]
        if not glx:
            args += ["-extension", "GLX"]
        self.proc = subprocess.Popen(args, pass_fds=(w,), stdout=self.log, stderr=self.log,
                                     start_new_session=True)
        os.close(w)
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(r, 16)
            if not chunk:
                break
            number += chunk
        os.close(r)
        if not number.strip():
            raise RuntimeError("Xvfb did not start")
        self.display = ":" + number.decode().strip()
        self.keyboard = Keyboard(self.display)

    def close(self):
        self.keyboard.close()
        kill_tree(self.proc)
        self.log.close()


class Keyboard:
    """Key presses through XTEST, as a keyboard's would come: python3-xlib
    when it is there (no process to start per key), else xdotool."""

    def __init__(self, display):
        self.display = display
        self.xlib = None
        try:
            from Xlib import X, XK, display as xdisplay
            from Xlib.ext import xtest
            self.d = xdisplay.Display(display)
            self.xlib = (X, XK, xtest)
        except Exception:
            self.xlib = None

    def press(self, name):
        """Sends the key; returns the CLOCK_MONOTONIC time just before."""
        if self.xlib:
            X, XK, xtest = self.xlib
            code = self.d.keysym_to_keycode(XK.string_to_keysym(name))
            t = time.monotonic()
            xtest.fake_input(self.d, X.KeyPress, code)
            xtest.fake_input(self.d, X.KeyRelease, code)
            self.d.sync()
            return t
        t = time.monotonic()
        subprocess.run(["xdotool", "key", name], env=dict(os.environ, DISPLAY=self.display),
                       check=True)
        return t

    def close(self):
        if self.xlib:
            self.d.close()


class Trace:
    """Reads the kiosk's --trace file as it grows."""

    def __init__(self, path):
        self.path = path
        self.pos = 0
        self.lines = []

    def poll(self):
        try:
            with open(self.path) as f:
                f.seek(self.pos)
                data = f.read()
        except OSError:
            return
        # Only whole lines.
        cut = data.rfind("\n") + 1
        self.pos += len(data[:cut].encode())
        self.lines.extend(data[:cut].splitlines())

    def wait_for(self, pattern, start, timeout=10.0):
        """The first line matching pattern at index >= start: (index, match)."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            self.poll()
            for i in range(start, len(self.lines)):
                m = rx.search(self.lines[i])
                if m:
                    return i, m
            if time.monotonic() > deadline:
                raise RuntimeError(f"kiosk trace: no line like {pattern!r} "
                                   f"(last: {self.lines[-3:]})")
            time.sleep(0.005)


# --------------------------------------------------------------------------
# The measures

class Bench:
    def __init__(self, args):
        self.a = args
        self.tmp = tempfile.mkdtemp(prefix="placard-bench-")
        self.kiosk = os.path.join(args.build, "kiosk", "placard-kiosk")
        self.printer = os.path.join(args.build, "print", "placard-print")
        self.vote_bench = os.path.join(args.build, "bench", "vote_bench")
        self.samples = []  # (measure, who, round, value, unit)
        self.rows = []     # summary rows
        self.notes = []
        with open("/proc/loadavg") as f:
            self.load_start = f.read().split()[:3]
        self.env = dict(os.environ)
        # The harness's own X display must not leak into headless runs.
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)

    def sample(self, measure, who, rnd, value, unit):
        self.samples.append((measure, who, rnd, value, unit))

    def row(self, measure, unit, placard, chromium=None, target="", met=None, note=""):
        p = summary(placard)
        c = summary(chromium) if chromium is not None else None
        ratio = (p["median"] / c["median"]) if c and c["median"] else None
        self.rows.append({"measure": measure, "unit": unit, "placard": p, "chromium": c,
                          "ratio": ratio, "target": target, "met": met, "note": note})

    # -- pages for Chromium -------------------------------------------------

    def html(self, lang, slide=None):
        name = f"slide{slide}-{lang}.html" if slide else f"handout-{lang}.html"
        path = os.path.join(self.tmp, name)
        if not os.path.exists(path):
            cmd = [self.printer, "html", self.a.deck, "--lang", lang, "-o", path]
            cmd += ["--slide", str(slide)] if slide else ["--handout"]
            subprocess.run(cmd, check=True)
        return "file://" + path

    def chromium_shot(self, out, sample_every=None):
        url = self.html("en", self.a.slide)
        cmd = CHROMIUM_BASE + ["--headless", "--hide-scrollbars", "--window-size=1920,1080",
                               f"--screenshot={out}", url]
        return timed(cmd, env=self.env, sample_every=sample_every)

    def kiosk_shot(self, out, sample_every=None):
        cmd = [self.kiosk, self.a.deck, "--screenshot", out, "--slide", str(self.a.slide),
               "--lang", "en", "--size", "1920x1080"]
        return timed(cmd, env=self.env, sample_every=sample_every)

    # -- start to first frame ----------------------------------------------

    def start(self):
        log("start to first frame (screenshot of slide %d at 1920x1080)" % self.a.slide)
        shots = {"placard": os.path.join(self.tmp, "kiosk.png"),
                 "chromium": os.path.join(self.tmp, "chromium.png")}
        run = {"placard": self.kiosk_shot, "chromium": self.chromium_shot}
        warm = {"placard": [], "chromium": []}
        for rnd in range(-1, self.a.rounds):  # -1: the warm-up
            for who in ("placard", "chromium"):
                wall = run[who](shots[who])[0]
                if rnd >= 0:
                    warm[who].append(wall)
                    self.sample("start_warm", who, rnd, wall, "s")
        self.row("start to first frame, warm cache", "s", warm["placard"], warm["chromium"],
                 "<= 1/5", None)
        cold = {"placard": [], "chromium": []}
        if not drop_caches():
            self.notes.append("cold cache: not measured (writing /proc/sys/vm/drop_caches "
                              "is not permitted here)")
        else:
            for rnd in range(self.a.cold_rounds):
                for who in ("placard", "chromium"):
                    drop_caches()
                    wall = run[who](shots[who])[0]
                    cold[who].append(wall)
                    self.sample("start_cold", who, rnd, wall, "s")
            self.row("start to first frame, cold cache", "s", cold["placard"],
                     cold["chromium"], "<= 1/5", None)
        # Memory of the same runs, sampled in one extra run each.
        mem = {}
        for who in ("placard", "chromium"):
            _, pss, rss = run[who](shots[who], sample_every=0.01 if who == "placard" else 0.05)
            mem[who] = pss / 1024
            self.sample("screenshot_peak_pss", who, 0, pss / 1024, "MiB")
            self.sample("screenshot_peak_rss_largest", who, 0, rss / 1024, "MiB")
        self.row("memory of the screenshot run: PSS of the process tree, peak", "MiB",
                 [mem["placard"]], [mem["chromium"]], "", None)
        self.shots = shots

    # -- the running kiosk --------------------------------------------------

    def running_kiosk(self, glx=True, measure_cpu=True, switches=True):
        label = "" if glx else " (X without GLX: SDL's software renderer)"
        log("running kiosk under Xvfb" + label)
        x = Xvfb(self.tmp, "kiosk" if glx else "kiosk-noglx", glx=glx)
        trace_path = os.path.join(self.tmp, f"trace-{'glx' if glx else 'noglx'}.log")
        store = os.path.join(self.tmp, f"votes-{'glx' if glx else 'noglx'}.db")
        env = dict(self.env, DISPLAY=x.display)
        cmd = [self.kiosk, self.a.deck, "--trace", trace_path, f"--store={store}",
               "--language=en", "--idle-seconds=3600"]
        errlog = open(os.path.join(self.tmp, "kiosk.err"), "w")
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=errlog, stderr=errlog,
                                start_new_session=True)
        sampler = MemorySampler(proc.pid, 0.1)
        sampler.start()
        tr = Trace(trace_path)
        result = {}
        try:
            i, m = tr.wait_for(r"^frame t=([\d.]+)", 0, timeout=20)
            result["first_frame"] = float(m.group(1)) - t0
            # Forward from the welcome screen to the slide.
            for _ in range(self.a.slide):
                x.keyboard.press("Right")
                i, _ = tr.wait_for(r"^frame t=", i + 1)
            tr.wait_for(rf"screen=slide slide={self.a.slide} ", 0)
            time.sleep(2)
            if measure_cpu:
                result.update(self.still(proc, tr))
            if switches:
                result["switches"] = self.switch_languages(x, tr)
            time.sleep(0.5)
            sampler.sample()
            result["pss_end"] = sampler.last_pss
        finally:
            sampler.stop()
            kill_tree(proc)
            errlog.close()
            x.close()
        result["peak_pss"] = sampler.peak_pss
        result["peak_rss"] = sampler.peak_rss
        return result

    def still(self, proc, tr):
        """CPU and wake-ups of a process tree over the still-slide window."""
        pids = tree(proc.pid)
        tr.poll()
        n0 = len(tr.lines)
        c0, w0 = cpu_seconds(pids), wakeups(pids)
        t0 = time.monotonic()
        time.sleep(self.a.still)
        pids = tree(proc.pid)
        c1, w1 = cpu_seconds(pids), wakeups(pids)
        span = time.monotonic() - t0
        tr.poll()
        frames = sum(1 for line in tr.lines[n0:] if line.startswith("frame"))
        return {"cpu": c1 - c0, "span": span,
                "wakeups": (w1 - w0) if w0 is not None and w1 is not None else None,
                "frames_while_still": frames}

    def switch_languages(self, x, tr):
        """Picks each offered language in turn through the picker (L, Down
        until it is focused, Return), several rounds; the latency of each pick
        is from the Return key's event in the kiosk to the frame presented
        after it, both on the kiosk's CLOCK_MONOTONIC."""
        langs = self.a.languages
        seen_scripts, seen_langs = {"Latin"}, {"en"}
        out = []
        current = "en"
        order = []
        for rnd in range(self.a.switch_rounds):
            for lang in langs[1:] + langs[:1]:
                order.append((rnd, lang))
        for rnd, lang in order:
            start = len(tr.lines)
            t_l = x.keyboard.press("l")
            i, m = tr.wait_for(r"screen=picker .*focus=(\S+)", start)
            j, f = tr.wait_for(r"^frame t=([\d.]+)", i)
            k, key = tr.wait_for(r"^key t=([\d.]+) sym=L", start)
            picker_ms = (float(f.group(1)) - float(key.group(1))) * 1000
            focus = m.group(1)
            steps = 0
            while focus != f"pick:{lang}":
                start = len(tr.lines)
                x.keyboard.press("Down")
                i, m = tr.wait_for(r"screen=picker .*focus=(\S+)", start)
                tr.wait_for(r"^frame t=", i)
                focus = m.group(1)
                steps += 1
                if steps > 40:
                    raise RuntimeError(f"cannot focus pick:{lang} in the picker")
            start = len(tr.lines)
            t_send = x.keyboard.press("Return")
            k, key = tr.wait_for(r"^key t=([\d.]+) sym=Return", start)
            i, m = tr.wait_for(rf"screen=slide .*lang={re.escape(lang)} ", k)
            j, f = tr.wait_for(r"^frame t=([\d.]+)", i)
            t_key, t_frame = float(key.group(1)), float(f.group(1))
            script = SCRIPT.get(lang, lang)
            kind = ("first use of a script" if script not in seen_scripts
                    else "first use of a language" if lang not in seen_langs else "later use")
            seen_scripts.add(script)
            seen_langs.add(lang)
            out.append({"round": rnd, "lang": lang, "from": current, "kind": kind,
                        "ms": (t_frame - t_key) * 1000, "send_ms": (t_frame - t_send) * 1000,
                        "picker_ms": picker_ms, "t_l": t_l})
            current = lang
            time.sleep(0.05)
        return out

    def chromium_kiosk(self):
        log("Chromium in kiosk mode under Xvfb")
        x = Xvfb(self.tmp, "chromium")
        url = self.html("en", self.a.slide)
        profile = tempfile.mkdtemp(prefix="profile-", dir=self.tmp)
        env = dict(self.env, DISPLAY=x.display)
        cmd = CHROMIUM_BASE + ["--kiosk", "--no-first-run", "--noerrdialogs",
                               f"--user-data-dir={profile}", "--window-position=0,0",
                               "--window-size=1920,1080", url]
        errlog = open(os.path.join(self.tmp, "chromium-kiosk.err"), "w")
        proc = subprocess.Popen(cmd, env=env, stdout=errlog, stderr=errlog,
                                start_new_session=True)
        sampler = MemorySampler(proc.pid, 0.5)
        sampler.start()
        result = {}
        try:
            time.sleep(self.a.settle)
            if proc.poll() is not None:
                raise RuntimeError("chromium --kiosk ended early; see chromium-kiosk.err")
            result["cpu_to_settle"] = cpu_seconds(tree(proc.pid))
            result["procs"] = len(tree(proc.pid))
            tr = Trace(os.devnull)
            result.update(self.still(proc, tr))
            sampler.sample()
            result["pss_end"] = sampler.last_pss
        finally:
            sampler.stop()
            kill_tree(proc)
            errlog.close()
            x.close()
        result["peak_pss"] = sampler.peak_pss
        result["peak_rss"] = sampler.peak_rss
        return result

    def running(self):
        k = self.running_kiosk()
        c = self.chromium_kiosk()
        self.kiosk_run, self.chromium_run = k, c
        mib = 1 / 1024
        self.sample("kiosk_first_frame_on_x", "placard", 0, k["first_frame"], "s")
        for who, r in (("placard", k), ("chromium", c)):
            self.sample("running_peak_pss", who, 0, r["peak_pss"] * mib, "MiB")
            self.sample("running_peak_rss_largest", who, 0, r["peak_rss"] * mib, "MiB")
            self.sample("still_cpu_percent", who, 0, 100 * r["cpu"] / r["span"], "%")
            if r["wakeups"] is not None:
                self.sample("still_wakeups_per_s", who, 0, r["wakeups"] / r["span"], "1/s")
        self.row("memory: PSS of the process tree, peak (kiosk: all ten languages shown)",
                 "MiB", [k["peak_pss"] * mib], [c["peak_pss"] * mib], "<= 1/8", None,
                 f"Chromium: {c['procs']} processes")
        self.row("memory: RSS of the largest process, peak", "MiB", [k["peak_rss"] * mib],
                 [c["peak_rss"] * mib], "", None)
        self.row("kiosk on X: start to first frame (welcome screen)", "s", [k["first_frame"]],
                 None, "", None, f"Chromium --kiosk: {c['cpu_to_settle']:.2f} s of CPU in its "
                 f"first {self.a.settle:.0f} s")
        self.row(f"CPU on a still slide over {self.a.still:.0f} s", "% of a core",
                 [100 * k["cpu"] / k["span"]], [100 * c["cpu"] / c["span"]], "< Chromium",
                 None, f"kiosk frames while still: {k['frames_while_still']}")
        if k["wakeups"] is not None and c["wakeups"] is not None:
            self.row("wake-ups on a still slide (threads put on a CPU)", "per s",
                     [k["wakeups"] / k["span"]], [c["wakeups"] / c["span"]], "aim: 0", None)
        sw = k["switches"]
        for s in sw:
            self.sample(f"lang_switch[{s['kind']}]", "placard", s["round"], s["ms"], "ms")
            self.sample("lang_switch_from_send", "placard", s["round"], s["send_ms"], "ms")
            self.sample("picker_open", "placard", s["round"], s["picker_ms"], "ms")
        all_ms = [s["ms"] for s in sw]
        later = [s["ms"] for s in sw if s["kind"] == "later use"]
        first_script = [s["ms"] for s in sw if s["kind"] == "first use of a script"]
        first_lang = [s["ms"] for s in sw if s["kind"] == "first use of a language"]
        self.row("language switch, Return to frame: every switch (median; p95 in note)",
                 "ms", all_ms, None, "median < 16", None,
                 f"p95 {quantile(all_ms, 0.95):.1f} ms over {len(all_ms)} switches")
        self.row("language switch: later uses (median; p95 in note)", "ms", later, None,
                 "median < 16", None, f"p95 {quantile(later, 0.95):.1f} ms")
        self.row("language switch: first use of a script (max must be < 100)", "ms",
                 first_script, None, "max < 100", None,
                 ", ".join(f"{s['lang']} {s['ms']:.1f}" for s in sw
                           if s["kind"] == "first use of a script"))
        if first_lang:
            self.row("language switch: first use of a language, script seen", "ms",
                     first_lang, None, "< 100", None)
        picker = [s["picker_ms"] for s in sw]
        self.row("language picker opens (L to frame; all ten autonyms)", "ms", picker, None,
                 "", None, f"first open {picker[0]:.1f} ms" if picker else "")
        sends = [s["send_ms"] for s in sw]
        self.row("language switch, X key sent to frame (incl. X server and SDL)", "ms", sends,
                 None, "", None, f"p95 {quantile(sends, 0.95):.1f} ms")

    def running_variant(self):
        """The kiosk where X has no GLX: SDL's software renderer, no Mesa."""
        r = self.running_kiosk(glx=False, measure_cpu=False, switches=True)
        mib = 1 / 1024
        self.sample("running_peak_pss_noglx", "placard", 0, r["peak_pss"] * mib, "MiB")
        ch = self.chromium_run["peak_pss"] * mib
        self.row("what-if, X without GLX: kiosk PSS peak", "MiB",
                 [r["peak_pss"] * mib], [ch], "<= 1/8", None,
                 "the same kiosk where SDL cannot use Mesa's software GL")
        sw = [s["ms"] for s in r["switches"]]
        self.row("what-if, X without GLX: language switch, every switch", "ms", sw, None,
                 "median < 16", None, f"p95 {quantile(sw, 0.95):.1f} ms")

    # -- handouts -----------------------------------------------------------

    def handouts(self):
        log("one handout PDF: placard-print handout vs chromium --print-to-pdf")
        for lang in ("en", "ar", "zh-Hant"):
            url = self.html(lang)
            outs = {"placard": os.path.join(self.tmp, f"p-{lang}.pdf"),
                    "chromium": os.path.join(self.tmp, f"c-{lang}.pdf")}
            cmds = {"placard": [self.printer, "handout", self.a.deck, "--lang", lang, "-o",
                                outs["placard"]],
                    "chromium": CHROMIUM_BASE + ["--headless", "--no-pdf-header-footer",
                                                 f"--print-to-pdf={outs['chromium']}", url]}
            times = {"placard": [], "chromium": []}
            for rnd in range(-1, self.a.rounds):
                for who in ("placard", "chromium"):
                    wall = timed(cmds[who], env=self.env)[0]
                    if rnd >= 0:
                        times[who].append(wall)
                        self.sample(f"handout_time[{lang}]", who, rnd, wall, "s")
            sizes = {who: os.path.getsize(outs[who]) / 1024 for who in outs}
            pages = {who: self.pages(outs[who]) for who in outs}
            for who in outs:
                self.sample(f"handout_size[{lang}]", who, 0, sizes[who], "KiB")
            self.row(f"one handout PDF, {lang}: time", "s", times["placard"],
                     times["chromium"], "<= 1/5", None,
                     f"pages: Placard {pages['placard']}, Chromium {pages['chromium']}")
            self.row(f"one handout PDF, {lang}: size", "KiB", [sizes["placard"]],
                     [sizes["chromium"]], "<= 1/2", None)

    @staticmethod
    def pages(pdf):
        try:
            out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            m = re.search(r"^Pages:\s+(\d+)", out, re.M)
            return int(m.group(1)) if m else "?"
        except OSError:
            return "?"

    def all_handouts(self):
        log("every handout of the deck, two at a time")
        langs = self.a.languages
        jobs = []
        for lang in langs:
            jobs.append(["--lang", lang, "-o", f"{lang}.pdf"])
            jobs.append(["--lang", lang, "--large-print", "-o", f"{lang}-large.pdf"])
        src = langs[0]
        for lang in langs[1:]:
            jobs.append(["--lang", f"{src},{lang}", "-o", f"{src}-{lang}.pdf"])
        outdir = tempfile.mkdtemp(prefix="handouts-", dir=self.tmp)
        totals, cpu = [], []
        for rnd in range(-1, self.a.all_rounds):
            t0 = time.perf_counter()
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            running, queue = [], list(jobs)
            while queue or running:
                while queue and len(running) < 2:
                    args = queue.pop(0)
                    args = args[:-1] + [os.path.join(outdir, args[-1])]
                    running.append(subprocess.Popen([self.printer, "handout", self.a.deck]
                                                    + args, stderr=subprocess.PIPE))
                p = running.pop(0)
                _, err = p.communicate()
                if p.returncode != 0:
                    raise RuntimeError(f"handout failed: {err.decode()[-500:]}")
            wall = time.perf_counter() - t0
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if rnd >= 0:
                totals.append(wall)
                cpu.append(c1.ru_utime - c0.ru_utime + c1.ru_stime - c0.ru_stime)
                self.sample("all_handouts_total", "placard", rnd, wall, "s")
                self.sample("all_handouts_cpu", "placard", rnd, cpu[-1], "s")
        self.row(f"every handout of the deck ({len(jobs)} PDFs: {len(langs)} languages, "
                 f"{len(langs) - 1} bilingual with {src}, {len(langs)} large print), 2 at a time",
                 "s", totals, None, "< 5", None,
                 f"CPU {statistics.median(cpu):.2f} s a round: on two idle cores about half "
                 "of that in wall time")

    # -- votes --------------------------------------------------------------

    def votes(self):
        log("vote commit latency (pl_vote_cast, fsync)")
        io_before = pressure("io")
        store_dir = tempfile.mkdtemp(prefix="votes-", dir=self.a.store_dir)
        try:
            out = subprocess.run([self.vote_bench, os.path.join(store_dir, "votes.db"),
                                  str(self.a.votes)], capture_output=True, text=True,
                                 check=True).stdout
        finally:
            shutil.rmtree(store_dir, ignore_errors=True)
        ms = [float(v) for v in out.split()]
        for i, v in enumerate(ms):
            self.sample("vote_commit", "placard", i, v, "ms")
        fs = subprocess.run(["df", "-T", self.a.store_dir], capture_output=True,
                            text=True).stdout.splitlines()[-1].split()
        io_after = pressure("io")
        io = (f"; I/O pressure of other work before/after: {io_before:.1f}/{io_after:.1f} %"
              if io_before is not None and io_after is not None else "")
        self.row("vote commit, p50 (median)", "ms", ms, None, "", None,
                 f"{len(ms)} votes on {fs[1]} ({fs[0]}){io}")
        self.vote_ms = ms

    # -- results ------------------------------------------------------------

    def evaluate(self):
        for r in self.rows:
            p, c, ratio, t = r["placard"], r["chromium"], r["ratio"], r["target"]
            if t.startswith("<= 1/"):
                r["met"] = ratio is not None and ratio <= 1 / float(t[5:])
            elif t == "< Chromium":
                r["met"] = ratio is not None and p["median"] < c["median"]
            elif t.startswith("median < "):
                r["met"] = p["median"] < float(t[9:])
            elif t.startswith("max < "):
                r["met"] = p["max"] < float(t[6:])
            elif t.startswith("< "):
                r["met"] = p["median"] < float(t[2:])
            elif t == "aim: 0":
                r["met"] = p["median"] == 0 and c is not None and c["median"] > 0
        # Vote p99: its own row, from the same samples.
        ms = getattr(self, "vote_ms", None)
        if ms:
            q = quantile(ms, 0.99)
            self.rows.append({"measure": "vote commit, p99", "unit": "ms",
                              "placard": dict(summary(ms), median=q), "chromium": None,
                              "ratio": None, "target": "p99 < 20", "met": q < 20,
                              "note": f"max {max(ms):.1f} ms"})

    @staticmethod
    def fmt(v, digits=3):
        if v is None or v != v:
            return "-"
        if abs(v) >= 100:
            return f"{v:.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        return f"{v:.{digits}g}"

    def table(self):
        head = ("| measure | unit | Placard median (min-max) | Chromium median (min-max) "
                "| Placard/Chromium | target | met |")
        lines = [head, "| --- | --- | --- | --- | --- | --- | --- |"]
        for r in self.rows:
            p, c = r["placard"], r["chromium"]
            ps = f"{self.fmt(p['median'])} ({self.fmt(p['min'])}-{self.fmt(p['max'])})"
            if p["n"] == 1:
                ps = self.fmt(p["median"])
            cs = "-"
            if c:
                cs = f"{self.fmt(c['median'])} ({self.fmt(c['min'])}-{self.fmt(c['max'])})"
                if c["n"] == 1:
                    cs = self.fmt(c["median"])
            ratio = self.fmt(r["ratio"]) if r["ratio"] is not None else "-"
            met = "-" if r["met"] is None else ("yes" if r["met"] else "**no**")
            measure = r["measure"] + (f" ({r['note']})" if r["note"] else "")
            lines.append(f"| {measure} | {r['unit']} | {ps} | {cs} | {ratio} | "
                         f"{r['target'] or '-'} | {met} |")
        return "\n".join(lines)

    def machine(self):
        def out(cmd):
            try:
                return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
            except OSError:
                return "?"
        chromium = out(CHROMIUM_BASE[:1] + ["--version"])
        placard = out([self.printer, "--version"])
        git = out(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "describe",
                   "--always", "--dirty"])
        lscpu = out(["lscpu"])
        with open("/proc/loadavg") as f:
            load_end = f.read().split()[:3]
        mem = out(["free", "-m"])
        text = [f"date: {datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}",
                f"placard: {placard} (git {git}, build type Release)",
                f"chromium: {chromium}",
                f"kernel: {platform.uname().system} {platform.uname().release} "
                f"{platform.uname().machine}",
                f"deck: {os.path.relpath(self.a.deck, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))}, slide {self.a.slide}",
                f"load average (1, 5, 15 min) at the start: {' '.join(self.load_start)}, "
                f"at the end: {' '.join(load_end)} (other work on the machine skews timings)",
                f"pressure (some avg10) at the end: cpu {pressure('cpu')} %, io {pressure('io')} %",
                f"rounds: {self.a.rounds} after a warm-up (cold: {self.a.cold_rounds}), "
                f"still window {self.a.still:.0f} s, language switch rounds "
                f"{self.a.switch_rounds}, votes {self.a.votes}",
                "", "lscpu:", lscpu, "", "memory:", mem]
        return "\n".join(text) + "\n"

    def write(self):
        os.makedirs(self.a.out, exist_ok=True)
        with open(os.path.join(self.a.out, "samples.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["measure", "who", "round", "value", "unit"])
            for s in self.samples:
                w.writerow([s[0], s[1], s[2], f"{s[3]:.6g}", s[4]])
        with open(os.path.join(self.a.out, "summary.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["measure", "unit", "placard_n", "placard_median", "placard_min",
                        "placard_max", "placard_p95", "chromium_n", "chromium_median",
                        "chromium_min", "chromium_max", "ratio", "target", "met", "note"])
            for r in self.rows:
                p, c = r["placard"], r["chromium"] or {}
                g = lambda d, k: "" if k not in d or d[k] != d[k] else f"{d[k]:.6g}"
                w.writerow([r["measure"], r["unit"], p["n"], g(p, "median"), g(p, "min"),
                            g(p, "max"), g(p, "p95"), c.get("n", ""), g(c, "median"),
                            g(c, "min"), g(c, "max"),
                            "" if r["ratio"] is None else f"{r['ratio']:.4g}", r["target"],
                            "" if r["met"] is None else ("yes" if r["met"] else "no"),
                            r["note"]])
        machine = self.machine()
        with open(os.path.join(self.a.out, "machine.txt"), "w") as f:
            f.write(machine)
        table = self.table()
        with open(os.path.join(self.a.out, "table.md"), "w") as f:
            f.write("# Placard against Chromium\n\n")
            f.write("\n".join(machine.splitlines()[:6]) + "\n\n" + table + "\n")
            for n in self.notes:
                f.write(f"\n{n}\n")
        print(table)
        for n in self.notes:
            print(n)
        chart.draw(self, os.path.join(self.a.out, "chart.png"), machine.splitlines()[:3])



def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", required=True, help="the build folder (Release)")
    p.add_argument("--deck", default=os.path.join(here, "..", "assets", "decks", "pusd-2023"))
    p.add_argument("--slide", type=int, default=2)
    p.add_argument("--out", default=os.path.join(here, "results"))
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--cold-rounds", type=int, default=5)
    p.add_argument("--still", type=float, default=60.0, help="seconds on a still slide")
    p.add_argument("--settle", type=float, default=10.0,
                   help="seconds Chromium is given to start before the still window")
    p.add_argument("--switch-rounds", type=int, default=3)
    p.add_argument("--all-rounds", type=int, default=3)
    p.add_argument("--votes", type=int, default=1000)
    p.add_argument("--store-dir", default=None,
                   help="where the vote store goes (default: the build folder's disk)")
    p.add_argument("--quick", action="store_true", help="fewer rounds (for trying it out)")
    a = p.parse_args()
    a.deck = os.path.abspath(a.deck)
    a.build = os.path.abspath(a.build)
    a.store_dir = a.store_dir or a.build
    if a.quick:
        a.rounds, a.cold_rounds, a.still, a.settle = 2, 1, 10.0, 5.0
        a.switch_rounds, a.all_rounds, a.votes = 1, 1, 200
    with open(os.path.join(a.deck, "deck.yaml")) as f:
        m = re.search(r"^languages:\s*\[([^\]]*)\]", f.read(), re.M)
    a.languages = [s.strip() for s in m.group(1).split(",")] if m else ["en"]
    b = Bench(a)
    t0 = time.monotonic()
    try:
        b.start()
        b.running()
        b.running_variant()
        b.handouts()
        b.all_handouts()
        b.votes()
    finally:
        log(f"measured in {time.monotonic() - t0:.0f} s; scratch files in {b.tmp}")
    b.evaluate()
    b.write()
    shutil.rmtree(b.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
