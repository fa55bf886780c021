#!/bin/sh
# Writes DIR/train.csv (400 images) and DIR/test.csv (100) for plan.json: 8x8 grey images of four
# classes, class c a bright 4x4 quadrant c over dim noise, one "label,pixel,..." line each.
#   examples/plugin-example/make-sample-data.sh examples/plugin-example/data
set -eu
dir=${1:?usage: make-sample-data.sh DIR}
mkdir -p "$dir"
write() {
  awk -v first="$2" -v count="$3" 'BEGIN {
    srand(first + 1)
    for (n = first; n < first + count; n++) {
      label = n % 4
      line = label
      for (y = 0; y < 8; y++) for (x = 0; x < 8; x++) {
        bright = (int(y / 4) == int(label / 2) && int(x / 4) == label % 2) ? 150 : 0
        line = line "," (int(rand() * 60) + bright)
      }
      print line
    }
  }' > "$1"
}
write "$dir/train.csv" 0 400
write "$dir/test.csv" 400 100
