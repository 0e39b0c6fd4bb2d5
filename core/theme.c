/*
 * theme.c: palettes and physical sizes (see theme.h).
 *
 * The palettes were chosen against BRIEF section 4 and are checked by
 * tests/unit/test_theme.c pair by pair: text 7:1 or more (15:1 in high
 * contrast), outlines and the focus ring 3:1 against what they sit on.
 * The focus ring is drawn with a gap of background between it and the
 * control, so its neighbours on both sides are the bar or the screen.
 */
#include "placard/theme.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define RGB(hex)                                                                                   \
	{                                                                                          \
		(hex) >> 16 & 0xFF, (hex) >> 8 & 0xFF, (hex)&0xFF                                  \
	}

static const pl_theme themes[] = {
        {
                .id = PL_THEME_STANDARD,
                .name = "standard",
                .background = RGB(0xFFFFFF),
                .text = RGB(0x1A1A1A),      /* 17.4:1 */
                .secondary = RGB(0x3D3D3D), /* 10.9:1 */
                .accent = RGB(0x0B4F8A),
                .panel = RGB(0xF1F4F8),
                .panel_text = RGB(0x1A1A1A), /* 15.8:1 */
                .panel_edge = RGB(0x5A6878), /* 5.7:1 on the screen */
                .bar = RGB(0xEEF2F7),
                .control = RGB(0x0B4F8A),
                .control_text = RGB(0xFFFFFF), /* 8.4:1 */
                .control_edge = RGB(0x0B4F8A), /* 7.5:1 on the bar */
                .selected = RGB(0xFFCF33),
                .selected_text = RGB(0x1A1A1A), /* 11.8:1 */
                .focus = RGB(0xB0005A),         /* 6.2:1 on the bar, 7.0:1 on white */
                .fallback = RGB(0x7A3E00),      /* 8.3:1 */
        },
        {
                .id = PL_THEME_CONTRAST,
                .name = "high-contrast",
                .background = RGB(0x000000),
                .text = RGB(0xFFFFFF),      /* 21:1 */
                .secondary = RGB(0xE0E0E0), /* 15.9:1 */
                .accent = RGB(0xFFFF00),
                .panel = RGB(0x000000),
                .panel_text = RGB(0xFFFFFF),
                .panel_edge = RGB(0xFFFFFF),
                .bar = RGB(0x000000),
                .control = RGB(0x000000),
                .control_text = RGB(0xFFFF00), /* 19.6:1 */
                .control_edge = RGB(0xFFFF00),
                .selected = RGB(0xFFFF00),
                .selected_text = RGB(0x000000),
                .focus = RGB(0x00FFFF),    /* 16.7:1 */
                .fallback = RGB(0xFFDDA0), /* 16.1:1 */
        },
        {
                .id = PL_THEME_DYSLEXIA,
                .name = "dyslexia",
                .dyslexic_face = true,
                /* Cream rather than white, as the British Dyslexia
                 * Association's style guide suggests. */
                .background = RGB(0xFBF5E6),
                .text = RGB(0x1A1A1A),      /* 16.0:1 */
                .secondary = RGB(0x3D3D3D), /* 10.0:1 */
                .accent = RGB(0x0B4F8A),
                .panel = RGB(0xF3EAD3),
                .panel_text = RGB(0x1A1A1A), /* 14.5:1 */
                .panel_edge = RGB(0x5E4A1E),
                .bar = RGB(0xF3EAD3),
                .control = RGB(0x0B4F8A),
                .control_text = RGB(0xFFFFFF),
                .control_edge = RGB(0x0B4F8A), /* 7.0:1 on the bar */
                .selected = RGB(0xFFCF33),
                .selected_text = RGB(0x1A1A1A),
                .focus = RGB(0xB0005A),    /* 5.9:1 on the bar */
                .fallback = RGB(0x663300), /* 9.5:1 on the screen, 8.6:1 on a panel */
        },
};

const pl_theme *pl_theme_get(pl_theme_id id)
{
	for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
		if (themes[i].id == id)
			return &themes[i];
	return &themes[0];
}

const pl_theme *pl_theme_find(const char *name)
{
	for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
		if (strcmp(themes[i].name, name) == 0)
			return &themes[i];
	return NULL;
}

/* WCAG 2.2 relative luminance (sRGB). */
static double luminance(pl_rgb c)
{
	double ch[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
	for (int i = 0; i < 3; i++)
		ch[i] = ch[i] <= 0.04045 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double pl_contrast(pl_rgb a, pl_rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

void pl_metrics_compute(pl_metrics *m, int w, int h, double diagonal_in, double distance_m,
                        int text_scale)
{
	if (diagonal_in <= 0)
		diagonal_in = 24;
	if (distance_m <= 0)
		distance_m = 1.5;
	if (text_scale < 100)
		text_scale = 100;
	if (text_scale > 200)
		text_scale = 200;
	double scale = text_scale / 100.0;
	m->px_per_mm = hypot(w, h) / (diagonal_in * 25.4);
	m->body_cap_mm = 6.0 * scale;
	/* EN 301 549 5.1.4: 0.7 degrees at the viewing distance. */
	const double pi = 3.14159265358979323846;
	double angle_mm = 2 * distance_m * 1000 * tan(0.35 * pi / 180);
	m->head_cap_mm = fmax(angle_mm, 1.5 * m->body_cap_mm);
	m->title_cap_mm = 1.35 * m->head_cap_mm;
	m->sub_cap_mm = fmax(1.25 * m->body_cap_mm, 0.6 * m->head_cap_mm);
	m->target_mm = 22;
	m->gap_mm = 5;
	m->margin_mm = 10;
	m->line_height = 1.5;
	m->paragraph_gap = 0.6;
}

int pl_mm_px(const pl_metrics *m, double mm)
{
	return (int)lround(mm * m->px_per_mm);
}

double pl_size_for_cap(const pl_metrics *m, double cap_mm, double cap_ratio)
{
	return cap_mm * m->px_per_mm / cap_ratio;
}
