/* Shared progress bar (progress.h). Redraws are rate-limited so a loop can
 * call lr_progress_add() per row without cost. */
#include "progress.h"
#include "../util/clock.h"
#include "report.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

struct lr_progress {
	FILE *f;
	char *label;
	int64_t done, total;
	enum lr_progress_unit unit;
	double start, last;
	int drawn;
};

static int term_width(FILE *f)
{
	struct winsize ws;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

static void amount(char *buf, size_t n, int64_t v, enum lr_progress_unit unit)
{
	if (unit == LR_PROGRESS_BYTES)
		report_human_bytes(v, buf, n);
	else
		snprintf(buf, n, "%lld", (long long)v);
}

void lr_progress_format(char *buf, size_t n, const char *label, int64_t done, int64_t total,
			enum lr_progress_unit unit, double elapsed, int width)
{
	char d[32], t[32], rate[40] = "", eta[32] = "";
	amount(d, sizeof d, done, unit);
	if (elapsed >= 0.5) {
		double r = (double)done / elapsed;
		char rb[32];
		amount(rb, sizeof rb, (int64_t)r, unit);
		snprintf(rate, sizeof rate, "  %s/s", rb);
		if (total > 0 && done > 0 && done < total) {
			long long s = (long long)((double)(total - done) / r + 0.5);
			snprintf(eta, sizeof eta, "  ETA %lld:%02lld", s / 60, s % 60);
		}
	}
	if (total <= 0) {
		snprintf(buf, n, "%s  %s%s", label, d, rate);
		return;
	}
	amount(t, sizeof t, total, unit);
	int pct = done >= total ? 100 : (int)(100.0 * (double)done / (double)total);
	char tail[128];
	snprintf(tail, sizeof tail, " %3d%%  %s/%s%s%s", pct, d, t, rate, eta);
	int bar = width - (int)strlen(label) - (int)strlen(tail) - 5;
	if (bar > 40)
		bar = 40;
	if (bar < 5) {
		snprintf(buf, n, "%s%s", label, tail);
		return;
	}
	char b[48];
	int fill = (int)((double)bar * (done >= total ? 1.0 : (double)done / (double)total));
	for (int i = 0; i < bar; i++)
		b[i] = i < fill ? '#' : '.';
	b[bar] = '\0';
	snprintf(buf, n, "%s  [%s]%s", label, b, tail);
}

struct lr_progress *lr_progress_new(FILE *f, int enabled, const char *label, int64_t total,
				    enum lr_progress_unit unit)
{
	if (!enabled)
		return NULL;
	struct lr_progress *p = xcalloc(1, sizeof *p);
	p->f = f;
	p->label = xstrdup(label ? label : "");
	p->total = total;
	p->unit = unit;
	p->start = lr_now();
	p->last = -1;
	return p;
}

struct lr_progress *lr_progress_start(const char *label, int64_t total, enum lr_progress_unit unit)
{
	int on = lr_verbosity >= 1 && isatty(STDERR_FILENO);
	return lr_progress_new(stderr, on, label, total, unit);
}

static void draw(struct lr_progress *p, int force)
{
	double t = lr_now();
	if (!force && p->last >= 0 && t - p->last < 0.1)
		return;
	p->last = t;
	char line[256];
	int w = term_width(p->f);
	lr_progress_format(line, sizeof line, p->label, p->done, p->total, p->unit, t - p->start, w - 1);
	/* \r + erase to end of line: no leftovers when the line gets shorter */
	fprintf(p->f, "\r%s\033[K", line);
	fflush(p->f);
	p->drawn = 1;
}

void lr_progress_set(struct lr_progress *p, int64_t done)
{
	if (!p)
		return;
	p->done = done;
	draw(p, 0);
}

void lr_progress_add(struct lr_progress *p, int64_t n)
{
	if (p)
		lr_progress_set(p, p->done + n);
}

void lr_progress_total(struct lr_progress *p, int64_t total)
{
	if (p)
		p->total = total;
}

void lr_progress_end(struct lr_progress *p)
{
	if (!p)
		return;
	if (p->drawn) {
		fputs("\r\033[K", p->f);
		fflush(p->f);
	}
	free(p->label);
	free(p);
}
