#!/usr/bin/python3
"""Check Placard's prepared fonts against libharu 2.3.0's limits.

    /usr/bin/python3 fonts/prepare/verify.py [FONTDIR]

For each file: TrueType glyf outlines (no CFF), numGlyphs <= 32767, no composite
glyph, a (3,1) format-4 cmap, embedding allowed (fsType), and the sample
characters of each language it serves are mapped in that format-4 cmap.
Prints one line per file and "N passed, N failed"; exits non-zero on failure.
"""
import os, sys
from fontTools.ttLib import TTFont

SAMPLES = {
    "AtkinsonHyperlegibleNext-Regular.ttf": {"en/es/tl": "AaBbIl1O0 ñáéíóúü¿¡ «»“”–—€"},
    "NotoSans-Regular.ttf": {"en/es/tl": "Aa ñ¿¡", "vi": "ếơưđặẫỹờỨ"},
    "NotoSansArabic-Regular.ttf": {
        "ar": "ابةىلا\u0644\u0627\ufefb\ufef9\ufe85\ufe86\ufe8e\u0660\u0669\u060c\u061f",
        "fa": "یکپچژگ\u06f0\u06f9\ufb8a\ufb8b\ufbfc\ufbfd\ufb8e\ufb92\ufb56\ufb7a"},
    "NotoSansArmenian-Regular.ttf": {"hy": "ՀայերենաԱՖև"},
    "DroidSansFallback-Placard.ttf": {
        "zh-Hans": "学区为发展计划学校教育社区，。、",
        "zh-Hant": "學區為發展計劃學校教育社區「」『』",
        "punct": "　、。《》「」０９ＡＺ"},  # no U+201C/D or U+3008/9 in Droid: Noto Sans serves them
    "PlacardGothicKR-Regular.ttf": {"ko": "한국어학교교육구계획ㄱㅏ", "latin": "AZaz09.,"},
    "OpenDyslexic-Regular.ttf": {"en/es/tl": "AaBbdpqñ¿¡áé"},
}
for base in list(SAMPLES):
    SAMPLES[base.replace("-Regular", "-Bold")] = SAMPLES[base]

def check(path):
    errs = []
    f = TTFont(path)
    if "glyf" not in f or "CFF " in f or "CFF2" in f:
        errs.append("not TrueType glyf outlines")
    n = f["maxp"].numGlyphs
    if n > 32767:
        errs.append("numGlyphs %d > 32767" % n)
    comp = 0
    if "glyf" in f:
        glyf = f["glyf"]
        comp = sum(1 for g in f.getGlyphOrder() if glyf[g].isComposite())
        if comp:
            errs.append("%d composite glyphs" % comp)
    sub = f["cmap"].getcmap(3, 1)
    if sub is None or sub.format != 4:
        errs.append("no (3,1) format-4 cmap")
        cmap = {}
    else:
        cmap = sub.cmap
    if f["OS/2"].fsType & 0x0302:
        errs.append("fsType %#x forbids embedding" % f["OS/2"].fsType)
    name = os.path.basename(path)
    covered = []
    for lang, chars in SAMPLES.get(name, {}).items():
        miss = [c for c in chars if ord(c) not in cmap and not c.isspace()]
        if miss:
            errs.append("%s: missing %s" % (lang, " ".join("U+%04X" % ord(c) for c in miss)))
        else:
            covered.append(lang)
    if name not in SAMPLES:
        errs.append("no sample list for this file")
    return n, len(cmap), covered, errs

def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = sorted(x for x in os.listdir(d) if x.endswith((".ttf", ".otf", ".ttc")))
    missing = sorted(set(SAMPLES) - set(files))
    ok = bad = 0
    for x in files:
        n, ncmap, covered, errs = check(os.path.join(d, x))
        status = "FAIL" if errs else "ok"
        print("%-4s %-38s glyphs=%-6d cmap4=%-6d covers %s%s" % (
            status, x, n, ncmap, ",".join(covered) or "-",
            "" if not errs else "\n       " + "\n       ".join(errs)))
        if errs: bad += 1
        else: ok += 1
    for x in missing:
        print("FAIL %-38s missing file" % x)
        bad += 1
    print("%d passed, %d failed" % (ok, bad))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
