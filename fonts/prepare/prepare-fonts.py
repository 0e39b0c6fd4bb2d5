#!/usr/bin/python3
"""Prepare Placard's bundled fonts for libharu 2.3.0 and SDL2_ttf.

Run with Debian's python3 and python3-fonttools (4.38):
    /usr/bin/python3 fonts/prepare/prepare-fonts.py --atkinson-tgz PATH [--out fonts]

Inputs are Debian package files (paths below) and the npm tarball of
@expo-google-fonts/atkinson-hyperlegible-next (fetched with `npm pack`).
For every face: CFF outlines are converted to TrueType (OpenDyslexic), every
composite glyph is decomposed (libharu prints composites as blanks), hinting is
removed (decomposed glyphs lose their instructions anyway; mixed hinted and
unhinted glyphs render unevenly), the CJK and Hangul faces are subset, and a
(3,1) format-4 cmap is ensured.  Output is deterministic: head.modified is
SOURCE_DATE_EPOCH when set, otherwise the source font's own value.
See fonts/README.md and fonts/prepare/NOTES.md.
"""
import argparse, bz2, io, os, sys, tarfile

from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools import subset

NOTO = "/usr/share/fonts/truetype/noto"
SOURCES = {
    "noto": NOTO,
    "droid": "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "nanum": "/usr/share/fonts/truetype/nanum",
    "odys": "/usr/share/fonts/opentype/opendyslexic",
    "unihan": "/usr/share/unicode/Unihan_OtherMappings.txt.bz2",
}
EPOCH_1904 = 2082844800  # seconds from 1904-01-01 to 1970-01-01

# ---------------------------------------------------------------- char sets
def r(a, b):
    return set(range(a, b + 1))

LATIN_BASIC = r(0x20, 0x7E) | r(0xA0, 0xFF)
PUNCT = r(0x2000, 0x206F) | {0x20A9, 0x20AC, 0x2116, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193,
                             0x25A0, 0x25A1, 0x25B2, 0x25B3, 0x25B6, 0x25BC, 0x25C0, 0x25CB,
                             0x25CF, 0x2605, 0x2606, 0x2713, 0x2714}

def unihan_fields(path):
    tgh, big5, gb0 = {}, {}, set()
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            cp = int(cp[2:], 16)
            if field == "kTGH":        # 2013:NNNN, position in the 通用规范汉字表
                tgh[cp] = min(int(v.split(":")[1]) for v in value.split())
            elif field == "kBigFive":  # Big5 code, hex
                big5[cp] = int(value.split()[0], 16)
            elif field == "kGB0":      # GB 2312 row/cell
                gb0.add(cp)
    return tgh, big5, gb0

def cjk_charset(unihan_path):
    tgh, big5, gb0 = unihan_fields(unihan_path)
    han = set(tgh)                                   # all three levels (8,105)
    han |= set(big5)                                 # Big5 levels 1 + 2 (13,063)
    han |= gb0                                                         # GB 2312 hanzi
    han = {cp for cp in han if cp <= 0xFFFF}                           # libharu: BMP only
    other = set()
    for cp in range(0x80, 0x10000):      # non-Han symbols of GB 2312 and Big5
        if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        for enc in ("gb2312", "big5"):
            try:
                ch.encode(enc)
                other.add(cp)
                break
            except UnicodeEncodeError:
                pass
    extra = (LATIN_BASIC | PUNCT | r(0x3000, 0x303F) | r(0x3100, 0x312F) | r(0x31A0, 0x31BF)
             | r(0xFE10, 0xFE1F) | r(0xFE30, 0xFE4F) | r(0xFF00, 0xFFEF) | r(0x2460, 0x24FF))
    return han | other | extra

HANGUL = (r(0xAC00, 0xD7A3) | r(0x1100, 0x11FF) | r(0x3130, 0x318F) | r(0xA960, 0xA97F)
          | r(0xD7B0, 0xD7FF) | r(0x3200, 0x321E) | r(0x3260, 0x327F)
          | LATIN_BASIC | PUNCT | r(0x3000, 0x303F) | r(0xFF00, 0xFFEF))

# ---------------------------------------------------------------- transforms
def otf_to_ttf(font, max_err=1.0):
    """CFF -> glyf, after fontTools' Snippets/otf2ttf.py."""
    assert font.sfntVersion == "OTTO" and "CFF " in font
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt = TTGlyphPen(None)
        gs[name].draw(Cu2QuPen(tt, max_err, reverse_direction=True))
        glyphs[name] = tt.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    for t in ("VORG",):
        if t in font:
            del font[t]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for a in ("maxZones",):
        setattr(maxp, a, 1)
    for a in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
              "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
              "maxComponentDepth"):
        setattr(maxp, a, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

def decompose_all(font):
    glyf = font["glyf"]
    gs = font.getGlyphSet()
    new = {}
    for name in font.getGlyphOrder():
        if glyf[name].isComposite():
            rec = DecomposingRecordingPen(gs)
            gs[name].draw(rec)
            tt = TTGlyphPen(None)
            rec.replay(tt)
            new[name] = tt.glyph()
    for name, g in new.items():
        glyf[name] = g
    return len(new)

def fix_metrics(font):
    glyf, hmtx = font["glyf"], font["hmtx"]
    for name in font.getGlyphOrder():
        g = glyf[name]
        g.recalcBounds(glyf)
        adv, _ = hmtx[name]
        hmtx[name] = (adv, getattr(g, "xMin", 0) if g.numberOfContours else 0)

def ensure_cmap4(font):
    cmap = font["cmap"]
    if cmap.getcmap(3, 1) is not None and cmap.getcmap(3, 1).format == 4:
        return
    best = font.getBestCmap()
    st = cmap_format_4(4)
    st.platformID, st.platEncID, st.language = 3, 1, 0
    st.cmap = {cp: g for cp, g in best.items() if cp <= 0xFFFF}
    cmap.tables = [t for t in cmap.tables if not (t.platformID == 3 and t.platEncID == 1)]
    cmap.tables.append(st)
    cmap.tables.sort(key=lambda t: (t.platformID, t.platEncID, t.language))

def run_subset(font, unicodes):
    o = subset.Options()
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.name_legacy = True
    o.layout_features = ["*"]
    o.legacy_kern = True
    o.notdef_glyph = True
    o.notdef_outline = True
    o.recommended_glyphs = True
    o.glyph_names = False
    o.hinting = False
    o.drop_tables = list(o.drop_tables) + ["DSIG", "TSI0", "TSI1", "TSI2", "TSI3", "TSI5",
                                          "hdmx", "LTSH", "VDMX"]
    o.recalc_timestamp = False
    o.prune_unicode_ranges = True
    s = subset.Subsetter(options=o)
    s.populate(unicodes=sorted(unicodes))
    s.subset(font)

def rename(font, renames):
    for rec in font["name"].names:
        s = rec.toUnicode()
        for old, newname in renames:
            s = s.replace(old, newname)
        rec.string = s

def mark_version(font, note):
    for rec in font["name"].names:
        if rec.nameID == 5:
            rec.string = rec.toUnicode() + "; " + note

def prepare(src, dst, *, charset=None, note, renames=None, fixed_time=None):
    font = TTFont(src, recalcTimestamp=False, recalcBBoxes=True)
    modified = font["head"].modified if fixed_time is None else fixed_time
    steps = []
    if font.sfntVersion == "OTTO":
        otf_to_ttf(font)
        steps.append("CFF->TrueType")
    n = decompose_all(font)
    steps.append("decomposed %d composites" % n)
    unicodes = charset if charset is not None else set(font.getBestCmap())
    run_subset(font, unicodes)
    fix_metrics(font)
    ensure_cmap4(font)
    if renames:
        rename(font, renames)
    mark_version(font, note)
    font["head"].modified = modified
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    data = buf.getvalue()
    tmp = dst + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, dst)
    out = TTFont(dst)
    print("%-40s %9d bytes %6d glyphs  (%s)" % (os.path.basename(dst), len(data),
          out["maxp"].numGlyphs, ", ".join(steps)))

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atkinson-tgz", help="npm pack tarball of "
                    "@expo-google-fonts/atkinson-hyperlegible-next (omit to skip Atkinson)")
    ap.add_argument("--out", default=os.path.dirname(here))
    ap.add_argument("--only", help="comma-separated output file names")
    a = ap.parse_args()
    sde = os.environ.get("SOURCE_DATE_EPOCH")
    fixed = int(sde) + EPOCH_1904 if sde else None
    only = set(a.only.split(",")) if a.only else None
    NOTE = "Placard: composites decomposed, hinting removed"
    jobs = []
    if a.atkinson_tgz:
        tf = tarfile.open(a.atkinson_tgz)
        for w, member in (("Regular", "package/400Regular/AtkinsonHyperlegibleNext_400Regular.ttf"),
                          ("Bold", "package/700Bold/AtkinsonHyperlegibleNext_700Bold.ttf")):
            jobs.append(("AtkinsonHyperlegibleNext-%s.ttf" % w,
                         io.BytesIO(tf.extractfile(member).read()), {}))
    for fam in ("NotoSans", "NotoSansArabic", "NotoSansArmenian"):
        for w in ("Regular", "Bold"):
            jobs.append(("%s-%s.ttf" % (fam, w), "%s/%s-%s.ttf" % (SOURCES["noto"], fam, w), {}))
    jobs.append(("DroidSansFallback-Placard.ttf", SOURCES["droid"],
                 {"charset": "cjk", "note": NOTE + ", subset to TGH 2013, Big5, GB 2312"}))
    # Nanum Gothic: OFL with Reserved Font Names (Nanum, NanumGothic, ...): a modified
    # version may not carry them, so the prepared face is renamed "Placard Gothic KR".
    kr = [("NanumGothic", "PlacardGothicKR"), ("나눔고딕", "Placard Gothic KR")]
    for w, srcname in (("Regular", "NanumGothic.ttf"), ("Bold", "NanumGothicBold.ttf")):
        jobs.append(("PlacardGothicKR-%s.ttf" % w, "%s/%s" % (SOURCES["nanum"], srcname),
                     {"charset": "hangul", "renames": kr,
                      "note": NOTE + ", subset to Hangul, Latin, punctuation; derived from "
                              "NanumGothic by NAVER, renamed (Reserved Font Name)"}))
    for w in ("Regular", "Bold"):
        jobs.append(("OpenDyslexic-%s.ttf" % w, "%s/OpenDyslexic-%s.otf" % (SOURCES["odys"], w),
                     {"note": "Placard: converted from CFF to TrueType outlines (cu2qu)"}))
    cjk = None
    for name, src, kw in jobs:
        if only and name not in only:
            continue
        cs = kw.pop("charset", None)
        if cs == "cjk":
            cjk = cjk if cjk is not None else cjk_charset(SOURCES["unihan"])
            kw["charset"] = cjk
        elif cs == "hangul":
            kw["charset"] = HANGUL
        kw.setdefault("note", NOTE)
        prepare(src, os.path.join(a.out, name), fixed_time=fixed, **kw)

if __name__ == "__main__":
    main()
