/* Streaming input with transparent decompression. The codec is chosen by
 * the first bytes of the file (magic numbers), never by its name, so a
 * renamed or extension-less dump still reads. Memory: one fixed-size buffer
 * of compressed bytes plus the codec's own state. */
#include "input.h"
#include "input_peek.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

enum codec { C_PLAIN, C_GZIP, C_XZ, C_ZSTD };
static const char *codec_names[] = { "plain", "gzip", "xz", "zstd" };

#define RAW_CAP (256 * 1024)

struct input {
	char *name;
	int fd;
	int own_fd;
	enum codec codec;
	unsigned char *raw;     /* compressed bytes not yet consumed: raw[rpos..rlen) */
	size_t rpos, rlen;
	int raw_eof;
	uint64_t raw_consumed;  /* bytes read from the file */
	uint64_t raw_total;
	int done;               /* decoder reached its end */
	z_stream z;
	lzma_stream x;
	ZSTD_DStream *zs;
	int zstd_frame_open;    /* a zstd frame started and is not finished */
	/* bytes handed out by input_peek and not yet read again */
	char *peek;
	size_t peek_len, peek_pos;
};

static int fill_raw(struct input *in, struct lr_err *err)
{
	if (in->rpos < in->rlen || in->raw_eof)
		return 0;
	in->rpos = in->rlen = 0;
	for (;;) {
		ssize_t n = read(in->fd, in->raw, RAW_CAP);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return lr_fail(err, LR_EXIT_INPUT, "%s: read error: %s", in->name, strerror(errno));
		if (n == 0)
			in->raw_eof = 1;
		in->rlen = (size_t)n;
		in->raw_consumed += (uint64_t)n;
		return 0;
	}
}

int input_open(const char *path, struct input **out, struct lr_err *err)
{
	*out = NULL;
	int fd = STDIN_FILENO, own = 0;
	if (strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return lr_fail(err, LR_EXIT_INPUT, "cannot open %s: %s", path, strerror(errno));
		own = 1;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (own)
			close(fd);
		return lr_fail(err, LR_EXIT_INPUT, "%s is a directory, not a dump", path);
	}
	struct input *in = xcalloc(1, sizeof *in);
	in->name = xstrdup(strcmp(path, "-") ? path : "<stdin>");
	in->fd = fd;
	in->own_fd = own;
	in->raw = xmalloc(RAW_CAP);
	if (S_ISREG(st.st_mode))
		in->raw_total = (uint64_t)st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
	if (own)
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	/* magic bytes: read until we have 6 bytes or the end */
	while (in->rlen < 6 && !in->raw_eof) {
		ssize_t n = read(fd, in->raw + in->rlen, RAW_CAP - in->rlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			lr_fail(err, LR_EXIT_INPUT, "%s: read error: %s", in->name, strerror(errno));
			input_close(in);
			return -1;
		}
		if (n == 0)
			in->raw_eof = 1;
		in->rlen += (size_t)n;
		in->raw_consumed += (uint64_t)n;
	}
	const unsigned char *m = in->raw;
	if (in->rlen >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		in->codec = C_GZIP;
	else if (in->rlen >= 6 && !memcmp(m, "\xfd" "7zXZ\0", 6))
		in->codec = C_XZ;
	else if (in->rlen >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd)
		in->codec = C_ZSTD;
	else
		in->codec = C_PLAIN;
	int ok = 1;
	switch (in->codec) {
	case C_GZIP:
		/* 15+32: zlib or gzip header, auto-detected */
		ok = inflateInit2(&in->z, 15 + 32) == Z_OK;
		break;
	case C_XZ: {
		lzma_stream init = LZMA_STREAM_INIT;
		in->x = init;
		ok = lzma_stream_decoder(&in->x, UINT64_MAX, LZMA_CONCATENATED) == LZMA_OK;
		break;
	}
	case C_ZSTD:
		in->zs = ZSTD_createDStream();
		ok = in->zs && !ZSTD_isError(ZSTD_initDStream(in->zs));
		break;
	case C_PLAIN:
		break;
	}
	if (!ok) {
		lr_fail(err, LR_EXIT_INPUT, "%s: cannot start the %s decoder", in->name,
			codec_names[in->codec]);
		in->codec = C_PLAIN; /* nothing to free */
		input_close(in);
		return -1;
	}
	*out = in;
	return 0;
}

static long read_gzip(struct input *in, void *buf, size_t n, struct lr_err *err)
{
	in->z.next_out = buf;
	in->z.avail_out = (uInt)n;
	while (in->z.avail_out == n) {
		if (fill_raw(in, err) < 0)
			return -1;
		if (in->rpos == in->rlen) {
			if (in->done)
				return 0;
			return lr_fail(err, LR_EXIT_INPUT, "%s: truncated gzip data", in->name);
		}
		if (in->done) {
			/* another gzip member follows (concatenated .gz files) */
			inflateReset(&in->z);
			in->done = 0;
		}
		in->z.next_in = in->raw + in->rpos;
		in->z.avail_in = (uInt)(in->rlen - in->rpos);
		int rc = inflate(&in->z, Z_NO_FLUSH);
		in->rpos = in->rlen - in->z.avail_in;
		if (rc == Z_STREAM_END)
			in->done = 1;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return lr_fail(err, LR_EXIT_INPUT, "%s: corrupt gzip data (%s)", in->name,
				       in->z.msg ? in->z.msg : "inflate failed");
		if (in->done && in->z.avail_out == n && in->rpos == in->rlen && in->raw_eof)
			return 0;
	}
	return (long)(n - in->z.avail_out);
}

static long read_xz(struct input *in, void *buf, size_t n, struct lr_err *err)
{
	in->x.next_out = buf;
	in->x.avail_out = n;
	while (in->x.avail_out == n && !in->done) {
		if (fill_raw(in, err) < 0)
			return -1;
		in->x.next_in = in->raw + in->rpos;
		in->x.avail_in = in->rlen - in->rpos;
		lzma_ret rc = lzma_code(&in->x, in->rpos == in->rlen ? LZMA_FINISH : LZMA_RUN);
		in->rpos = in->rlen - in->x.avail_in;
		if (rc == LZMA_STREAM_END) {
			in->done = 1;
		} else if (rc == LZMA_BUF_ERROR && in->rpos == in->rlen && in->raw_eof) {
			return lr_fail(err, LR_EXIT_INPUT, "%s: truncated xz data", in->name);
		} else if (rc != LZMA_OK) {
			return lr_fail(err, LR_EXIT_INPUT, "%s: corrupt xz data (lzma error %d)",
				       in->name, (int)rc);
		}
	}
	return (long)(n - in->x.avail_out);
}

static long read_zstd(struct input *in, void *buf, size_t n, struct lr_err *err)
{
	ZSTD_outBuffer ob = { buf, n, 0 };
	while (ob.pos == 0) {
		if (fill_raw(in, err) < 0)
			return -1;
		if (in->rpos == in->rlen) {
			if (in->zstd_frame_open)
				return lr_fail(err, LR_EXIT_INPUT, "%s: truncated zstd data", in->name);
			return 0;
		}
		ZSTD_inBuffer ib = { in->raw, in->rlen, in->rpos };
		size_t rc = ZSTD_decompressStream(in->zs, &ob, &ib);
		in->rpos = ib.pos;
		if (ZSTD_isError(rc))
			return lr_fail(err, LR_EXIT_INPUT, "%s: corrupt zstd data (%s)", in->name,
				       ZSTD_getErrorName(rc));
		in->zstd_frame_open = rc != 0;
	}
	return (long)ob.pos;
}

static long read_plain(struct input *in, void *buf, size_t n, struct lr_err *err)
{
	/* bytes sniffed at open come first */
	if (in->rpos < in->rlen) {
		size_t k = in->rlen - in->rpos;
		if (k > n)
			k = n;
		memcpy(buf, in->raw + in->rpos, k);
		in->rpos += k;
		return (long)k;
	}
	if (in->raw_eof)
		return 0;
	for (;;) {
		ssize_t k = read(in->fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return lr_fail(err, LR_EXIT_INPUT, "%s: read error: %s", in->name, strerror(errno));
		if (k == 0)
			in->raw_eof = 1;
		in->raw_consumed += (uint64_t)k;
		return (long)k;
	}
}

static long decode(struct input *in, void *buf, size_t n, struct lr_err *err)
{
	switch (in->codec) {
	case C_GZIP: return read_gzip(in, buf, n, err);
	case C_XZ: return read_xz(in, buf, n, err);
	case C_ZSTD: return read_zstd(in, buf, n, err);
	case C_PLAIN: break;
	}
	return read_plain(in, buf, n, err);
}

long input_read(struct input *in, void *buf, size_t n, struct lr_err *err)
{
	if (n == 0)
		return 0;
	if (in->peek_pos < in->peek_len) {
		size_t k = in->peek_len - in->peek_pos;
		if (k > n)
			k = n;
		memcpy(buf, in->peek + in->peek_pos, k);
		in->peek_pos += k;
		return (long)k;
	}
	return decode(in, buf, n, err);
}

long input_peek(struct input *in, size_t n, const char **head, struct lr_err *err)
{
	if (!in->peek) {
		in->peek = xmalloc(n + 1);
		while (in->peek_len < n) {
			long k = decode(in, in->peek + in->peek_len, n - in->peek_len, err);
			if (k < 0)
				return -1;
			if (k == 0)
				break;
			in->peek_len += (size_t)k;
		}
		in->peek[in->peek_len] = '\0';
	}
	*head = in->peek;
	return (long)in->peek_len;
}

const char *input_name(const struct input *in) { return in->name; }
const char *input_codec(const struct input *in) { return codec_names[in->codec]; }
uint64_t input_raw_bytes(const struct input *in) { return in->raw_consumed; }
uint64_t input_raw_total(const struct input *in) { return in->raw_total; }

void input_close(struct input *in)
{
	if (!in)
		return;
	switch (in->codec) {
	case C_GZIP: inflateEnd(&in->z); break;
	case C_XZ: lzma_end(&in->x); break;
	case C_ZSTD: ZSTD_freeDStream(in->zs); break;
	case C_PLAIN: break;
	}
	if (in->own_fd)
		close(in->fd);
	free(in->peek);
	free(in->raw);
	free(in->name);
	free(in);
}
