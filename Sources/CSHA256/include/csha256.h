#pragma once
#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA extensions (and SSSE3, SSE4.1 that go with them), else 0.
int tk_sha256_hardware_available(void);

/// Runs SHA-256's compression function over `blocks` whole 64-byte blocks of `data`, updating `state`
/// (h0…h7) in place, with the processor's SHA instructions. Call only when
/// tk_sha256_hardware_available() is 1.
void tk_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);
