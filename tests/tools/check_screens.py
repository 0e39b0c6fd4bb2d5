#!/usr/bin/python3
"""check_screens.py: measures kiosk screens as a visitor sees them.

Reads PNG + JSON pairs written by `placard-kiosk --screenshot X.png
--dump-layout X.json` (docs/dump-layout.md) and checks the accessibility
numbers of BRIEF section 4 on each, from the layout and from the pixels:

  blank     the content area between the bars has ink
  clip      runs inside the frame and their paragraph's box; nothing on the
            bars but control labels and the position text; runs of different
            paragraphs, controls, and the QR code do not overlap
  align     lines start at the box's start edge: left in LTR, right in RTL
  contrast  WCAG ratio of fg/bg computed here (not the JSON's number), and
            the PNG agrees: bg is the run's commonest colour, fg is drawn
  focus     a ring on every screen with controls, >= 3:1 against the pixels
            just outside and just inside it, at least 2 px, drawn as stated
  target    controls at least 20 mm square and 4 mm apart
  size      cap heights (body >= 4.8 mm or more, headings subtend 0.7 degrees),
            lines at least 1.5 x the size apart
  qr        decodes (zbarimg) to the JSON's text, with lang= and site=,
            modules >= 3 px, a light 4-module quiet zone
  calibrate runs that are only "H": the ink height in the PNG is the JSON's
            cap_mm * px_per_mm (within 1.5 px)

Usage: check_screens.py [OPTIONS] (FILE.json | FILE.png | DIR)...
Prints one line per failure ("FILE: check: element: numbers") and exits 1
when there was any; 0 when every screen passed. Python 3 and PIL only (and
zbarimg for QR codes).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageDraw

TEXT_ROLES_ALIGNED = ("body", "heading", "subheading")


def parse_hex(s):
    s = s.lstrip("#")
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def luminance(rgb):
    def lin(c):
        c /= 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    if la < lb:
        la, lb = lb, la
    return (la + 0.05) / (lb + 0.05)


def cdist(a, b):
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2]))


def hexc(c):
    return "#%02X%02X%02X" % tuple(c[:3])


def intersect(a, b):
    """Area of the intersection of two [x, y, w, h] rectangles."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0


def rect_distance(a, b):
    dx = max(0, max(a[0], b[0]) - min(a[0] + a[2], b[0] + b[2]))
    dy = max(0, max(a[1], b[1]) - min(a[1] + a[3], b[1] + b[3]))
    return math.hypot(dx, dy)


class Screen:
    def __init__(self, json_path, png_path, opts):
        self.json_path = json_path
        self.png_path = png_path
        self.name = os.path.basename(json_path)
        self.opts = opts
        self.failures = []
        self.notes = []
        self.d = None
        with open(json_path, "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.fail("json", "byte %d" % e.start, "not UTF-8: %r" % raw[max(0, e.start - 80):e.start + 20])
            text = raw.decode("utf-8", "replace")
        try:
            self.d = json.loads(text)
        except ValueError as e:
            self.fail("json", "file", "not JSON: %s" % e)
            return
        self.img = Image.open(png_path).convert("RGB")
        self.W, self.H = self.img.size
        self.ppm = self.d.get("px_per_mm", 1) if isinstance(self.d, dict) else 1

    def fail(self, check, element, msg):
        self.failures.append("%s: %s: %s: %s" % (self.name, check, element, msg))

    def colours(self, rect):
        """[(count, (r, g, b))] of the pixels in rect (clipped to the frame)."""
        x, y, w, h = rect
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.W, x + w), min(self.H, y + h)
        if x1 <= x0 or y1 <= y0:
            return []
        crop = self.img.crop((x0, y0, x1, y1))
        return crop.getcolors((x1 - x0) * (y1 - y0)) or []

    def run_name(self, r):
        text = r["text"] if len(r["text"]) <= 40 else r["text"][:37] + "..."
        return "run %r (paragraph %d line %d, %s)" % (text, r["paragraph"], r["line"], r["role"])

    # 0. the JSON describes this PNG, in text a program can read
    def check_frame(self):
        if [self.W, self.H] != list(self.d["size"]):
            self.fail("frame", "size", "PNG is %dx%d, JSON says %s" % (self.W, self.H, self.d["size"]))
        for r in self.d["runs"]:
            if any(ord(ch) < 0x20 or ch == "\ufffd" for ch in r["id"] + r["text"]):
                self.fail("json", self.run_name(r), "id %r or text has control characters or bad UTF-8" % r["id"][:24])
            elif r["control"] >= 0 and (r["control"] >= len(self.d["controls"]) or
                                        r["id"] != self.d["controls"][r["control"]]["id"]):
                self.fail("json", self.run_name(r), "label's id %r is not its control's id %r" % (
                    r["id"], self.d["controls"][r["control"]]["id"] if r["control"] < len(self.d["controls"]) else None))

    # 1. not blank
    def check_blank(self):
        bars = [r["px"] for r in self.d["rects"] if r["what"] in ("top-bar", "bottom-bar")]
        top, bottom = 0, self.H
        for b in bars:
            if b[1] <= 0:
                top = max(top, b[1] + b[3])
            else:
                bottom = min(bottom, b[1])
        if bottom <= top:
            self.fail("blank", "content", "no content area between the bars (%d..%d)" % (top, bottom))
            return
        # Every second pixel each way: strokes of text are wider than that.
        content = self.img.crop((0, top, self.W, bottom)).resize(((self.W + 1) // 2, (bottom - top + 1) // 2), Image.NEAREST)
        cols = content.getcolors(content.size[0] * content.size[1]) or []
        bg = parse_hex(self.d["background"])
        ink = sum(n for n, c in cols if contrast(c, bg) >= 3)
        if len(cols) < 2 or ink < self.opts.min_ink:
            self.fail("blank", "content y %d..%d" % (top, bottom),
                      "%d colour(s), %d px contrasting >= 3:1 with the background %s (want >= %d)"
                      % (len(cols), ink, self.d["background"], self.opts.min_ink))

    # 2. clipping and overlap
    def check_clip(self):
        runs = self.d["runs"]
        bars = [r for r in self.d["rects"] if r["what"] in ("top-bar", "bottom-bar")]
        for r in runs:
            x, y, w, h = r["px"]
            if x < 0 or y < 0 or x + w > self.W or y + h > self.H:
                self.fail("clip", self.run_name(r), "px %s outside the %dx%d frame" % (r["px"], self.W, self.H))
            bx, _, bw = r["box"]
            if x < bx - 1 or x + w > bx + bw + 1:
                self.fail("clip", self.run_name(r),
                          "x %d..%d outside its paragraph box x %d..%d" % (x, x + w, bx, bx + bw))
            if r["control"] < 0 and r["id"] != "position":
                for b in bars:
                    a = intersect(r["px"], b["px"])
                    if a:
                        self.fail("clip", self.run_name(r),
                                  "px %s overlaps the %s %s by %d px2" % (r["px"], b["what"], b["px"], a))
            if 0 <= r["control"] < len(self.d["controls"]) and r["text"].strip():
                c = self.d["controls"][r["control"]]["px"]
                if intersect(r["px"], c) != w * h:
                    self.fail("clip", self.run_name(r), "px %s not inside its control %s %s"
                              % (r["px"], self.d["controls"][r["control"]]["id"], c))
            if self.d.get("qr") and intersect(r["px"], self.d["qr"]["px"]):
                self.fail("clip", self.run_name(r), "px %s overlaps the QR code %s" % (r["px"], self.d["qr"]["px"]))
        for i in range(len(runs)):
            a = runs[i]
            for j in range(i + 1, len(runs)):
                b = runs[j]
                if a["paragraph"] == b["paragraph"]:
                    continue
                area = intersect(a["px"], b["px"])
                if area:
                    self.fail("clip", self.run_name(a),
                              "px %s overlaps %s px %s by %d px2" % (a["px"], self.run_name(b), b["px"], area))
        ctl = self.d["controls"]
        for i in range(len(ctl)):
            for j in range(i + 1, len(ctl)):
                area = intersect(ctl[i]["px"], ctl[j]["px"])
                if area:
                    self.fail("clip", "control %s" % ctl[i]["id"],
                              "px %s overlaps control %s px %s" % (ctl[i]["px"], ctl[j]["id"], ctl[j]["px"]))
        for c in ctl:
            x, y, w, h = c["px"]
            if x < 0 or y < 0 or x + w > self.W or y + h > self.H:
                self.fail("clip", "control %s" % c["id"], "px %s outside the frame" % c["px"])

    # 2b. no ink outside what the JSON describes: the frame redrawn from
    # the JSON (background, panels, bars, control faces and edges, the
    # focus ring), with the PNG's own pixels pasted in only where runs
    # (their line boxes), control faces (labels, icons) and the QR code
    # are, must equal the PNG. Glyphs that spill out of their line box or
    # their button, stray drawing, and a JSON that misplaces things fail.
    def check_ink(self):
        bg = parse_hex(self.d["background"])
        want = Image.new("RGB", (self.W, self.H), bg)
        draw = ImageDraw.Draw(want)

        def box(x, y, w, h, colour):
            if w > 0 and h > 0:
                draw.rectangle([x, y, x + w - 1, y + h - 1], fill=colour)

        def outline(x, y, w, h, t, colour):
            box(x, y, w, t, colour)
            box(x, y + h - t, w, t, colour)
            box(x, y, t, h, colour)
            box(x + w - t, y, t, h, colour)

        for r in self.d["rects"]:
            x, y, w, h = r["px"]
            if r["fill"]:
                box(x, y, w, h, parse_hex(r["fill"]))
            if r["edge_px"] > 0:
                outline(x, y, w, h, r["edge_px"], parse_hex(r["edge"]))
        m = self.opts.ink_margin
        my = self.opts.ink_margin_y
        pasted = [[x - m, y - my, w + 2 * m, h + 2 * my] for x, y, w, h in (r["px"] for r in self.d["runs"] if r["text"].strip())]
        pasted += [c["px"] for c in self.d["controls"]]
        if self.d.get("qr"):
            pasted.append(self.d["qr"]["px"])
        for x, y, w, h in pasted:
            x0, y0, x1, y1 = max(0, x), max(0, y), min(self.W, x + w), min(self.H, y + h)
            if x1 > x0 and y1 > y0:
                want.paste(self.img.crop((x0, y0, x1, y1)), (x0, y0))
        f = self.d.get("focus")
        if f:
            outline(*f["px"], f["ring_px"], parse_hex(f["colour"]))
        tol = self.opts.colour_tolerance
        # 255 where any channel differs by more than tol, else 0.
        over = ImageChops.difference(self.img, want).point([0 if v <= tol else 85 for v in range(256)] * 3)
        stray = over.convert("L", (1, 1, 1, 0)).point([0] + [255] * 255)
        n = stray.histogram()[255]
        if not n:
            return
        # Glyphs outside their own line box: stray ink within half a line
        # above, below or beside a run is that run's, reported once per
        # paragraph with how far it reaches.
        pars = {}
        # In passes of growing depth, so that ink goes to the nearest box.
        for part in (8, 4, 2):
            for r in self.d["runs"]:
                if not r["text"].strip():
                    continue
                x, y, w, h = r["px"]
                d = max(1, h // part)
                for side, band in (("below", [x - m, y + h, w + 2 * m, d]), ("above", [x - m, y - d, w + 2 * m, d]),
                                   ("beside", [x - m - d, y, d, h]), ("beside", [x + w + m, y, d, h])):
                    x0, y0 = max(0, band[0]), max(0, band[1])
                    x1, y1 = min(self.W, band[0] + band[2]), min(self.H, band[1] + band[3])
                    if x1 <= x0 or y1 <= y0:
                        continue
                    crop = stray.crop((x0, y0, x1, y1))
                    bb = crop.getbbox()
                    if not bb:
                        continue
                    k = crop.histogram()[255]
                    reach = {"below": y0 + bb[3] - (y + h), "above": y - (y0 + bb[1]),
                             "beside": max(x - m - (x0 + bb[0]), x0 + bb[2] - (x + w + m))}[side]
                    p = pars.setdefault(r["paragraph"], {"px": 0, "reach": {}, "lines": set(), "run": r})
                    p["px"] += k
                    p["reach"][side] = max(p["reach"].get(side, 0), reach)
                    p["lines"].add(r["line"])
                    stray.paste(0, (x0, y0, x1, y1))
        for i, p in sorted(pars.items()):
            r = p["run"]
            par = self.d["paragraphs"][i] if i < len(self.d["paragraphs"]) else {"id": r["id"]}
            box = r["control"] >= 0 and self.d["controls"][r["control"]]["px"]
            self.fail("ink", "paragraph %d %r (%s, %s %.1f px)" % (i, par["id"], r["role"], r["font"], r["size_px"]),
                      "glyphs drawn outside their line boxes: %s; %d px on line(s) %s%s"
                      % (", ".join("%d px %s" % (v, k) for k, v in sorted(p["reach"].items())), p["px"],
                         ",".join(str(n) for n in sorted(p["lines"])),
                         " (label of control %s %s, drawn beyond it)" % (self.d["controls"][r["control"]]["id"], box) if box else ""))
        # Whatever else is left: each cluster of stray pixels (32 px cells).
        cells = {}
        small = stray.resize(((self.W + 31) // 32, (self.H + 31) // 32), Image.BOX)
        sp = small.load()
        for cy in range(small.size[1]):
            for cx in range(small.size[0]):
                if sp[cx, cy]:
                    cells[(cx, cy)] = True
        seen = set()
        reports = 0
        for start in sorted(cells, key=lambda c: (c[1], c[0])):
            if start in seen:
                continue
            stack, group = [start], []
            seen.add(start)
            while stack:
                c = stack.pop()
                group.append(c)
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        nb = (c[0] + dx, c[1] + dy)
                        if nb in cells and nb not in seen:
                            seen.add(nb)
                            stack.append(nb)
            x0 = min(c[0] for c in group) * 32
            y0 = min(c[1] for c in group) * 32
            x1 = min(self.W, (max(c[0] for c in group) + 1) * 32)
            y1 = min(self.H, (max(c[1] for c in group) + 1) * 32)
            crop = stray.crop((x0, y0, x1, y1))
            bbox = crop.getbbox()
            if not bbox:
                continue
            area = [x0 + bbox[0], y0 + bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1]]
            count = crop.histogram()[255]
            colours = self.colours(area)
            expected = want.crop((area[0], area[1], area[0] + area[2], area[1] + area[3])).getcolors(area[2] * area[3]) or []
            exp = max(expected)[1] if expected else bg
            odd = max(((k, c) for k, c in colours if cdist(c, exp) > tol), default=(0, exp))[1]
            near = [self.run_name(r) for r in self.d["runs"] if intersect([r["px"][0] - 8, r["px"][1] - 8, r["px"][2] + 16, r["px"][3] + 16], area)]
            near += ["control %s %s" % (c["id"], c["px"]) for c in self.d["controls"] if intersect([c["px"][0] - 16, c["px"][1] - 16, c["px"][2] + 32, c["px"][3] + 32], area)]
            if reports < 5:
                self.fail("ink", "px %s" % area, "%d px drawn in %s where the layout has %s (no run, control or QR code there)%s"
                          % (count, hexc(odd), hexc(exp), "; near " + "; ".join(near[:3]) if near else ""))
            reports += 1
        if reports > 5:
            self.fail("ink", "screen", "and %d more areas of stray ink" % (reports - 5))

    # 3. start alignment (right in RTL)
    def check_align(self):
        by_par = {}
        for r in self.d["runs"]:
            by_par.setdefault(r["paragraph"], {}).setdefault(r["line"], []).append(r)
        for i, p in enumerate(self.d["paragraphs"]):
            if p["role"] not in TEXT_ROLES_ALIGNED or i not in by_par:
                continue
            bx, _, bw = p["box"]
            lines = {}
            for li, rs in by_par[i].items():
                rs = [r for r in rs if r["text"].strip()]
                if rs:
                    lines[li] = (min(r["px"][0] for r in rs), max(r["px"][0] + r["px"][2] for r in rs))
            if not lines:
                continue
            centre = bx + bw / 2.0
            if all(abs((l + r) / 2.0 - centre) <= 2 for l, r in lines.values()) and \
                    not all((r if p["rtl"] else -l) >= (bx + bw if p["rtl"] else -bx) - 2 for l, r in lines.values()):
                continue  # centred (title slides): no start edge to check
            for li, (l, r) in sorted(lines.items()):
                if p["rtl"] and abs(r - (bx + bw)) > 2:
                    self.fail("align", "paragraph %d %r line %d" % (i, p["id"], li),
                              "RTL line ends at x %d, its box's right edge is %d" % (r, bx + bw))
                elif not p["rtl"] and abs(l - bx) > 2:
                    self.fail("align", "paragraph %d %r line %d" % (i, p["id"], li),
                              "LTR line starts at x %d, its box's left edge is %d" % (l, bx))
        if self.opts.expect_rtl:
            if not any(r["rtl"] for r in self.d["runs"]):
                self.fail("align", "screen", "no RTL run in an RTL language (%s)" % self.d["lang"])
            if not self.d["rtl"]:
                self.fail("align", "screen", "JSON rtl is false for %s" % self.d["lang"])
            for i, p in enumerate(self.d["paragraphs"]):
                fb = any(r["fallback"] for r in self.d["runs"] if r["paragraph"] == i)
                if not p["rtl"] and not fb and p["role"] != "label":
                    self.fail("align", "paragraph %d %r" % (i, p["id"]), "not RTL in %s" % self.d["lang"])

    # 4. contrast, from the colours and from the pixels
    def check_contrast(self):
        hc = self.d["theme"] == "high-contrast"
        want = self.opts.hc_contrast if hc else self.opts.contrast
        for r in self.d["runs"]:
            fg, bg = parse_hex(r["fg"]), parse_hex(r["bg"])
            ratio = contrast(fg, bg)
            if ratio < want - 0.005:
                self.fail("contrast", self.run_name(r), "%s on %s is %.2f:1 (want >= %g)" % (r["fg"], r["bg"], ratio, want))
            if abs(ratio - r["contrast"]) > 0.02:
                self.fail("contrast", self.run_name(r), "JSON says %.2f:1, %s on %s is %.2f:1" % (r["contrast"], r["fg"], r["bg"], ratio))
            if not r["text"].strip() or r["px"][2] <= 0:
                continue
            cols = self.colours(r["px"])
            if not cols:
                continue
            n, common = max(cols)
            if cdist(common, bg) > self.opts.colour_tolerance:
                self.fail("contrast", self.run_name(r),
                          "drawn on %s (commonest colour, %d of %d px), JSON bg %s"
                          % (hexc(common), n, sum(k for k, _ in cols), r["bg"]))
            # The ink as drawn: pixels of fg must be there, and the ink
            # farthest from the drawn bg must be fg (anti-aliased edges lie
            # between the two), so that a JSON fg that is paler or darker
            # than what was drawn fails, and so does another run's ink.
            near = sum(k for k, c in cols if cdist(c, fg) <= self.opts.colour_tolerance)
            far = max(((cdist(c, common), k, c) for k, c in cols), default=None)
            if near < self.opts.min_fg_px:
                self.fail("contrast", self.run_name(r), "%d px near the JSON fg %s; the ink is %s"
                          % (near, r["fg"], hexc(far[2]) if far else "nothing"))
                continue
            if cdist(far[2], fg) > self.opts.colour_tolerance:
                x, y, w, h = r["px"]
                intruders = [o for o in self.d["runs"] if o["paragraph"] != r["paragraph"] and
                             cdist(parse_hex(o["fg"]), far[2]) <= self.opts.colour_tolerance and
                             intersect([o["px"][0], o["px"][1] - o["px"][3] // 2, o["px"][2], o["px"][3] * 2], r["px"])]
                self.fail("contrast", self.run_name(r), "ink drawn in %s (%d px), JSON fg %s%s"
                          % (hexc(far[2]), far[1], r["fg"],
                             "; glyphs of %s reach into this run's box" % self.run_name(intruders[0]) if intruders else ""))
            measured = contrast(far[2], common)
            if measured < want - 0.005:
                self.fail("contrast", self.run_name(r), "drawn %s on %s measures %.2f:1 (want >= %g)"
                          % (hexc(far[2]), hexc(common), measured, want))

    # 5. focus ring
    def check_focus(self):
        f = self.d.get("focus")
        if not self.d["controls"]:
            return
        if not f:
            self.fail("focus", "screen", "%d controls and no focus ring" % len(self.d["controls"]))
            return
        x, y, w, h = f["px"]
        t = f["ring_px"]
        if t < self.opts.ring_px:
            self.fail("focus", "ring", "ring_px %d (want >= %d)" % (t, self.opts.ring_px))
        if x < 0 or y < 0 or x + w > self.W or y + h > self.H:
            self.fail("focus", "ring", "px %s not wholly inside the %dx%d frame" % (f["px"], self.W, self.H))
        colour = parse_hex(f["colour"])

        def band(off, thick):
            """The pixels of the rectangle outline offset by off (+ outward)
            and thick px wide (inward from the offset edge)."""
            bx, by, bw, bh = x - off, y - off, w + 2 * off, h + 2 * off
            parts = [[bx, by, bw, thick], [bx, by + bh - thick, bw, thick],
                     [bx, by + thick, thick, bh - 2 * thick], [bx + bw - thick, by + thick, thick, bh - 2 * thick]]
            acc = {}
            for p in parts:
                for k, c in self.colours(p):
                    acc[c] = acc.get(c, 0) + k
            return acc

        ring = band(0, t)
        total = sum(ring.values())
        same = sum(k for c, k in ring.items() if cdist(c, colour) <= self.opts.colour_tolerance)
        if total and same < 0.95 * total:
            common = max(ring.items(), key=lambda kv: kv[1])[0]
            self.fail("focus", "ring", "only %d of %d ring px are %s (commonest %s)" % (same, total, f["colour"], hexc(common)))
        for where, px in (("outside", band(2, 2)), ("inside", band(-t, 2))):
            n = sum(px.values())
            if not n:
                continue
            for c, k in sorted(px.items(), key=lambda kv: -kv[1]):
                if k * 50 < n:
                    break
                ratio = contrast(colour, c)
                if ratio < self.opts.ring_contrast:
                    self.fail("focus", "ring",
                              "%s on %s just %s it (%d of %d px) is %.2f:1 (want >= %g)"
                              % (f["colour"], hexc(c), where, k, n, ratio, self.opts.ring_contrast))

    # 6. targets
    def check_targets(self):
        ctl = self.d["controls"]
        for c in ctl:
            w, h = c["px"][2] / self.ppm, c["px"][3] / self.ppm
            if w < self.opts.target - 0.05 or h < self.opts.target - 0.05:
                self.fail("target", "control %s" % c["id"], "%.1f x %.1f mm (want >= %g mm square)" % (w, h, self.opts.target))
        for i in range(len(ctl)):
            for j in range(i + 1, len(ctl)):
                dist = rect_distance(ctl[i]["px"], ctl[j]["px"]) / self.ppm
                if dist < self.opts.gap - 0.05:
                    self.fail("target", "control %s" % ctl[i]["id"],
                              "%.1f mm from control %s (want >= %g mm)" % (dist, ctl[j]["id"], self.opts.gap))

    # 7. sizes and spacing
    def check_sizes(self):
        head_min = 2 * self.opts.viewing_distance * 1000 * math.tan(math.radians(0.35))
        lines = {}
        for r in self.d["runs"]:
            if r["role"] == "body" and r["cap_mm"] < self.opts.body_cap - 0.005:
                self.fail("size", self.run_name(r), "cap %.2f mm (want >= %g mm)" % (r["cap_mm"], self.opts.body_cap))
            elif r["role"] != "mark" and r["cap_mm"] < self.opts.min_cap - 0.005:
                self.fail("size", self.run_name(r), "cap %.2f mm (want >= %g mm)" % (r["cap_mm"], self.opts.min_cap))
            if r["role"] == "heading" and r["cap_mm"] < head_min - 0.005:
                self.fail("size", self.run_name(r),
                          "cap %.2f mm (want >= %.2f mm: 0.7 degrees at %g m)" % (r["cap_mm"], head_min, self.opts.viewing_distance))
            lines.setdefault(r["paragraph"], {}).setdefault(r["line"], r)
        for p, ls in lines.items():
            for li in sorted(ls):
                if li + 1 in ls:
                    a, b = ls[li], ls[li + 1]
                    gap = b["px"][1] - a["px"][1]
                    want = self.opts.line_spacing * a["size_px"]
                    if gap < want - 1:
                        self.fail("size", "paragraph %d %r lines %d-%d" % (p, a["id"], li, li + 1),
                                  "%d px apart at size %.1f px (want >= %.1f)" % (gap, a["size_px"], want))

    # 8. QR code
    def check_qr(self):
        q = self.d.get("qr")
        if not q:
            if self.opts.expect_qr:
                self.fail("qr", "screen", "no QR code")
            return
        x, y, w, h = q["px"]
        m = max(q["module_px"], 1)
        if q["module_px"] < self.opts.module_px:
            self.fail("qr", "code", "module %d px (want >= %d)" % (q["module_px"], self.opts.module_px))
        if q["quiet"] < 4:
            self.fail("qr", "code", "quiet zone %d modules (want >= 4)" % q["quiet"])
        if (q["modules"] + 2 * q["quiet"]) * q["module_px"] != w:
            self.fail("qr", "code", "%d px wide, (%d + 2*%d) modules of %d px" % (w, q["modules"], q["quiet"], q["module_px"]))
        if x < 0 or y < 0 or x + w > self.W or y + h > self.H:
            self.fail("qr", "code", "px %s outside the frame" % q["px"])
        quiet = q["quiet"] * m
        dark = 0
        for part in ([x, y, w, quiet], [x, y + h - quiet, w, quiet], [x, y, quiet, h], [x + w - quiet, y, quiet, h]):
            dark += sum(k for k, c in self.colours(part) if luminance(c) < 0.5)
        if dark:
            self.fail("qr", "quiet zone", "%d px are not light in the %d px quiet zone" % (dark, quiet))
        text = q["text"]
        for key in ("lang=", "site="):
            if key not in text:
                self.fail("qr", "text", "%r has no %s" % (text, key))
        if "lang=" + self.d["lang"] not in text:
            self.fail("qr", "text", "%r is not for lang=%s" % (text, self.d["lang"]))
        if self.opts.site and "site=" + self.opts.site not in text:
            self.fail("qr", "text", "%r is not for site=%s" % (text, self.opts.site))
        crop = self.img.crop((max(0, x - m), max(0, y - m), min(self.W, x + w + m), min(self.H, y + h + m)))
        with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
            crop.save(tmp.name)
            try:
                out = subprocess.run(["zbarimg", "--raw", "-q", tmp.name], capture_output=True, text=True, timeout=60)
                got = out.stdout.strip()
            except (OSError, subprocess.TimeoutExpired) as e:
                got = ""
                self.fail("qr", "decode", "zbarimg: %s" % e)
        if got != text:
            self.fail("qr", "decode", "zbarimg read %r, JSON text %r" % (got, text))
        else:
            self.notes.append("qr decoded: %s" % got)

    # calibration: runs that are only H
    def check_calibration(self):
        found = 0
        for r in self.d["runs"]:
            t = r["text"].strip()
            if len(t) < 2 or set(t) - {"H", " "}:
                continue
            found += 1
            fg, bg = parse_hex(r["fg"]), parse_hex(r["bg"])
            x, y, w, h = r["px"]
            crop = self.img.crop((max(0, x), max(0, y), min(self.W, x + w), min(self.H, y + h)))
            cw, ch = crop.size
            px = crop.load()
            full = cdist(fg, bg)
            rows = []
            for yy in range(ch):
                # a row is ink when one of its pixels is at least half way to fg
                if any(cdist(px[xx, yy], bg) * 2 >= full for xx in range(cw)):
                    rows.append(yy)
            ink = rows[-1] - rows[0] + 1 if rows else 0
            want = r["cap_mm"] * self.ppm
            self.notes.append("calibration %r: H ink %d px, cap_mm %.2f x %.4f = %.1f px" % (t, ink, r["cap_mm"], self.ppm, want))
            if abs(ink - want) > 1.5:
                self.fail("calibrate", self.run_name(r),
                          "H ink is %d px tall, JSON cap_mm %.2f is %.1f px" % (ink, r["cap_mm"], want))
        if self.opts.calibrate and not found:
            self.fail("calibrate", "screen", "no run of only H to measure")

    def run(self):
        if self.d is None:
            return
        try:
            self.check_frame()
            if [self.W, self.H] != list(self.d["size"]):
                return
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
            self.fail("json", "file", "unreadable: %r" % e)
            return
        for check in (self.check_blank, self.check_clip, self.check_ink, self.check_align, self.check_contrast,
                      self.check_focus, self.check_targets, self.check_sizes, self.check_qr,
                      self.check_calibration):
            try:
                check()
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
                self.fail(check.__name__[6:], "JSON", "unreadable: %r" % e)


def pairs(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for f in sorted(os.listdir(p)):
                if f.endswith(".json"):
                    out.append(os.path.join(p, f))
        elif p.endswith(".png"):
            out.append(p[:-4] + ".json")
        else:
            out.append(p)
    return [(j, j[:-5] + ".png") for j in out]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="FILE.json, FILE.png (the other beside it) or a directory")
    ap.add_argument("--contrast", type=float, default=7.0, help="text contrast minimum (7)")
    ap.add_argument("--hc-contrast", type=float, default=15.0, help="in the high-contrast theme (15)")
    ap.add_argument("--body-cap", type=float, default=4.8, help="body cap height minimum, mm (4.8; 6 at 100%% on the default display)")
    ap.add_argument("--min-cap", type=float, default=4.8, help="other text's cap height minimum, mm (4.8)")
    ap.add_argument("--viewing-distance", type=float, default=1.5, help="m; headings subtend 0.7 degrees there (1.5)")
    ap.add_argument("--line-spacing", type=float, default=1.5, help="lines at least this x the size apart (1.5)")
    ap.add_argument("--target", type=float, default=20.0, help="controls at least this many mm square (20)")
    ap.add_argument("--gap", type=float, default=4.0, help="and this many mm apart (4)")
    ap.add_argument("--ring-px", type=int, default=2, help="focus ring width minimum (2)")
    ap.add_argument("--ring-contrast", type=float, default=3.0, help="focus ring against its neighbours (3)")
    ap.add_argument("--module-px", type=int, default=3, help="QR module minimum, px (3)")
    ap.add_argument("--site", help="the site the QR code must carry")
    ap.add_argument("--expect-qr", action="store_true", help="fail screens without a QR code")
    ap.add_argument("--expect-rtl", action="store_true", help="the screen's language is RTL: runs and paragraphs must be")
    ap.add_argument("--calibrate", action="store_true", help="fail screens without a run of only H to measure")
    ap.add_argument("--colour-tolerance", type=int, default=6, help="per channel, for 'the same colour' (6)")
    ap.add_argument("--ink-margin", type=int, default=2, help="px either side of a run that its glyphs may overhang (2)")
    ap.add_argument("--ink-margin-y", type=int, default=1, help="px above and below a run's line box that its glyphs may reach (1)")
    ap.add_argument("--min-fg-px", type=int, default=1, help="pixels of fg a run must have (1)")
    ap.add_argument("--min-ink", type=int, default=200, help="contrasting pixels the content must have (200)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also print what was measured")
    opts = ap.parse_args()
    failed = checked = 0
    for j, p in pairs(opts.paths):
        if not os.path.exists(j) or not os.path.exists(p):
            print("%s: missing: %s" % (os.path.basename(j), j if not os.path.exists(j) else p))
            failed += 1
            continue
        s = Screen(j, p, opts)
        s.run()
        checked += 1
        for line in s.failures:
            print(line)
        if opts.verbose:
            for n in s.notes:
                print("%s: %s" % (s.name, n))
        failed += len(s.failures)
    if not checked and not failed:
        print("check_screens: nothing to check in %s" % " ".join(opts.paths))
        return 2
    sys.stdout.flush()
    print("check_screens: %d screen(s), %d failure(s)" % (checked, failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
