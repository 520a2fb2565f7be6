/* Streaming input with transparent decompression (.gz via zlib, .xz via
 * liblzma, .zst via libzstd, detected by magic bytes, not by name).
 * Memory stays bounded whatever the input size. */
#ifndef LR_DUMP_INPUT_H
#define LR_DUMP_INPUT_H
#include <stddef.h>
#include <stdint.h>
#include "../util/error.h"

struct input;

/* path "-" means stdin. Errors: LR_EXIT_INPUT naming the file. Caller closes. */
int input_open(const char *path, struct input **out, struct lr_err *err);
/* Read up to n decompressed bytes; returns bytes read, 0 at end, -1 on error
 * (corrupt/truncated compressed data: LR_EXIT_INPUT naming the file). */
long input_read(struct input *in, void *buf, size_t n, struct lr_err *err);
const char *input_name(const struct input *in);
const char *input_codec(const struct input *in);   /* "plain", "gzip", "xz", "zstd" */
uint64_t input_raw_bytes(const struct input *in);   /* compressed bytes consumed so far */
uint64_t input_raw_total(const struct input *in);   /* file size, 0 if unknown (pipe) */
void input_close(struct input *in);
#endif
