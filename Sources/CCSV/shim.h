#pragma once
// libcsv's parser and field writer, for data sheets (.csv) of many answers.
#include <stddef.h>
#include <csv.h>
