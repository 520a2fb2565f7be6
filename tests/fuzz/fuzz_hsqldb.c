/* libFuzzer target: the HSQLDB lportal.script reader. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	return fz_run(&dump_reader_hsqldb, data, size);
}
