#!/usr/bin/env bash
# Rebuilds models/conveyor-fields-v1.onnx from nothing, on CPU:
#   1. renders the train and validation splits of generated forms (tools/forms-dataset.ts),
#   2. trains FieldNet (training/train.py, Debian's torch at /usr/bin/python3),
#   3. exports the best checkpoint to ONNX with its class list,
#   4. measures it on the held-out test split through the production code (tools/forms-detector-eval.ts).
# Intermediates go to training/work/ (git-ignored). ITERS, TRAIN_FORMS, VAL_FORMS override defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! $PY -c "import torch, numpy, PIL" 2>/dev/null; then
  echo "needs Debian's python3-torch, python3-numpy and python3-pil for $PY" >&2
  exit 1
fi
training/export-data.sh
$PY training/train.py --iters "${ITERS:-5000}" --out training/work/run
$PY training/export_onnx.py --checkpoint training/work/run/best.pt --out models/conveyor-fields-v1.onnx
mkdir -p training/work/eval
for variant in digital scanned; do
  npx tsx tools/forms-detector-eval.ts --split test --count "${TEST_FORMS:-100}" --variant "$variant" \
    --json "training/work/eval/test-$variant.json"
  npx tsx tools/forms-detector-eval.ts --split test --count "${TEST_FORMS:-100}" --variant "$variant" --dpi 144 \
    --json "training/work/eval/test-$variant-144dpi.json"
done
