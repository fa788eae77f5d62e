#!/usr/bin/env python3
"""The scikit-learn and pandas side of bench/compare's loss cases, run by bench/compare.py with the
Python that has pandas and scikit-learn (Debian's python3-pandas and python3-sklearn: by default
/usr/bin/python3, set by XENT_BENCH_SKLEARN_PYTHON). Three modes:

  loss_peers.py memory DATA BINARY_ROWS SPARSE_ROWS REPEATS
      sklearn.metrics.log_loss on the arrays bench/compare wrote (the same numbers the JMH loss
      benchmarks read): binary (labels, P(class 1)) and sparse (labels, rows of 10). Prints one JSON
      object: per case the median seconds of REPEATS calls and the value.

  loss_peers.py csv FILE
      The whole job as a pandas user writes it: pd.read_csv, then log_loss over the label column and
      the class columns. Prints one JSON object with the value and the seconds spent in read_csv and
      in log_loss; bench/compare.py times the whole process (start-up and imports included) and
      reads its peak memory.

  loss_peers.py write-pandas FILE ROWS SEED
      The CSV job's first file, as a pandas user gets it: ROWS rows of 10 probabilities (numpy PCG64
      seeded [SEED, 4, ROWS]: uniform in (0, 1] divided by their sum, in float64), the label drawn
      from the row, written by DataFrame.to_csv(index=False) (shortest round-trip floats) with the
      columns label, c0 … c9.
"""
import json
import sys
import time

import numpy as np


def median_seconds(f, repeats):
    times = []
    value = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), float(value)


def memory(data, binary_rows, sparse_rows, repeats):
    from sklearn.metrics import log_loss
    y = np.fromfile("%s/binary-y-%d.f64" % (data, binary_rows), dtype="<f8")
    p = np.fromfile("%s/binary-p-%d.f64" % (data, binary_rows), dtype="<f8")
    labels = np.fromfile("%s/sparse-labels-%d.i32" % (data, sparse_rows), dtype="<i4")
    rows = np.fromfile("%s/sparse-probs-%d.f64" % (data, sparse_rows), dtype="<f8").reshape(-1, 10)
    out = {}
    s, v = median_seconds(lambda: log_loss(y, p), repeats)
    out["binaryProbabilities"] = {"seconds": s, "value": v, "rows": binary_rows,
                                  "code": "log_loss(y, p)"}
    s, v = median_seconds(lambda: log_loss(labels, rows, labels=np.arange(10)), repeats)
    out["sparseProbabilities"] = {"seconds": s, "value": v, "rows": sparse_rows,
                                  "code": "log_loss(y, rows, labels=range(10))"}
    print(json.dumps(out))


def csv(path):
    t0 = time.perf_counter()
    import pandas as pd
    from sklearn.metrics import log_loss
    t1 = time.perf_counter()
    frame = pd.read_csv(path)
    t2 = time.perf_counter()
    classes = [c for c in frame.columns if c != "label"]
    value = log_loss(frame["label"].to_numpy(), frame[classes].to_numpy(),
                     labels=np.arange(len(classes)))
    t3 = time.perf_counter()
    print(json.dumps({"value": float(value), "import": t1 - t0, "read_csv": t2 - t1,
                      "log_loss": t3 - t2}))


def write_pandas(path, rows, seed):
    import pandas as pd
    rng = np.random.default_rng([seed, 4, rows])
    probs = 1.0 - rng.random((rows, 10))
    probs /= probs.sum(axis=1, keepdims=True)
    u = rng.random(rows)
    label = np.minimum((np.cumsum(probs, axis=1) <= u[:, None]).sum(axis=1), 9)
    frame = pd.DataFrame(probs, columns=["c%d" % k for k in range(10)])
    frame.insert(0, "label", label)
    frame.to_csv(path, index=False)


if __name__ == "__main__":
    if sys.argv[1] == "memory":
        memory(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "csv":
        csv(sys.argv[2])
    elif sys.argv[1] == "write-pandas":
        write_pandas(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
