#ifndef FIREBREAK_FUZZ_DRIVER_H
#define FIREBREAK_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer on `test` with the process's arguments: libFuzzer's own
/// main, callable from a Swift `@main` (SwiftPM names an executable's entry
/// point after its module and points `main` at it, so libFuzzer's `main` is
/// never the one that runs).
int firebreak_fuzz_main(int argc, char **argv, int (*test)(const uint8_t *data, size_t size));

#endif
