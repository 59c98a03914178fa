#pragma once
// nettle's SHA-256, for the template's digest (it runs on the processor's SHA instructions where it has them).
#include <nettle/sha2.h>
