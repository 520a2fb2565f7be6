/* libFuzzer target: the pg_dump plain-format reader. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	return fz_run(&dump_reader_pgdump, data, size);
}
