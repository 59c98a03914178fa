// SHA-256 on the x86 SHA extensions (SHA-NI): four rounds per sha256rnds2 pair, the message schedule
// by sha256msg1/sha256msg2. About twenty times fewer instructions than the portable Swift rounds; the
// Swift code (SHA256.swift) stays the reference and the path for processors without the extensions.
#include "csha256.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#if __has_include(<sys/platform/x86.h>)
// glibc has asked the processor at start already: its answers, without another CPUID (which a
// virtual machine traps, at several microseconds each).
#include <sys/platform/x86.h>

int tk_sha256_hardware_available(void) {
    return CPU_FEATURE_ACTIVE(SHA) && CPU_FEATURE_ACTIVE(SSSE3) && CPU_FEATURE_ACTIVE(SSE4_1);
}
#else
#include <cpuid.h>

int tk_sha256_hardware_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__((target("sha,sse4.1,ssse3")))
void tk_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Big-endian words in, and the state as the instructions want it: (a,b,e,f) and (c,d,g,h).
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);      // d c b a
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]);   // h g f e
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                             // c d a b
    state1 = _mm_shuffle_epi32(state1, 0x1B);                       // e f g h
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);               // a b e f
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                    // c d g h

    while (blocks--) {
        const __m128i save0 = state0, save1 = state1;
        __m128i w[4];
        for (int i = 0; i < 4; i++)
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byteswap);

        // Sixteen groups of four rounds; from the fifth on, each group's words come from the
        // schedule of the four groups before it.
        for (int group = 0; group < 16; group++) {
            __m128i m = w[group & 3];
            if (group >= 4) {
                // w[group] = msg2(msg1(w[g-4], w[g-3]) + alignr(w[g-1], w[g-2]), w[g-1])
                __m128i prev1 = w[(group - 1) & 3], prev2 = w[(group - 2) & 3];
                __m128i prev3 = w[(group - 3) & 3], prev4 = w[(group - 4) & 3];
                m = _mm_sha256msg1_epu32(prev4, prev3);
                m = _mm_add_epi32(m, _mm_alignr_epi8(prev1, prev2, 4));
                m = _mm_sha256msg2_epu32(m, prev1);
                w[group & 3] = m;
            }
            __m128i wk = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&K[4 * group]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, wk);
            // Two rounds on: the old (a,b,e,f) is now (c,d,g,h), and the pair's second half gives the
            // new (a,b,e,f).
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(wk, 0x0E));
        }
        state0 = _mm_add_epi32(state0, save0);
        state1 = _mm_add_epi32(state1, save1);
        data += 64;
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);                          // f e b a
    state1 = _mm_shuffle_epi32(state1, 0xB1);                       // d c h g
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);                    // d c b a
    state1 = _mm_alignr_epi8(state1, tmp, 8);                       // h g f e
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

#else

int tk_sha256_hardware_available(void) { return 0; }
void tk_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks;
}

#endif
