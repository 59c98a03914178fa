#pragma once
// libdeflate (Debian libdeflate-dev): DEFLATE of a whole buffer at once, the Word report's parts.
#include <libdeflate.h>
