#!/usr/bin/env bash
# Fine-tunes the shipped detector on real flattened forms plus generated ones, on CPU (2 cores):
#   1. the real-form set must be built (npx tsx tools/forms-real-set.ts build; /work/data/forms-real),
#   2. exports its dev split as training pages (tools/forms-real-dataset.ts; the test split is never read;
#      truth boxes with no ink near them on the flattened page become ignore regions),
#   3. exports a smaller generated train/validation set (tools/forms-dataset.ts),
#   4. fine-tunes from models/conveyor-fields-v1.onnx (training/train.py --init-onnx --real),
#   5. exports the best checkpoint to training/work/finetune/candidate.onnx; shipping it is a
#      decision made on `npm run bench:forms` (real test split and generated test split), not here.
# ITERS, LR, MAX_SECONDS, TRAIN_FORMS, VAL_FORMS, REAL_SHARE, FORMS_REAL_DIR override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! $PY -c "import torch, numpy, PIL" 2>/dev/null; then
  echo "needs Debian's python3-torch, python3-numpy and python3-pil for $PY" >&2
  exit 1
fi
OUT=training/work
mkdir -p "$OUT/logs"
# The marker names the export's rule: an export from before the evidence filter is redone.
if [ ! -f "$OUT/real/.done-evidence" ]; then
  npx tsx tools/forms-real-dataset.ts --data "${FORMS_REAL_DIR:-/work/data/forms-real}" --out "$OUT/real"
  touch "$OUT/real/.done-evidence"
fi
TRAIN_FORMS="${TRAIN_FORMS:-300}" VAL_FORMS="${VAL_FORMS:-40}" training/export-data.sh
$PY training/train.py --init-onnx models/conveyor-fields-v1.onnx --real "$OUT/real" --real-share "${REAL_SHARE:-0.5}" \
  --iters "${ITERS:-2400}" --lr "${LR:-2e-4}" --warmup 50 --eval-every 300 --threads 2 \
  ${MAX_SECONDS:+--max-seconds "$MAX_SECONDS"} --out "$OUT/finetune"
$PY training/export_onnx.py --checkpoint "$OUT/finetune/best.pt" --out "$OUT/finetune/candidate.onnx"
