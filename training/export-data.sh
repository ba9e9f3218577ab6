#!/usr/bin/env bash
# Renders the training and validation splits (tools/forms-dataset.ts) into training/work/data.
# Two shards run in parallel: one per core.
set -euo pipefail
cd "$(dirname "$0")/.."
TRAIN_FORMS="${TRAIN_FORMS:-1400}"
VAL_FORMS="${VAL_FORMS:-100}"
OUT=training/work/data
mkdir -p "$OUT" training/work/logs
for split in train validation; do
  count=$([ "$split" = train ] && echo "$TRAIN_FORMS" || echo "$VAL_FORMS")
  if [ -f "$OUT/$split/.done-$count" ]; then continue; fi
  # An interrupted export resumes where it stopped (tools/forms-dataset.ts keeps finished forms).
  npx tsx tools/forms-dataset.ts --split "$split" --count "$count" --shard 0/2 --out "$OUT/$split" &
  first=$!
  npx tsx tools/forms-dataset.ts --split "$split" --count "$count" --shard 1/2 --out "$OUT/$split"
  wait "$first"
  touch "$OUT/$split/.done-$count"
done
