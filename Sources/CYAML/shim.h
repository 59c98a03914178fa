#pragma once
// libyaml's parser, for the schema file (模板.tiankong.yaml).
#include <yaml.h>
