/* Inline SVG charts for the HTML report: plain shapes and text, sized in
 * viewBox units so they scale and print; no script, no external reference.
 * Every label goes through html_esc(): site and table names are data. */
#include "html.h"
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define W 760.0
#define LABEL_W 220.0
#define BAR_W 350.0
#define ROW_H 22.0

/* Append at most max code points of s, escaped, with "…" when cut. */
static void esc_trunc(struct strbuf *sb, const char *s, int max)
{
	const char *p = s ? s : "";
	int n = 0;
	while (*p && n < max) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		n++;
	}
	char *cut = strndup(s ? s : "", (size_t)(p - (s ? s : "")));
	html_esc(sb, cut);
	free(cut);
	if (*p)
		strbuf_addstr(sb, "\u2026");
}

static void svg_open(struct strbuf *sb, const char *cls, const char *title, double h)
{
	strbuf_addf(sb, "<figure class=\"chart\"><svg class=\"%s\" role=\"img\" viewBox=\"0 0 %.0f %.0f\" "
		    "xmlns=\"http://www.w3.org/2000/svg\"><title>", cls, W, h);
	html_esc(sb, title);
	strbuf_addstr(sb, "</title>");
}

static void svg_close(struct strbuf *sb, const char *title)
{
	strbuf_addstr(sb, "</svg><figcaption>");
	html_esc(sb, title);
	strbuf_addstr(sb, "</figcaption></figure>\n");
}

void svg_hbars(struct strbuf *sb, const char *title, const struct html_bar *bars, int n,
	       const char *legend1, const char *legend2)
{
	int two = 0;
	double max = 0;
	for (int i = 0; i < n; i++) {
		two |= bars[i].value2 >= 0;
		if (bars[i].value > max)
			max = bars[i].value;
		if (bars[i].value2 > max)
			max = bars[i].value2;
	}
	if (max <= 0)
		max = 1;
	double rh = two ? ROW_H * 1.6 : ROW_H;
	double top = two ? 24 : 4;
	double h = top + rh * n + 6;
	svg_open(sb, "hbars", title, h);
	if (two) {
		strbuf_addf(sb, "<rect class=\"s1\" x=\"%.0f\" y=\"4\" width=\"12\" height=\"12\"/>"
			    "<text x=\"%.0f\" y=\"14\">", LABEL_W, LABEL_W + 16);
		html_esc(sb, legend1);
		strbuf_addf(sb, "</text><rect class=\"s2\" x=\"%.0f\" y=\"4\" width=\"12\" height=\"12\"/>"
			    "<text x=\"%.0f\" y=\"14\">", LABEL_W + 120, LABEL_W + 136);
		html_esc(sb, legend2);
		strbuf_addstr(sb, "</text>");
	}
	for (int i = 0; i < n; i++) {
		const struct html_bar *b = &bars[i];
		double y = top + rh * i;
		double w1 = BAR_W * (b->value > 0 ? b->value : 0) / max;
		strbuf_addstr(sb, "<g class=\"bar\"><title>");
		html_esc(sb, b->label);
		strbuf_addstr(sb, ": ");
		if (b->text)
			html_esc(sb, b->text);
		else
			strbuf_addf(sb, "%.0f", b->value);
		strbuf_addf(sb, "</title><text class=\"lbl\" x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
			    LABEL_W - 6, y + 15);
		esc_trunc(sb, b->label, 34);
		strbuf_addf(sb, "</text><rect class=\"s1\" x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			    LABEL_W, y + 3, w1 < 1 && b->value > 0 ? 1 : w1, two ? rh / 2 - 2 : ROW_H - 6);
		double wmax = w1;
		if (two) {
			double w2 = BAR_W * (b->value2 > 0 ? b->value2 : 0) / max;
			wmax = w2 > w1 ? w2 : w1;
			strbuf_addf(sb, "<rect class=\"s2\" x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
				    LABEL_W, y + rh / 2 + 1, w2 < 1 && b->value2 > 0 ? 1 : w2, rh / 2 - 2);
		}
		strbuf_addf(sb, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">", LABEL_W + wmax + 6, y + (two ? rh / 2 + 4 : 15));
		if (b->text)
			html_esc(sb, b->text);
		else
			strbuf_addf(sb, "%.0f", b->value);
		strbuf_addstr(sb, "</text></g>\n");
	}
	svg_close(sb, title);
}

void svg_histogram(struct strbuf *sb, const char *title, const char *const *labels,
		   const long long *counts, int n, const char *xlabel, const char *ylabel)
{
	long long max = 1;
	for (int i = 0; i < n; i++)
		if (counts[i] > max)
			max = counts[i];
	const double h = 220, left = 50, bottom = 180, plot = 150;
	double slot = n ? (W - left - 10) / n : 1;
	svg_open(sb, "histogram", title, h);
	strbuf_addf(sb, "<line class=\"axis\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\"/>", left,
		    bottom, W - 10, bottom);
	strbuf_addf(sb, "<text class=\"axl\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">", left + (W - left) / 2,
		    h - 4);
	html_esc(sb, xlabel);
	strbuf_addf(sb, "</text><text class=\"axl\" x=\"12\" y=\"%.0f\" transform=\"rotate(-90 12 %.0f)\" "
		    "text-anchor=\"middle\">", bottom - plot / 2, bottom - plot / 2);
	html_esc(sb, ylabel);
	strbuf_addstr(sb, "</text>");
	for (int i = 0; i < n; i++) {
		double bh = plot * (double)counts[i] / (double)max;
		double x = left + slot * i;
		strbuf_addstr(sb, "<g class=\"bin\"><title>");
		html_esc(sb, labels[i]);
		strbuf_addf(sb, ": %lld</title>", counts[i]);
		strbuf_addf(sb, "<rect class=\"s1\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			    x + slot * 0.1, bottom - bh, slot * 0.8, bh);
		strbuf_addf(sb, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%lld</text>",
			    x + slot / 2, bottom - bh - 4, counts[i]);
		strbuf_addf(sb, "<text class=\"lbl\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">", x + slot / 2,
			    bottom + 15);
		html_esc(sb, labels[i]);
		strbuf_addstr(sb, "</text></g>\n");
	}
	svg_close(sb, title);
}

/* Arc path of a donut slice from angle a0 to a1 (radians, 0 = top). */
static void arc(struct strbuf *sb, const char *cls, double a0, double a1)
{
	const double cx = 60, cy = 60, r = 50;
	if (a1 - a0 >= 2 * M_PI - 1e-9) {
		strbuf_addf(sb, "<circle class=\"%s\" cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>", cls, cx, cy, r);
		return;
	}
	double x0 = cx + r * sin(a0), y0 = cy - r * cos(a0);
	double x1 = cx + r * sin(a1), y1 = cy - r * cos(a1);
	strbuf_addf(sb, "<path class=\"%s\" d=\"M%.2f %.2fA%.0f %.0f 0 %d 1 %.2f %.2f\"/>", cls, x0, y0, r, r,
		    a1 - a0 > M_PI ? 1 : 0, x1, y1);
}

void svg_severity(struct strbuf *sb, long long errors, long long warnings, long long notices)
{
	long long tot = errors + warnings + notices;
	strbuf_addstr(sb, "<svg class=\"donut\" role=\"img\" viewBox=\"0 0 120 120\" width=\"120\" height=\"120\" "
			  "xmlns=\"http://www.w3.org/2000/svg\"><title>findings by severity</title>");
	if (!tot) {
		arc(sb, "d-none", 0, 2 * M_PI);
	} else {
		const long long v[3] = { errors, warnings, notices };
		const char *cls[3] = { "d-error", "d-warning", "d-notice" };
		double a = 0;
		for (int i = 0; i < 3; i++) {
			if (!v[i])
				continue;
			double b = a + 2 * M_PI * (double)v[i] / (double)tot;
			arc(sb, cls[i], a, b);
			a = b;
		}
	}
	strbuf_addf(sb, "<text x=\"60\" y=\"66\" text-anchor=\"middle\" class=\"dnum\">%lld</text></svg>", tot);
}
