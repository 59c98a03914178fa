#pragma once
// expat, the streaming XML parser that reads a Word template's parts (Debian libexpat1-dev).
#include <expat.h>
