#!/usr/bin/env python3
"""The work of bench/compare (run that script, which builds the jars first). Four parts, each run
alone with XENT_BENCH_ONLY=csv,loss,measures,startup (any subset); a part's results are saved in
bench/target/compare/results.json beside the other parts' last results, and the report is always
rendered from that file (`--rerender` renders it again without measuring).

measures  P and Q of n entries for every n (numpy PCG64, seed 20261124: uniform in (0, 1] divided
          by their sum), raw little-endian doubles that Java reads too. References: mpmath at 160
          bits for n <= 10^6, numpy's 80-bit long double (checked against mpmath to 0.05 ulp where
          both exist) for larger n. JMH: MeasuresBenchmark (every backend; `vector` on every core),
          the same for `vector` with <VECTOR_ONE_THREAD> (one thread), MathLogBaseline
          (the bare Math.log loop) and DefaultBackendBenchmark (Backends.defaultBackend() in a JVM
          started without flags); numpy/scipy one-liners on the same arrays (median of batches).
loss      the loss datasets (binary 10^7, sparse 10^6 x 10; LossData reads the same files), their
          means in long double; JMH LossBenchmark; numpy's one-liners and scikit-learn's log_loss on
          the same arrays. A benchmark that the JMH jar does not have is reported "not measured".
csv       two files: 10^6 x 10 written by pandas' DataFrame.to_csv (shortest round-trip floats) and
          10^7 x 10 with 6 decimals; `xent loss` (java -jar, and through ./xent), DuckDB
          (dev.xent.bench.DuckDbLogLoss) and
          pandas.read_csv + log_loss as whole processes, alternately, a few runs each (wall time,
          peak resident memory by wait4); each mean's error against the exact mean of the decimal
          values in the file.
startup   hyperfine: `java -jar cli/target/xent.jar entropy …`, `./xent entropy …`, a Java "hello"
          compiled into bench/target on the same JVM, and `python3 -c "import numpy, scipy.stats"`.

The report: bench/RESULTS.md (every table, then bench/analysis.md verbatim) and one summary table of
issue 13's targets, which is also written between the markers <!-- bench-summary-begin --> and
<!-- bench-summary-end --> of docs/performance.md, and in a short form (one row per target) between
the same markers of README.md. A run with sizes smaller than the
defaults (a test of the script) writes its report to bench/target/compare/ only and leaves the
committed files alone.
"""
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import numpy as np
    import scipy
    import scipy.special
    import scipy.stats
    import mpmath
except ImportError as missing:
    raise SystemExit("bench/compare needs numpy, scipy and mpmath in %s (%s); set PYTHON to a"
                     " Python that has them" % (sys.executable, missing))

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "target" / "compare"
DATA = OUT / "data"
JAR = HERE / "target" / "benchmarks.jar"
CLASSES = HERE / "target" / "classes"
DUCKDB_CLASSPATH = HERE / "target" / "duckdb.classpath"
CLI_JAR = ROOT / "cli" / "target" / "xent.jar"
RESULTS_JSON = OUT / "results.json"
SEED = 20261124
JAVA = os.environ.get("JAVA", "java")
FULL = os.environ.get("XENT_BENCH_FULL", "") == "1"
SKLEARN_PYTHON = os.environ.get("XENT_BENCH_SKLEARN_PYTHON", "/usr/bin/python3")

# The system property that makes `vector` compute on one thread (value 1). Its name is decided by
# impl-vector; this is the one place bench/compare states it.
# the JVM option that keeps `vector` on the calling thread (impl-vector's VectorMeasures.PARALLEL_PROPERTY)
VECTOR_ONE_THREAD = "-Dxent.vector.parallel=false"

PARTS = ["csv", "loss", "measures", "startup"]
DEFAULTS = {"XENT_BENCH_SIZES": "10 1000 1000000 10000000", "XENT_BENCH_CSV_ROWS": "10000000",
            "XENT_BENCH_PANDAS_ROWS": "1000000", "XENT_BENCH_BINARY_ROWS": "1000 10000000",
            "XENT_BENCH_SPARSE_ROWS": "1000 1000000"}


def knob(name):
    return os.environ.get(name, DEFAULTS[name])


SIZES = [int(s) for s in knob("XENT_BENCH_SIZES").split()]
CSV_ROWS = int(knob("XENT_BENCH_CSV_ROWS"))          # the 6-decimal file; 0 skips it
PANDAS_ROWS = int(knob("XENT_BENCH_PANDAS_ROWS"))    # the file pandas writes; 0 skips it
LOSS_BINARY_ROWS = [int(s) for s in knob("XENT_BENCH_BINARY_ROWS").split()]
LOSS_SPARSE_ROWS = [int(s) for s in knob("XENT_BENCH_SPARSE_ROWS").split()]
MPMATH_MAX_N = 1_000_000
CSV_MAX_N = 1_000_000
BACKENDS = ["naive", "kl", "commons", "vector"]
CSV_RUNS = 5 if FULL else 3
STARTUP_RUNS = 30 if FULL else 10
PANDAS_SAMPLE = 20_000       # rows of the pandas file whose long-double mean is checked with mpmath

# Issue 13's targets, each stated once here.
TARGET_CSV_VS_DUCKDB = 1.0   # xent's wall time / DuckDB's, at most
TARGET_CSV_MB = 100          # xent's peak resident memory, at most
TARGET_CSV_ULPS = 1.0        # xent's mean against the exact mean of the decimal values, at most
TARGET_LOSS_VS_NUMPY = 2.0   # numpy's time / xent's, at least
TARGET_MEASURES_VS_NUMPY = 5.0   # numpy's time / xent `vector`'s at n >= 10^6, at least
TARGET_MEASURES_ULPS = 1.0
TARGET_DEFAULT_VS_LOG = 1.3  # default backend without flags / the bare Math.log loop, at most
TARGET_DEFAULT_ULPS = 4.0
TARGET_STARTUP_VS_HELLO = 3.0    # a single measure's start-up / a Java "hello", at most

LOSS_CASES = [  # JMH method, title, dataset, numpy one-liner
    ("binaryProbabilities", "Binary cross-entropy from probabilities", "binary",
     "-np.mean(np.log(np.where(y == 1, p, 1 - p)))"),
    ("binaryLogits", "Binary cross-entropy from logits", "binary",
     "np.mean(np.logaddexp(0, z) - y * z)"),
    ("sparseProbabilities", "Sparse categorical cross-entropy (10 classes) from probabilities",
     "sparse", "-np.mean(np.log(P[np.arange(m), c]))"),
    ("sparseProbabilitiesRowMajor", "Sparse categorical cross-entropy (10 classes) from probabilities"
     " held row-major in one `double[]` (`evaluateRowMajor`)", "sparse",
     "-np.mean(np.log(P[np.arange(m), c]))"),
    ("sparseLogits", "Sparse categorical cross-entropy (10 classes) from logits", "sparse",
     "np.mean(scipy.special.logsumexp(Z, axis=1) - Z[np.arange(m), c])"),
    ("categoricalProbabilities", "Categorical cross-entropy (10 classes, one-hot targets) from"
     " probabilities", "sparse", "-np.mean(np.sum(T * np.log(P), axis=1))"),
    ("sparseParallelCollector", "Sparse, on a parallel stream through the collector (`vector`;"
     " partial accumulators merged)", "sparse", None),
]
MEASURES = ["entropy", "crossEntropy", "klDivergence"]
TITLES = {"entropy": "Entropy H(P)", "crossEntropy": "Cross-entropy H(P,Q)",
          "klDivergence": "KL divergence KL(P‖Q)"}
SUMMARY_BEGIN = "<!-- bench-summary-begin"
SUMMARY_END = "<!-- bench-summary-end -->"
README = ROOT / "README.md"
SUMMARY_PAGES = [ROOT / "docs" / "performance.md", README]   # README gets the short form


def log(msg):
    print(msg, flush=True)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def load_average():
    return sh("uptime").split("load average:")[-1].strip()


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")


PART_KNOBS = {"measures": ["XENT_BENCH_SIZES"], "loss": ["XENT_BENCH_BINARY_ROWS", "XENT_BENCH_SPARSE_ROWS"],
              "csv": ["XENT_BENCH_CSV_ROWS", "XENT_BENCH_PANDAS_ROWS"], "startup": []}


def small_sizes(part):
    """Whether one of the part's size knobs is below its default (a test of the script, not a
    result). 0 for a CSV file means "skip it", not a small file."""
    def below(name):
        have, want = [int(s) for s in knob(name).split()], [int(s) for s in DEFAULTS[name].split()]
        if name.endswith("CSV_ROWS") or name.endswith("PANDAS_ROWS"):
            return 0 < have[0] < want[0]
        return len(have) < len(want) or any(h < w for h, w in zip(sorted(have), sorted(want)))
    return any(below(name) for name in PART_KNOBS[part])


# ---------------------------------------------------------------- the measures' inputs
def generate():
    DATA.mkdir(parents=True, exist_ok=True)
    meta = DATA / "meta.json"
    want = {"seed": SEED, "recipe": "PCG64 seeded [seed, n]; 1 - uniform in (0,1], /sum; p then q"}
    if not meta.exists() or json.loads(meta.read_text()) != want:
        # only the measures' own files: the loss and CSV parts' inputs (and their references)
        # have recipes of their own and may have been written earlier in this very run
        for pattern in ("p-*.f64", "q-*.f64", "p-q-*.csv", "reference.json"):
            for old in DATA.glob(pattern):
                old.unlink()
    meta.write_text(json.dumps(want))
    for n in SIZES:
        if (DATA / ("q-%d.f64" % n)).exists():
            log("== inputs n=%d: reusing %s" % (n, DATA))
            continue
        log("== inputs n=%d: generating (seed %d) in %s" % (n, SEED, DATA))
        rng = np.random.default_rng([SEED, n])
        p = 1.0 - rng.random(n)
        p /= p.sum()
        q = 1.0 - rng.random(n)
        q /= q.sum()
        p.astype("<f8").tofile(DATA / ("p-%d.f64" % n))
        q.astype("<f8").tofile(DATA / ("q-%d.f64" % n))
        if n <= CSV_MAX_N:
            np.savetxt(DATA / ("p-q-%d.csv" % n), np.column_stack([p, q]), delimiter=",",
                       fmt="%.17g", header="p,q", comments="")


def load(n):
    return (np.fromfile(DATA / ("p-%d.f64" % n), dtype="<f8"),
            np.fromfile(DATA / ("q-%d.f64" % n), dtype="<f8"))


# ---------------------------------------------------------------- the measures' references
def ref_longdouble(p, q):
    pl = p.astype(np.longdouble)
    ql = q.astype(np.longdouble)
    lp = np.log(pl)
    lq = np.log(ql)
    h = -np.sum(pl * lp)
    ce = -np.sum(pl * lq)
    kl = np.sum(pl * np.log(pl / ql))
    return {"entropy": h, "crossEntropy": ce, "klDivergence": kl}


def ref_mpmath(p, q):
    mpmath.mp.prec = 160
    mpf, mlog = mpmath.mpf, mpmath.log
    h = mpf(0)
    ce = mpf(0)
    for a, b in zip(p.tolist(), q.tolist()):
        ma = mpf(a)
        la = mlog(ma)
        lb = mlog(mpf(b))
        h -= ma * la
        ce -= ma * lb
    return {"entropy": h, "crossEntropy": ce, "klDivergence": ce - h}


def ld_str(x):
    """A long double as a decimal string with more digits than its 64-bit significand needs."""
    return np.format_float_scientific(np.longdouble(x), precision=30, unique=False)


def ulps(value, reference):
    """|value - reference| in units of the last place of the reference rounded to a double."""
    mpmath.mp.prec = 160
    r = mpmath.mpf(ld_str(reference) if isinstance(reference, np.longdouble) else reference)
    spacing = float(np.spacing(abs(float(r))))
    v = mpmath.mpf(ld_str(value) if isinstance(value, np.longdouble) else value)
    return float(abs(v - r) / spacing)


def references():
    path = DATA / "reference.json"
    cached = json.loads(path.read_text()) if path.exists() else {}
    changed = False
    for n in SIZES:
        key = str(n)
        if key in cached:
            continue
        p, q = load(n)
        t0 = time.time()
        ld = ref_longdouble(p, q)
        entry = {"source": "long double", "check": None}
        values = {m: ld_str(ld[m]) for m in MEASURES}
        if n <= MPMATH_MAX_N:
            mp = ref_mpmath(p, q)
            worst = max(ulps(ld[m], mp[m]) for m in MEASURES)
            if worst > 0.05:
                raise SystemExit("reference check failed at n=%d: long double and mpmath differ by"
                                 " %.3f ulp" % (n, worst))
            values = {m: mpmath.nstr(mp[m], 40) for m in MEASURES}
            entry = {"source": "mpmath 160 bits", "check": worst}
        entry["values"] = values
        cached[key] = entry
        changed = True
        log("== reference n=%d: %s (%.1f s)" % (n, entry["source"], time.time() - t0))
    if changed:
        path.write_text(json.dumps(cached, indent=1))
    return cached


# ---------------------------------------------------------------- the numpy and scipy peers
PEERS = {
    "entropy": [
        ("numpy", "-np.sum(p*np.log(p))", lambda p, q: -np.sum(p * np.log(p))),
        ("scipy.stats.entropy", "scipy.stats.entropy(p)", lambda p, q: scipy.stats.entropy(p)),
        ("scipy.special.entr", "np.sum(scipy.special.entr(p))",
         lambda p, q: np.sum(scipy.special.entr(p))),
    ],
    "crossEntropy": [
        ("numpy", "-np.sum(p*np.log(q))", lambda p, q: -np.sum(p * np.log(q))),
        ("numpy dot", "-np.dot(p, np.log(q))", lambda p, q: -np.dot(p, np.log(q))),
    ],
    "klDivergence": [
        ("numpy", "np.sum(p*np.log(p/q))", lambda p, q: np.sum(p * np.log(p / q))),
        ("scipy.stats.entropy", "scipy.stats.entropy(p, q)", lambda p, q: scipy.stats.entropy(p, q)),
        ("scipy.special.rel_entr", "np.sum(scipy.special.rel_entr(p, q))",
         lambda p, q: np.sum(scipy.special.rel_entr(p, q))),
    ],
}


# ---------------------------------------------------------------- values of the xent backends
def java_values(threads=None):
    """Every backend's values (dev.xent.bench.Values) with the Vector API, on every core or, with
    threads=1, with `vector` forced onto one thread."""
    env = dict(os.environ, XENT_BENCH_DATA=str(DATA))
    cmd = [JAVA, "--add-modules", "jdk.incubator.vector"]
    if threads == 1:
        cmd.append(VECTOR_ONE_THREAD)
    cmd += ["-cp", str(JAR), "dev.xent.bench.Values"] + [str(n) for n in SIZES]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    values = {}
    for line in out.splitlines():
        b, m, n, v = line.split(",")
        values[(b, m, int(n))] = float(v)
    return values


def default_values():
    """Backends.defaultBackend() in a JVM started without flags: its id, description and values."""
    env = dict(os.environ, XENT_BENCH_DATA=str(DATA))
    cmd = [JAVA, "-cp", str(JAR), "dev.xent.bench.DefaultBackendValues"] + [str(n) for n in SIZES]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    _, backend, description = out[0].split(",", 2)
    values = {}
    for line in out[1:]:
        b, m, n, v = line.split(",")
        values[(m, int(n))] = float(v)
    return {"id": backend, "description": description, "values": values}


def time_call(f):
    """Median seconds per call: batches of at least ~20 ms, 7 batches (21 with XENT_BENCH_FULL)."""
    f()
    t0 = time.perf_counter()
    f()
    once = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(0.02 / once))
    samples = []
    for _ in range(21 if FULL else 7):
        t0 = time.perf_counter()
        for _ in range(number):
            f()
        samples.append((time.perf_counter() - t0) / number)
    return float(np.median(samples))


def peers():
    results = {}
    for n in SIZES:
        p, q = load(n)
        for m in MEASURES:
            for name, code, f in PEERS[m]:
                results[(name, m, n)] = {"value": float(f(p, q)),
                                         "seconds": time_call(lambda: f(p, q)), "code": code}
        log("== numpy/scipy peers n=%d done" % n)
    return results


# ---------------------------------------------------------------- JMH
def jmh_settings():
    if FULL:
        args = ["-f", "2", "-wi", "5", "-w", "1s", "-i", "10", "-r", "1s"]
    else:
        args = ["-f", "1", "-wi", "3", "-w", "1s", "-i", "3", "-r", "1s"]
    extra = os.environ.get("XENT_BENCH_JMH_ARGS", "").split()
    # JMH rejects an option given twice: an option in XENT_BENCH_JMH_ARGS replaces the default
    i = 0
    while i < len(args):
        if args[i] in extra:
            del args[i:i + 2]
        else:
            i += 2
    return args + extra


ROW_PARAMS = ("n", "binaryRows", "sparseRows", "categoricalRows", "rows")


def jmh(tag, include, params, prepend=None):
    """Runs JMH on the benchmarks matching include with the given -p parameters (a parameter that
    no benchmark has is ignored by JMH) and returns {(backend, method, n): {ns, error, alloc}}.
    backend is the `backend` parameter, "Math.log loop" for MathLogBaseline, "default" for
    DefaultBackendBenchmark, "-" for a benchmark without one; other parameters, if a benchmark
    has any, are appended to it as [name=value]."""
    result = OUT / ("jmh-%s.json" % tag)
    cmd = [JAVA, "-jar", str(JAR), include, "-prof", "gc", "-rf", "json", "-rff", str(result)]
    for name, values in params.items():
        cmd += ["-p", "%s=%s" % (name, ",".join(map(str, values)))]
    if prepend:
        cmd += ["-jvmArgsPrepend", prepend]
    cmd += jmh_settings()
    log("== JMH (%s): %s" % (tag, " ".join(cmd)))
    env = dict(os.environ, XENT_BENCH_DATA=str(DATA))
    waited = 0
    while True:
        with open(OUT / ("jmh-%s.log" % tag), "w") as logfile:
            done = subprocess.run(cmd, env=env, stdout=logfile, stderr=subprocess.STDOUT)
        if done.returncode == 0:
            break
        text = (OUT / ("jmh-%s.log" % tag)).read_text()
        if "Unable to acquire the JMH lock" not in text or waited >= 3600:
            raise SystemExit("JMH failed (exit %d); its output: %s\n%s"
                             % (done.returncode, OUT / ("jmh-%s.log" % tag), text[-2000:]))
        # another JMH run holds the machine-wide lock (/tmp/jmh.lock): wait rather than measure beside it
        log("== JMH: another JMH run holds its lock; waiting (%d s so far)" % waited)
        time.sleep(30)
        waited += 30
    return jmh_times(result)


def jmh_times(result):
    """{(backend, method, n): jmh_entry} from a JMH JSON result file (see jmh)."""
    times = {}
    for r in json.loads(result.read_text()):
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        params = dict(r.get("params", {}))
        n = next((int(params.pop(k)) for k in ROW_PARAMS if k in params), 0)
        if cls == "MathLogBaseline":
            backend = "Math.log loop"
        elif cls == "DefaultBackendBenchmark":
            backend = "default"
        else:
            backend = params.pop("backend", "-")
        backend += "".join("[%s=%s]" % kv for kv in sorted(params.items()))
        times[(backend, method, n)] = jmh_entry(r)
    return times


def jmh_entry(r):
    """One JMH result as {ns, error, alloc, min, max}: the mean time per call, JMH's error, the bytes
    allocated per call (-prof gc) and the fastest and slowest measurement iteration over every fork,
    so that a row whose iterations disagree shows it."""
    primary = r["primaryMetric"]
    raw = [x for fork in primary.get("rawData", []) for x in fork]
    return {"ns": primary["score"], "error": primary.get("scoreError"),
            "alloc": r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score"),
            "min": min(raw) if raw else None, "max": max(raw) if raw else None}


def per(t, n, unit):
    """A JMH time per element or example with its iteration spread: "1.64 ns per element (1.56–1.76)"."""
    return "%s ns per %s%s" % (fmt_ns(t["ns"] / n), unit, spread(t, n))


def spread(t, n):
    """" (fastest–slowest iteration)" per element or example, or "" for a result saved before the
    iterations were kept."""
    if t.get("min") is None:
        return ""
    return " (%s–%s)" % (fmt_ns(t["min"] / n), fmt_ns(t["max"] / n))


def part_measures():
    generate()
    refs = references()
    log("== values of the xent backends (every core; then `vector` on one thread; then no flags)")
    jvals = java_values()
    jvals_1t = java_values(threads=1)
    default = default_values()
    identical = all(jvals_1t.get(("vector", m, n)) == jvals.get(("vector", m, n))
                    for m in MEASURES for n in SIZES)
    started, before = now(), load_average()
    log("== load: " + before)
    peer = peers()
    times = jmh("measures", "dev.xent.bench.(MeasuresBenchmark|MathLogBaseline|DefaultBackendBenchmark)",
                {"n": SIZES})
    big = [n for n in SIZES if n >= 1_000_000] or SIZES
    times_1t = jmh("vector-1-thread", "dev.xent.bench.MeasuresBenchmark",
                   {"n": big, "backend": ["vector"]}, prepend=VECTOR_ONE_THREAD)
    return {"started": started, "load_before": before, "load_after": load_average(),
            "sizes": SIZES, "jmh": " ".join(jmh_settings()), "refs": {str(n): refs[str(n)] for n in SIZES},
            "jvals": pack(jvals), "jvals_1t_identical": identical,
            "default": dict(default, values=pack(default["values"])),
            "peer": pack(peer), "times": pack(times), "times_1t": pack(times_1t)}


def pack(d):
    return [[list(k) if isinstance(k, tuple) else k, v] for k, v in d.items()]


def unpack(rows):
    return {tuple(k) if isinstance(k, list) else k: v for k, v in rows}


# ---------------------------------------------------------------- the loss layer in memory
def generate_loss_arrays():
    """The loss datasets (same recipe as dev.xent.bench.LossData's fallback, numpy's generator):
    binary: p uniform in [0.001, 0.999), y = 1 with probability p; sparse: rows of 10 uniform in
    (0, 1] divided by their sum, the label drawn from the row."""
    DATA.mkdir(parents=True, exist_ok=True)
    for n in LOSS_BINARY_ROWS:
        if not (DATA / ("binary-p-%d.f64" % n)).exists():
            log("== loss inputs: binary, %d rows" % n)
            rng = np.random.default_rng([SEED, 1, n])
            p = rng.uniform(0.001, 0.999, n)
            y = (rng.random(n) < p).astype("<f8")
            y.tofile(DATA / ("binary-y-%d.f64" % n))
            p.astype("<f8").tofile(DATA / ("binary-p-%d.f64" % n))
    for n in LOSS_SPARSE_ROWS:
        if not (DATA / ("sparse-probs-%d.f64" % n)).exists():
            log("== loss inputs: sparse, %d rows x 10" % n)
            rng = np.random.default_rng([SEED, 2, n])
            rows = 1.0 - rng.random((n, 10))
            rows /= rows.sum(axis=1, keepdims=True)
            u = rng.random(n)
            labels = np.minimum((np.cumsum(rows, axis=1) <= u[:, None]).sum(axis=1), 9)
            labels.astype("<i4").tofile(DATA / ("sparse-labels-%d.i32" % n))
            rows.astype("<f8").tofile(DATA / ("sparse-probs-%d.f64" % n))


def loss_references():
    """Mean losses in 80-bit long double (logl, log1pl; pairwise sums): about 0.01 ulp of a double.
    A one-hot categorical mean is the sparse one (the targets are the sparse labels)."""
    path = DATA / "loss-reference.json"
    cached = json.loads(path.read_text()) if path.exists() else {}
    for n in LOSS_BINARY_ROWS:
        key = "binaryProbabilities/%d" % n
        if key not in cached:
            y = np.fromfile(DATA / ("binary-y-%d.f64" % n), dtype="<f8")
            p = np.fromfile(DATA / ("binary-p-%d.f64" % n), dtype="<f8").astype(np.longdouble)
            terms = np.where(y == 1.0, -np.log(p), -np.log1p(-p))
            cached[key] = ld_str(np.sum(terms) / n)
    for n in LOSS_SPARSE_ROWS:
        key = "sparseProbabilities/%d" % n
        if key not in cached:
            labels = np.fromfile(DATA / ("sparse-labels-%d.i32" % n), dtype="<i4")
            rows = np.fromfile(DATA / ("sparse-probs-%d.f64" % n), dtype="<f8").reshape(-1, 10)
            q = rows[np.arange(n), labels].astype(np.longdouble)
            cached[key] = ld_str(np.sum(-np.log(q)) / n)
        cached["categoricalProbabilities/%d" % n] = cached[key]
        cached["sparseProbabilitiesRowMajor/%d" % n] = cached[key]
    path.write_text(json.dumps(cached, indent=1))
    return cached


def java_loss_values():
    env = dict(os.environ, XENT_BENCH_DATA=str(DATA))
    values = {}
    for b, sp in zip(LOSS_BINARY_ROWS, LOSS_SPARSE_ROWS):
        cmd = [JAVA, "--add-modules", "jdk.incubator.vector", "-cp", str(JAR), "dev.xent.bench.Values",
               "--loss", str(b), str(sp)]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            backend, case, n, v = line.split(",")
            values[(backend, case, int(n))] = float(v)
    return values


def sklearn_memory():
    results = {}
    for b, sp in zip(LOSS_BINARY_ROWS, LOSS_SPARSE_ROWS):
        cmd = [SKLEARN_PYTHON, str(HERE / "loss_peers.py"), "memory", str(DATA), str(b), str(sp),
               "5" if FULL else "3"]
        out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        for case, r in out.items():
            results[(case, r["rows"])] = r
    return results


def numpy_losses():
    """numpy's one-liners on the very arrays LossBenchmark reads, timed as the measures' peers are.
    The logits are computed here as LossData computes them in Java (z = ln p − ln(1 − p) with log1p;
    Z = ln P), so they may differ from Java's in the last bit; that does not change the time."""
    results = {}
    for n in LOSS_BINARY_ROWS:
        y = np.fromfile(DATA / ("binary-y-%d.f64" % n), dtype="<f8")
        p = np.fromfile(DATA / ("binary-p-%d.f64" % n), dtype="<f8")
        z = np.log(p) - np.log1p(-p)
        cases = {"binaryProbabilities": lambda: -np.mean(np.log(np.where(y == 1, p, 1 - p))),
                 "binaryLogits": lambda: np.mean(np.logaddexp(0, z) - y * z)}
        for case, f in cases.items():
            results[(case, n)] = {"value": float(f()), "seconds": time_call(f)}
        del y, p, z
    for m in LOSS_SPARSE_ROWS:
        c = np.fromfile(DATA / ("sparse-labels-%d.i32" % m), dtype="<i4")
        P = np.fromfile(DATA / ("sparse-probs-%d.f64" % m), dtype="<f8").reshape(-1, 10)
        Z = np.log(P)
        T = np.zeros_like(P)
        T[np.arange(m), c] = 1.0
        cases = {"sparseProbabilities": lambda: -np.mean(np.log(P[np.arange(m), c])),
                 "sparseLogits": lambda: np.mean(scipy.special.logsumexp(Z, axis=1) - Z[np.arange(m), c]),
                 "categoricalProbabilities": lambda: -np.mean(np.sum(T * np.log(P), axis=1))}
        for case, f in cases.items():
            results[(case, m)] = {"value": float(f()), "seconds": time_call(f)}
        # numpy's P is row-major already: the row-major case is the same call on the same array
        results[("sparseProbabilitiesRowMajor", m)] = results[("sparseProbabilities", m)]
        del c, P, Z, T
    return results


def part_loss():
    generate_loss_arrays()
    refs = loss_references()
    log("== values of the loss paths")
    jvals = java_loss_values()
    started, before = now(), load_average()
    log("== load: " + before)
    log("== numpy one-liners of the loss paths")
    numpy_r = numpy_losses()
    log("== scikit-learn log_loss in memory (%s)" % SKLEARN_PYTHON)
    sk = sklearn_memory()
    versions = subprocess.run(
        [SKLEARN_PYTHON, "-c", "import sys, sklearn, pandas, numpy; print('Python %d.%d, scikit-learn %s,"
         " pandas %s, numpy %s' % (sys.version_info[0], sys.version_info[1], sklearn.__version__,"
         " pandas.__version__, numpy.__version__))"], capture_output=True, text=True).stdout.strip()
    times = jmh("loss", "dev.xent.bench.LossBenchmark",
                {"binaryRows": LOSS_BINARY_ROWS, "sparseRows": LOSS_SPARSE_ROWS,
                 "categoricalRows": LOSS_SPARSE_ROWS})
    return {"started": started, "load_before": before, "load_after": load_average(),
            "jmh": " ".join(jmh_settings()), "binary_rows": LOSS_BINARY_ROWS,
            "sparse_rows": LOSS_SPARSE_ROWS, "refs": {k: refs[k] for k in refs},
            "jvals": pack(jvals), "numpy": pack(numpy_r), "sklearn": pack(sk),
            "sklearn_version": versions, "times": pack(times)}


# ---------------------------------------------------------------- whole processes
# A small Python forks and execs the command and reads its peak memory with wait4. Calling wait4 from
# this script directly would not do: Linux carries a process's peak RSS across exec, so a child
# forked from this (large) interpreter reports at least this interpreter's size.
MEASURE = """
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write("\\nxent-measure %r %d %d\\n" % (time.perf_counter() - t0, usage.ru_maxrss,
                                                  os.waitstatus_to_exitcode(status)))
"""


def timed(cmd):
    """(wall seconds, peak resident MB, stdout) of one run of cmd."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        subprocess.run([sys.executable, "-S", "-c", MEASURE] + cmd, stdout=out, stderr=err, check=True)
        out.seek(0)
        err.seek(0)
        lines = err.read().decode().rstrip().splitlines()
        _, wall, rss_kb, code = lines[-1].split()
        if int(code) != 0:
            raise SystemExit("%s failed (%s): %s" % (" ".join(cmd), code, "\n".join(lines[-20:])))
        return float(wall), int(rss_kb) / 1024.0, out.read().decode()


# ---------------------------------------------------------------- the CSV job
def decimal_csv():
    return DATA / ("loss-%d.csv" % CSV_ROWS)


def pandas_csv():
    return DATA / ("loss-pandas-%d.csv" % PANDAS_ROWS)


def generate_decimal_csv():
    """CSV_ROWS rows: a label and 10 probabilities with 6 decimals that sum to exactly 1 in decimal
    (integers of 10^-6, each at least 1), written as fixed-width text. While writing, it counts how
    often each k/10^6 is the true class's value, which makes the exact mean cheap (at most 10^6
    distinct logarithms, whatever the number of rows)."""
    if CSV_ROWS <= 0 or decimal_csv().exists():
        return
    log("== CSV inputs: %d rows (label + 10 probabilities, 6 decimals)" % CSV_ROWS)
    rng = np.random.default_rng([SEED, 3, CSV_ROWS])
    counts = np.zeros(10 ** 6 + 1, dtype=np.int64)
    part = decimal_csv().with_suffix(".part")
    with open(part, "wb") as out:
        out.write(b"label," + ",".join("c%d" % k for k in range(10)).encode() + b"\n")
        done = 0
        while done < CSV_ROWS:
            m = min(1_000_000, CSV_ROWS - done)
            r = 1.0 - rng.random((m, 10))
            k = np.floor(r / r.sum(axis=1, keepdims=True) * (10 ** 6 - 10)).astype(np.int64) + 1
            k[np.arange(m), k.argmax(axis=1)] += 10 ** 6 - k.sum(axis=1)
            u = rng.random(m) * 10 ** 6
            label = np.minimum((np.cumsum(k, axis=1) <= u[:, None]).sum(axis=1), 9)
            counts += np.bincount(k[np.arange(m), label], minlength=10 ** 6 + 1)
            text = np.empty((m, 92), dtype=np.uint8)
            text[:, 0] = ord("0") + label
            for c in range(10):
                at = 1 + 9 * c
                text[:, at] = ord(",")
                text[:, at + 1] = ord("0")
                text[:, at + 2] = ord(".")
                for d in range(6):
                    text[:, at + 3 + d] = ord("0") + (k[:, c] // 10 ** (5 - d)) % 10
            text[:, 91] = ord("\n")
            out.write(text.tobytes())
            done += m
    np.save(DATA / ("csv-counts-%d.npy" % CSV_ROWS), counts)
    part.rename(decimal_csv())


def generate_pandas_csv():
    if PANDAS_ROWS <= 0 or pandas_csv().exists():
        return
    log("== CSV inputs: %d rows written by pandas' DataFrame.to_csv (%s)" % (PANDAS_ROWS, SKLEARN_PYTHON))
    part = pandas_csv().with_suffix(".part")
    subprocess.run([SKLEARN_PYTHON, str(HERE / "loss_peers.py"), "write-pandas", str(part),
                    str(PANDAS_ROWS), str(SEED)], check=True)
    part.rename(pandas_csv())


def csv_references():
    """The exact mean of −ln q_y over the decimal values in each file. The 6-decimal file: mpmath at
    160 bits over the counts of its distinct values (exact up to mpmath's rounding). The pandas file:
    every true-class field parsed into 80-bit long double (strtold, correctly rounded: 2^-64
    relative), logl, a pairwise sum; the mean of its first PANDAS_SAMPLE rows is checked against
    mpmath at 160 bits (the check, in ulps of that mean, is reported)."""
    path = DATA / "csv-reference.json"
    cached = json.loads(path.read_text()) if path.exists() else {}
    key = "decimal/%d" % CSV_ROWS
    if CSV_ROWS > 0 and key not in cached:
        counts = np.load(DATA / ("csv-counts-%d.npy" % CSV_ROWS))
        mpmath.mp.prec = 160
        total = mpmath.fsum(int(counts[k]) * (mpmath.log(10 ** 6) - mpmath.log(int(k)))
                            for k in np.nonzero(counts)[0])
        cached[key] = {"value": mpmath.nstr(total / CSV_ROWS, 40),
                       "source": "mpmath at 160 bits over the counts of the %d distinct values"
                       % len(np.nonzero(counts)[0]), "check": None}
    key = "pandas/%d" % PANDAS_ROWS
    if PANDAS_ROWS > 0 and key not in cached:
        t0 = time.time()
        texts = []
        with open(pandas_csv()) as f:
            header = f.readline().rstrip("\n").split(",")
            at = header.index("label")
            column = {name: i for i, name in enumerate(header)}
            for line in f:
                fields = line.rstrip("\n").split(",")
                texts.append(fields[column["c%d" % int(fields[at])]])
        q = np.array(texts, dtype=np.longdouble)
        mean = np.sum(-np.log(q)) / len(q)
        sample = min(PANDAS_SAMPLE, len(texts))
        mpmath.mp.prec = 160
        sample_mean = mpmath.fsum(-mpmath.log(mpmath.mpf(t)) for t in texts[:sample]) / sample
        check = ulps(np.sum(-np.log(q[:sample])) / sample, sample_mean)
        if check > 0.05:
            raise SystemExit("reference check failed for %s: long double and mpmath differ by %.3f ulp"
                             % (pandas_csv(), check))
        cached[key] = {"value": ld_str(mean), "check": check,
                       "source": "80-bit long double over every row (its first %d rows' mean agrees"
                       " with mpmath at 160 bits to %.4f ulp)" % (sample, check)}
        log("== reference of the pandas CSV (%.1f s)" % (time.time() - t0))
    path.write_text(json.dumps(cached, indent=1))
    return cached


def duckdb_jar():
    if not DUCKDB_CLASSPATH.exists():
        raise SystemExit("missing %s: run bench/compare (its build writes it)" % DUCKDB_CLASSPATH)
    return DUCKDB_CLASSPATH.read_text().strip()


def csv_file_runs(path, xent_extra):
    """Each tool on one file as a whole process, CSV_RUNS times, alternately, file in the page cache."""
    subprocess.run("cat '%s' > /dev/null" % path, shell=True, check=True)
    commands = {
        "xent": [JAVA, "-jar", str(CLI_JAR), "loss", str(path), "--json"] + xent_extra,
        # the command a user runs: the same jar through the launcher (its class-data archive, the
        # Vector API when the JVM has it); run once untimed below, so that it has built its archive
        "launcher": [str(ROOT / "xent"), "loss", str(path), "--json"] + xent_extra,
        "duckdb": [JAVA, "-cp", "%s%s%s" % (CLASSES, os.pathsep, duckdb_jar()),
                   "dev.xent.bench.DuckDbLogLoss", str(path), "10"],
        "pandas": [SKLEARN_PYTHON, str(HERE / "loss_peers.py"), "csv", str(path)],
    }
    runs = {tool: [] for tool in commands}
    timed(commands["launcher"])
    for i in range(CSV_RUNS):
        for tool, cmd in commands.items():
            wall, rss, out = timed(cmd)
            d = json.loads(out.splitlines()[0])
            runs[tool].append({"seconds": wall, "rss": rss, "value": d["value"], "out": d})
        log("== %s run %d: " % (path.name, i + 1) + ", ".join(
            "%s %.2f s %.0f MB" % (t, r[-1]["seconds"], r[-1]["rss"]) for t, r in runs.items()))
    shown = {tool: " ".join("FILE" if c == str(path) else os.path.relpath(c, ROOT)
                            if c.startswith(str(ROOT)) else c for c in cmd)
             for tool, cmd in commands.items()}
    shown["duckdb"] = ("java -cp bench/target/classes:duckdb_jdbc.jar dev.xent.bench.DuckDbLogLoss"
                       " FILE 10")
    shown["xent"] = shown["xent"].replace(JAVA + " ", "java ", 1)
    shown["launcher"] = "./" + shown["launcher"]  # relpath gave "xent loss FILE …"
    return {"rows": None, "bytes": path.stat().st_size, "commands": shown, "runs": runs}


def part_csv():
    DATA.mkdir(parents=True, exist_ok=True)
    generate_pandas_csv()
    generate_decimal_csv()
    refs = csv_references()
    started, before = now(), load_average()
    log("== load: " + before)
    files = {}
    if PANDAS_ROWS > 0:
        files["pandas"] = dict(csv_file_runs(pandas_csv(), []), rows=PANDAS_ROWS,
                               ref=refs["pandas/%d" % PANDAS_ROWS])
    if CSV_ROWS > 0:
        # no --row-tolerance: these rows sum to exactly 1 in decimal, so their doubles are within
        # the default tolerance (8·K·2^-52); a file rounded to 6 decimals elsewhere needs 5e-6
        files["decimal"] = dict(csv_file_runs(decimal_csv(), []), rows=CSV_ROWS,
                                ref=refs["decimal/%d" % CSV_ROWS])
    return {"started": started, "load_before": before, "load_after": load_average(),
            "runs_per_tool": CSV_RUNS, "files": files}


# ---------------------------------------------------------------- start-up
HELLO = """public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
"""


def javac():
    """The javac beside JAVA (the same JDK), else the one on the PATH."""
    java = shutil.which(JAVA) or JAVA
    beside = Path(os.path.realpath(java)).parent / "javac"
    return str(beside) if beside.exists() else "javac"


def part_startup():
    hello = OUT / "hello"
    hello.mkdir(parents=True, exist_ok=True)
    (hello / "Hello.java").write_text(HELLO)
    subprocess.run([javac(), "-d", str(hello), str(hello / "Hello.java")], check=True)
    python = sys.executable
    cases = [
        ("hello", "java -cp bench/target/compare/hello Hello",
         [JAVA, "-cp", str(hello), "Hello"]),
        ("jar", "java -jar cli/target/xent.jar entropy --p 0.1,0.4,0.5",
         [JAVA, "-jar", str(CLI_JAR), "entropy", "--p", "0.1,0.4,0.5"]),
        ("launcher", "./xent entropy --p 0.1,0.4,0.5",
         [str(ROOT / "xent"), "entropy", "--p", "0.1,0.4,0.5"]),
        ("python", "python3 -c \"import numpy, scipy.stats\"",
         [python, "-c", "import numpy, scipy.stats"]),
    ]
    outputs = {}
    for key, _, cmd in cases:
        # once each before timing: the launcher may build the jar or its start-up archive here
        outputs[key] = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    vector_module = "jdk.incubator.vector" in sh(JAVA + " --list-modules")
    started, before = now(), load_average()
    log("== load: " + before)
    export = OUT / "hyperfine.json"
    quote = lambda a: "'" + a.replace("'", "'\\''") + "'" if any(c in a for c in " \"'") else a
    cmd = ["hyperfine", "--shell=none", "--style", "basic", "--warmup", "3", "--runs", str(STARTUP_RUNS),
           "--export-json", str(export)]
    for key, _, c in cases:
        cmd += ["--command-name", key, " ".join(quote(a) for a in c)]
    log("== start-up: " + " ".join(cmd))
    with open(OUT / "hyperfine.log", "w") as logfile:
        subprocess.run(cmd, check=True, stdout=logfile, stderr=subprocess.STDOUT, cwd=str(ROOT))
    timings = {r["command"]: r for r in json.loads(export.read_text())["results"]}
    results = {}
    for key, shown, c in cases:
        r = timings[key]
        _, rss, _ = timed(c)
        results[key] = {"shown": shown, "median": r["median"], "mean": r["mean"], "stddev": r["stddev"],
                        "min": r["min"], "max": r["max"], "runs": len(r["times"]), "rss": rss,
                        "out": outputs[key]}
    return {"started": started, "load_before": before, "load_after": load_average(),
            "vector_module": vector_module, "cases": results}


# ---------------------------------------------------------------- the report
def exact(decimal):
    """A reference value read at full precision (mpmath's default of 53 bits would round it to a
    double and hide the error being measured)."""
    mpmath.mp.prec = 160
    return mpmath.mpf(decimal)


def fmt_ns(x):
    return "%.3g" % x if x < 100 else "%.0f" % x


def fmt_rows(n):
    return "{:,}".format(n)


def percent(excess):
    """An excess over a target (0.5 for 50 % over) as a percentage: whole percents from 1 % on, one
    decimal below, and "< 0.1 %" for less, so that a miss never reads "0 %"."""
    if excess >= 0.01:
        return "%.0f %%" % (100 * excess)
    if excess >= 0.001:
        return "%.1f %%" % (100 * excess)
    return "< 0.1 %"


def at_most(value, target, unit=""):
    """The verdict of a target 'value at most target'."""
    if value <= target:
        return "met"
    return "missed by %s%s" % (percent(value / target - 1), unit)


def at_least(speedup, target):
    """The verdict of a target 'speed-up at least target': by how much more time than it allows."""
    if speedup >= target:
        return "met"
    return "missed: %s more time than the target allows" % percent(target / speedup - 1)


def both(*verdicts):
    missed = [v for v in verdicts if v != "met"]
    return "met" if not missed else "; ".join(missed)


def machine():
    model = sh("lscpu | sed -n 's/^Model name:[ \\t]*//p'") or platform.processor()
    flags = sh("lscpu | grep -o -w -E 'avx512f|avx2' | sort -u | tr '\\n' ' '").strip()
    java = sh(JAVA + " -version 2>&1 | head -2 | tr '\\n' ' '").strip()
    return {"model": model, "flags": flags, "cores": sh("nproc"), "java": java,
            "kernel": platform.release(), "python": "Python %s, numpy %s, scipy %s, mpmath %s" % (
                platform.python_version(), np.__version__, scipy.__version__, mpmath.__version__)}


def loss_time(times, case, n):
    """xent's JMH time for a loss path: `vector`'s where the path takes a backend, else the path's own."""
    for b in ("vector", "-"):
        if (b, case, n) in times:
            return b, times[(b, case, n)]
    for (b, c, rows), t in sorted(times.items()):
        if c == case and rows == n and b.startswith("vector"):
            return b, t
    return None, None


def parts_line(R):
    done = [(p, R["parts"][p]) for p in PARTS if p in R["parts"]]
    return "; ".join("%s %s UTC, load %s → %s" % (p, d["started"], d["load_before"], d["load_after"])
                     for p, d in done)


def header_line(R):
    m = R["machine"]
    return ("`bench/compare` (%s settings) on %s, %s cores (%s), Linux %s; %s. Measured: %s (load"
            " average over 1, 5, 15 min; the machine has %s cores)."
            % ("full" if R.get("full") else "quick", m["model"], m["cores"], m["flags"], m["kernel"],
               m["java"], parts_line(R), m["cores"]))


class Row(tuple):
    """A row of the summary: its six columns, then where the short table puts it (a key of
    SHORT_TARGETS) and what it shows there (a name, a ratio or value)."""

    def __new__(cls, columns, group, name, value=None):
        row = super().__new__(cls, columns)
        row.group = group
        row.verdict = columns[5]
        row.short = (name, "not measured" if columns[5] == "not measured" else
                     columns[3] if value is None else value)
        return row


def summary_rows(R):
    rows = []
    parts = R["parts"]
    c = parts.get("csv")
    names = {"pandas": "as pandas' `to_csv` writes it", "decimal": "with 6 decimals"}
    for key in ("pandas", "decimal"):
        f = c["files"].get(key) if c else None
        job = "`xent loss`, a CSV %s" % names[key]
        if not f:
            rows.append(Row((job, "not measured", "", "", "", "not measured"), "csv time", SHORT_FILES[key]))
            continue
        job = "`xent loss`, %s rows × 10 %s (%.0f MB)" % (fmt_rows(f["rows"]), names[key], f["bytes"] / 1e6)
        x, d, p = f["runs"]["xent"], f["runs"]["duckdb"], f["runs"]["pandas"]
        xt, dt, pt = (min(r["seconds"] for r in runs) for runs in (x, d, p))
        xm, dm, pm = (max(r["rss"] for r in runs) for runs in (x, d, p))
        ref = exact(f["ref"]["value"])
        xe, de, pe = (ulps(runs[0]["value"], ref) for runs in (x, d, p))
        threads = d[0]["out"].get("threads")
        launcher = f["runs"].get("launcher")
        via = "; `./xent` %.2f s" % min(r["seconds"] for r in launcher) if launcher else ""
        name = SHORT_FILES[key]
        rows.append(Row((job + ": time", "%.2f s (%.2f–%.2f)%s" % (xt, xt, max(r["seconds"] for r in x), via),
                         "DuckDB %.2f s (%s threads); pandas + scikit-learn %.2f s" % (dt, threads, pt),
                         "%.2f× DuckDB's" % (xt / dt), "≤ %g× DuckDB's" % TARGET_CSV_VS_DUCKDB,
                         at_most(xt / dt, TARGET_CSV_VS_DUCKDB, " (more time)")), "csv time", name))
        rows.append(Row((job + ": peak memory", "%.0f MB" % xm, "DuckDB %.0f MB; pandas %.0f MB" % (dm, pm),
                         "%.2f× DuckDB's" % (xm / dm), "≤ %d MB" % TARGET_CSV_MB, at_most(xm, TARGET_CSV_MB)),
                        "csv memory", name, "%.0f MB" % xm))
        rows.append(Row((job + ": the mean's error", "%.2f ulp" % xe, "DuckDB %.2f ulp; pandas %.2f ulp" % (de, pe),
                         "", "≤ %g ulp of the exact mean" % TARGET_CSV_ULPS,
                         "met" if xe <= TARGET_CSV_ULPS else "missed: %.2f ulp" % xe), "csv error", name,
                        "%.2f ulp" % xe))
    lo = parts.get("loss")
    for case, title, data, code in LOSS_CASES:
        if code is None:
            continue
        if not lo:
            rows.append(Row((title, "not measured", "", "", "", "not measured"), "loss", SHORT_LOSS[case]))
            continue
        n = max(lo["binary_rows"] if data == "binary" else lo["sparse_rows"])
        times, numpy_r = unpack(lo["times"]), unpack(lo["numpy"])
        job = "%s, %s examples in memory" % (title, fmt_rows(n))
        backend, t = loss_time(times, case, n)
        npr = numpy_r.get((case, n))
        anchor = "numpy %s ns: `%s`" % (fmt_ns(npr["seconds"] * 1e9 / n), code) if npr else "not measured"
        if t is None or npr is None:
            rows.append(Row((job, "not measured", anchor, "", "≥ %g× numpy" % TARGET_LOSS_VS_NUMPY, "not measured"),
                            "loss", SHORT_LOSS[case]))
            continue
        speed = npr["seconds"] * 1e9 / t["ns"]
        who = ", `%s`" % backend if backend != "-" else ""
        rows.append(Row((job, per(t, n, "example") + who, anchor, "%.2f×" % speed,
                         "≥ %g× numpy" % TARGET_LOSS_VS_NUMPY, at_least(speed, TARGET_LOSS_VS_NUMPY)),
                        "loss", SHORT_LOSS[case]))
    me = parts.get("measures")
    if me:
        sizes = me["sizes"]
        big = [n for n in sizes if n >= 1_000_000] or [max(sizes)]
        times, times_1t, peer = unpack(me["times"]), unpack(me["times_1t"]), unpack(me["peer"])
        jvals = unpack(me["jvals"])
        for m in MEASURES:
            for n in big:
                ref = exact(me["refs"][str(n)]["values"][m])
                job = "%s, n = %s, `vector`" % (TITLES[m], fmt_rows(n))
                t, t1, npr = times.get(("vector", m, n)), times_1t.get(("vector", m, n)), peer.get(("numpy", m, n))
                anchor = "numpy %s ns: `%s`" % (fmt_ns(npr["seconds"] * 1e9 / n), npr["code"]) if npr else "–"
                if t is None or npr is None:
                    rows.append(Row((job, "not measured", anchor, "", "", "not measured"), "measures",
                                    "%s at %s" % (SYMBOLS[m], size_name(n))))
                    continue
                e = ulps(jvals[("vector", m, n)], ref)
                speed = npr["seconds"] * 1e9 / t["ns"]
                one = "1 thread %s ns%s, %.2f× numpy" % (fmt_ns(t1["ns"] / n), spread(t1, n),
                                                          npr["seconds"] * 1e9 / t1["ns"]) \
                    if t1 else "1 thread not measured"
                rows.append(Row((job, "%s on all cores, %.1f ulp; %s" % (per(t, n, "element"), e, one),
                                 anchor, "%.2f×" % speed,
                                 "≥ %g× numpy, ≤ %g ulp" % (TARGET_MEASURES_VS_NUMPY, TARGET_MEASURES_ULPS),
                                 both(at_least(speed, TARGET_MEASURES_VS_NUMPY),
                                      "met" if e <= TARGET_MEASURES_ULPS else "%.1f ulp" % e)),
                                "measures", "%s at %s" % (SYMBOLS[m], size_name(n))))
        default = me["default"]
        dvals = unpack(default["values"])
        for n in big:
            ref = exact(me["refs"][str(n)]["values"]["crossEntropy"])
            t, base = times.get(("default", "crossEntropy", n)), times.get(("Math.log loop", "mathLogLoop", n))
            job = "H(P,Q), n = %s, the default backend of a JVM without flags" % fmt_rows(n)
            if t is None or base is None:
                rows.append(Row((job, "not measured", "", "", "", "not measured"), "default",
                                "at " + size_name(n)))
                continue
            e = ulps(dvals[("crossEntropy", n)], ref)
            ratio = t["ns"] / base["ns"]
            rows.append(Row((job, "`%s`: %s, %.1f ulp" % (default["id"], per(t, n, "element"), e),
                             "bare `Σ p·Math.log(q)` loop %s ns" % fmt_ns(base["ns"] / n), "%.2f× the loop" % ratio,
                             "≤ %g× the loop, ≤ %g ulps" % (TARGET_DEFAULT_VS_LOG, TARGET_DEFAULT_ULPS),
                             both(at_most(ratio, TARGET_DEFAULT_VS_LOG),
                                  "met" if e <= TARGET_DEFAULT_ULPS else "%.1f ulp" % e)),
                            "default", "at " + size_name(n)))
    else:
        rows.append(Row(("The measures (`vector` against numpy; the default backend without flags)",
                         "not measured", "", "", "", "not measured"), "measures", ""))
    st = parts.get("startup")
    if st:
        cases = st["cases"]
        hello, py = cases["hello"], cases["python"]
        for key in ("jar", "launcher"):
            r = cases[key]
            ratio = r["median"] / hello["median"]
            rows.append(Row(("Start-up: `%s`" % r["shown"], "%.3f s (median of %d; min %.3f)"
                             % (r["median"], r["runs"], r["min"]),
                             "Java \"hello\" %.3f s; `import numpy, scipy.stats` %.2f s" % (hello["median"], py["median"]),
                             "%.2f× hello" % ratio, "≤ %g× hello" % TARGET_STARTUP_VS_HELLO,
                             at_most(ratio, TARGET_STARTUP_VS_HELLO)), "startup", r["shown"].split(" entropy")[0]))
        out = cases["launcher"]["out"]
        if st["vector_module"]:
            met = "[vector]" in out
            rows.append(Row(("`./xent` on the Vector API by default", "prints `%s`" % out, "", "",
                             "`[vector]` (this JVM has `jdk.incubator.vector`)", "met" if met else "missed"),
                            "vector", "", "prints `[vector]`" if met else "prints `%s`" % out))
    else:
        rows.append(Row(("Start-up of a single measure", "not measured", "", "", "", "not measured"),
                        "startup", ""))
    return rows


def summary_table(R):
    L = [header_line(R), "",
         "| job | xent | anchor | ratio | target | verdict |",
         "| --- | --- | --- | ---: | --- | --- |"]
    for row in summary_rows(R):
        L.append("| %s | %s | %s | %s | %s | **%s** |" % row)
    L += ["", "Every size, every peer and the analysis: [`bench/RESULTS.md`](%s)."]
    return L


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SHORT_TARGETS = {  # the short table's name of each target, one row each, in this order
    "csv time": "`xent loss` on both CSV files: time ≤ DuckDB's",
    "csv memory": "`xent loss` on both CSV files: peak memory ≤ %d MB" % TARGET_CSV_MB,
    "csv error": "`xent loss` on both CSV files: the mean within %g ulp of the exact mean" % TARGET_CSV_ULPS,
    "loss": "The loss layer's batch paths in memory: ≥ %g× numpy's one-liner" % TARGET_LOSS_VS_NUMPY,
    "measures": "H(P), H(P,Q), KL(P‖Q) with `vector`, n ≥ 10⁶: ≥ %g× numpy's one-liner, ≤ %g ulp"
                % (TARGET_MEASURES_VS_NUMPY, TARGET_MEASURES_ULPS),
    "default": "H(P,Q) with the default backend of a JVM without flags: ≤ %g× the bare `Math.log` loop,"
               " ≤ %g ulps" % (TARGET_DEFAULT_VS_LOG, TARGET_DEFAULT_ULPS),
    "startup": "Start-up of a single measure: ≤ %g× a Java \"hello\"" % TARGET_STARTUP_VS_HELLO,
    "vector": "`./xent` on the Vector API by default",
}
SHORT_FILES = {"pandas": "pandas' file", "decimal": "6-decimal file"}
SHORT_LOSS = {"binaryProbabilities": "binary", "binaryLogits": "binary from logits",
              "sparseProbabilities": "sparse", "sparseProbabilitiesRowMajor": "sparse row-major",
              "sparseLogits": "sparse from logits", "categoricalProbabilities": "categorical"}
SYMBOLS = {"entropy": "H(P)", "crossEntropy": "H(P,Q)", "klDivergence": "KL(P‖Q)"}


def size_name(n):
    """10⁶ for a power of ten, else the digits grouped."""
    digits = str(n)
    return "10" + str(len(digits) - 1).translate(SUPERSCRIPT) if digits.strip("0") == "1" else fmt_rows(n)


def short_rows(rows):
    """The summary's rows grouped by target: (target, what was measured, verdict), one per target."""
    groups = {}
    for row in rows:
        name, value = row.short
        groups.setdefault(row.group, []).append((name, value, row.verdict))
    out = []
    for group in sorted(groups, key=list(SHORT_TARGETS).index):
        items = groups[group]
        measured = "; ".join(("%s %s" % (name, value)).strip() for name, value, _ in items)
        met = [name or "it" for name, _, v in items if v == "met"]
        missed = [name or "it" for name, _, v in items if v != "met"]
        if not missed:
            verdict = "met"
        elif not met:
            verdict = "missed"
        else:
            verdict = "met: %s; missed: %s" % (", ".join(met), ", ".join(missed))
        out.append((SHORT_TARGETS[group], measured, verdict))
    return out


def short_table(R):
    """The README's form of the summary: one row per target."""
    L = [header_line(R), "",
         "| target | measured (ratio or value) | verdict |",
         "| --- | --- | --- |"]
    for row in short_rows(summary_rows(R)):
        L.append("| %s | %s | **%s** |" % row)
    L += ["", "Each row in full, with its times and anchors, and why a target is missed:"
              " [docs/performance.md](docs/performance.md); every figure: [`bench/RESULTS.md`](%s)."]
    return L


def measures_tables(me, verdicts):
    L = []
    sizes = me["sizes"]
    refs = me["refs"]
    jvals, peer = unpack(me["jvals"]), unpack(me["peer"])
    times, times_1t = unpack(me["times"]), unpack(me["times_1t"])
    default = me["default"]
    dvals = unpack(default["values"])
    L += ["## The measures (JMH) against numpy and scipy", "",
          "Settings: JMH `%s` with `-prof gc`, average time per call; `MeasuresBenchmark` forks with"
          " `--add-modules=jdk.incubator.vector -Xms1g -Xmx1g` (`vector` on every core; *1 thread*:"
          " the same with `%s`), `MathLogBaseline` and `DefaultBackendBenchmark` without"
          " `--add-modules` (`Backends.defaultBackend()` there: `%s`, %s). Peers: median of %d batches of"
          " ≥ 20 ms each. Inputs: P and Q with n entries uniform in (0, 1] divided by their sum (numpy"
          " PCG64, seed %d), the same binary files for Java and Python. `vector` on one thread returns"
          " the same bits as on every core: **%s**."
          % (me["jmh"], VECTOR_ONE_THREAD, default["id"], default["description"],
             21 if FULL else 7, SEED, "yes" if me["jvals_1t_identical"] else "no"), "",
          "*ns/element* = time per call ÷ n. *vs numpy* = numpy's time ÷ this time. *vs Math.log* ="
          " this time ÷ the bare `Σ p·Math.log(q)` loop's. *ulps* = |value − reference| ÷ ulp(reference);"
          " references: " + "; ".join("n = %s: %s%s" % (fmt_rows(n), refs[str(n)]["source"],
                                                       " (long double agrees to %.4f ulp)" % refs[str(n)]["check"]
                                                       if refs[str(n)]["check"] is not None else "")
                                     for n in sizes) +
          ". *B/op* = bytes allocated per call (JMH's gc profiler; what matters is that it does not grow"
          " with n).", ""]
    for m in MEASURES:
        L += ["### " + TITLES[m], "",
              "| n | implementation | ns/element | vs numpy | vs Math.log | ulps | B/op |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
        for n in sizes:
            ref = exact(refs[str(n)]["values"][m])
            numpy_s = peer[("numpy", m, n)]["seconds"]
            base = times.get(("Math.log loop", "mathLogLoop", n))
            rows = []
            for b in BACKENDS:
                t = times.get((b, m, n))
                if t:
                    rows.append(("xent `%s`" % b, t, ulps(jvals[(b, m, n)], ref)))
                if b == "vector" and times_1t.get((b, m, n)):
                    rows.append(("xent `vector`, 1 thread", times_1t[(b, m, n)], ulps(jvals[(b, m, n)], ref)))
            t = times.get(("default", m, n))
            if t:
                rows.append(("default backend without flags (`%s`)" % default["id"], t, ulps(dvals[(m, n)], ref)))
            for label, t, e in rows:
                L.append("| %s | %s | %s | %.2f | %s | %.1f | %s |" % (
                    fmt_rows(n), label, fmt_ns(t["ns"] / n), numpy_s / (t["ns"] * 1e-9),
                    "%.2f" % (t["ns"] / base["ns"]) if base else "–", e,
                    "%.0f" % t["alloc"] if t["alloc"] is not None else "–"))
            for name, code, _ in PEERS[m]:
                r = peer[(name, m, n)]
                L.append("| %s | %s `%s` | %s | %.2f | – | %.1f | – |" % (
                    fmt_rows(n), name, code, fmt_ns(r["seconds"] * 1e9 / n), numpy_s / r["seconds"],
                    ulps(r["value"], ref)))
            if base and m == "crossEntropy":
                L.append("| %s | bare `Σ p·Math.log(q)` loop (JMH, no flags) | %s | %.2f | 1.00 | – | %s |" % (
                    fmt_rows(n), fmt_ns(base["ns"] / n), numpy_s / (base["ns"] * 1e-9),
                    "%.0f" % base["alloc"] if base["alloc"] is not None else "–"))
        L.append("")
    return L


def loss_tables(lo, verdicts):
    refs, jv = lo["refs"], unpack(lo["jvals"])
    sk, numpy_r, times = unpack(lo["sklearn"]), unpack(lo["numpy"]), unpack(lo["times"])
    L = ["## The loss layer, in memory (JMH) against numpy's one-liners and `sklearn.metrics.log_loss`", "",
         "Settings: JMH `%s`. Each call builds an accumulator, adds every example and returns the sum"
         " (constant memory). numpy gets the same arrays (median of batches, as for the measures; logits"
         " computed in numpy as `LossData` computes them in Java; the one-hot targets T are the sparse"
         " labels), scikit-learn's `log_loss` too (median of %d calls; %s). *vs numpy* = numpy's time ÷"
         " this time. *ulps*: the error of the mean that the timed call returns (`dev.xent.bench.Values`"
         " makes the same call once more) against the 80-bit long double mean of the same doubles."
         " A JMH benchmark the jar does not have is *not measured*. *B/op* must not grow with the number"
         " of rows." % (lo["jmh"], 5 if FULL else 3, lo.get("sklearn_version", "")), "",
         "| case | rows | implementation | ns/example | vs numpy | ulps | B/op |",
         "| --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for case, title, data, code in LOSS_CASES:
        sizes = lo["binary_rows"] if data == "binary" else lo["sparse_rows"]
        for n in sizes:
            ref = refs.get("%s/%d" % (case, n))
            npr = numpy_r.get((case, n))
            found = sorted((b, t) for (b, c, rows), t in times.items() if c == case and rows == n)
            if not found:
                L.append("| %s | %s | xent | not measured | | | |" % (title, fmt_rows(n)))
            for b, t in found:
                v = jv.get((b, case, n))
                L.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                    title, fmt_rows(n), "xent `%s`" % b if b != "-" else "xent", fmt_ns(t["ns"] / n),
                    "%.2f" % (npr["seconds"] * 1e9 / t["ns"]) if npr else "–",
                    "%.1f" % ulps(v, ref) if ref is not None and v is not None else "–",
                    "%.0f" % t["alloc"] if t["alloc"] is not None else "–"))
            if npr:
                L.append("| %s | %s | numpy `%s` | %s | 1.00 | %s | – |" % (
                    title, fmt_rows(n), code, fmt_ns(npr["seconds"] * 1e9 / n),
                    "%.1f" % ulps(npr["value"], ref) if ref else "–"))
            skr = sk.get((case, n))
            if skr:
                L.append("| %s | %s | scikit-learn `%s` | %s | %s | %s | – |" % (
                    title, fmt_rows(n), skr["code"], fmt_ns(skr["seconds"] * 1e9 / n),
                    "%.2f" % (npr["seconds"] / skr["seconds"]) if npr else "–",
                    "%.1f" % ulps(skr["value"], ref) if ref else "–"))
        small, large = min(sizes), max(sizes)
        b, ts = loss_time(times, case, small)
        _, tl = loss_time(times, case, large)
        if ts and tl and ts["alloc"] is not None and tl["alloc"] is not None and large > small:
            # the growth per added example: an object per example would be at least 16 B; what JMH
            # allocates per iteration, spread over fewer calls at the larger size, is far below 1 B
            growth = (tl["alloc"] - ts["alloc"]) / (large - small)
            verdicts.append("- Loss path *%s*: %.0f B per call at %s rows, %.0f B at %s rows (%.4f B per"
                            " added example): **%s**" % (title, ts["alloc"], fmt_rows(small), tl["alloc"],
                                                          fmt_rows(large), growth,
                                                          "no allocation per example" if growth < 1
                                                          else "allocates per example"))
    known = {case for case, _, _, _ in LOSS_CASES}
    for (b, case, n), t in sorted(times.items()):
        if case not in known:   # a benchmark LossBenchmark gained after this script was written
            L.append("| `%s` | %s | %s | %s | – | – | %s |" % (
                case, fmt_rows(n), "xent `%s`" % b if b != "-" else "xent", fmt_ns(t["ns"] / n),
                "%.0f" % t["alloc"] if t["alloc"] is not None else "–"))
    L.append("")
    return L


def csv_tables(c):
    L = ["## `xent loss` on CSV files against DuckDB and `pandas.read_csv` + `log_loss`", "",
         "Each tool runs as a whole process (JVM or Python start-up included), %d times, the tools"
         " alternately, the file in the page cache (`./xent` once more before, untimed, so that it"
         " has built its class-data archive); *wall time* is the minimum and the maximum of the"
         " runs, *peak memory* the largest peak resident set (`wait4`'s `ru_maxrss`) of the runs. *ulps*:"
         " against the exact mean of the decimal values in the file." % c["runs_per_tool"], ""]
    names = {"pandas": "written by pandas' `DataFrame.to_csv(index=False)` from float64 probabilities"
                       " (shortest round-trip floats, up to 17 significant digits)",
             "decimal": "with 6 decimals that sum to exactly 1 in decimal, fixed width"}
    for key in ("pandas", "decimal"):
        f = c["files"].get(key)
        if not f:
            continue
        ref = exact(f["ref"]["value"])
        L += ["### %s rows × 10 classes %s (%.0f MB)" % (fmt_rows(f["rows"]), names[key], f["bytes"] / 1e6), "",
              "The exact mean: %s, %s." % (f["ref"]["source"], mpmath.nstr(ref, 20)), "",
              "| implementation | command | wall time (min–max) | rows per second | peak memory | mean | ulps |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for tool, label in (("xent", "xent `loss`"), ("launcher", "xent `loss` through `./xent`"),
                            ("duckdb", "DuckDB"), ("pandas", "pandas + scikit-learn")):
            if tool not in f["runs"]:
                continue  # results of a run before the launcher had its own row
            runs = f["runs"][tool]
            lo, hi = min(r["seconds"] for r in runs), max(r["seconds"] for r in runs)
            extra = ""
            if tool == "duckdb":
                extra = " (%s, %s threads)" % (runs[0]["out"].get("version"), runs[0]["out"].get("threads"))
            L.append("| %s%s | `%s` | %.2f–%.2f s | %s | %.0f MB | %r | %.2f |" % (
                label, extra, f["commands"][tool], lo, hi, "{:,.0f}".format(f["rows"] / lo),
                max(r["rss"] for r in runs), runs[0]["value"], ulps(runs[0]["value"], ref)))
        parts = [r["out"] for r in f["runs"]["pandas"]]
        L += ["", "pandas' time by parts (medians): imports %.2f s, `read_csv` %.2f s, `log_loss` %.2f s." % tuple(
            float(np.median([p[k] for p in parts])) for k in ("import", "read_csv", "log_loss")), ""]
    return L


def startup_table(st):
    cases = st["cases"]
    hello = cases["hello"]["median"]
    L = ["## Start-up", "",
         "`hyperfine --shell=none --warmup 3 --runs %d`, the four commands in one run (each also run"
         " once before, so that the launcher has built what it builds); peak memory from one more run"
         " (`wait4`)." % cases["hello"]["runs"], "",
         "| command | prints | median | min | max | σ | peak memory | vs hello |",
         "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key in ("hello", "jar", "launcher", "python"):
        r = cases[key]
        L.append("| `%s` | %s | %.3f s | %.3f s | %.3f s | %.3f s | %.0f MB | %.2f |" % (
            r["shown"], "`%s`" % r["out"] if r["out"] else "–", r["median"], r["min"], r["max"], r["stddev"], r["rss"],
            r["median"] / hello))
    L.append("")
    return L


def render(R):
    """RESULTS.md and the summary table, from the saved results."""
    m = R["machine"]
    L = ["# xent benchmarks: against numpy, scipy, scikit-learn, pandas and DuckDB", "",
         "Written by `bench/compare` (%s settings). **Machine:** %s, %s cores (%s), Linux %s. **JVM:** %s."
         " **Python** %s. **Parts:** %s (`uptime`'s load average over 1, 5 and 15 minutes, before → after;"
         " the machine has %s cores: a load above about 1 means other processes shared them and the"
         " times are inflated)." % ("full" if R.get("full") else "quick", m["model"], m["cores"], m["flags"],
                                    m["kernel"], m["java"], m["python"], parts_line(R), m["cores"]), "",
         "## Issue 13's targets", "",
         "| job | xent | anchor | ratio | target | verdict |",
         "| --- | --- | --- | ---: | --- | --- |"]
    for row in summary_rows(R):
        L.append("| %s | %s | %s | %s | %s | **%s** |" % row)
    L.append("")
    verdicts = []
    parts = R["parts"]
    if "measures" in parts:
        L += measures_tables(parts["measures"], verdicts)
    if "loss" in parts:
        L += loss_tables(parts["loss"], verdicts)
    if "csv" in parts:
        L += csv_tables(parts["csv"])
    if "startup" in parts:
        L += startup_table(parts["startup"])
    if verdicts:
        L += ["## Allocation", ""] + verdicts + [""]
    notes = HERE / "analysis.md"
    if notes.exists():
        L += [notes.read_text().rstrip(), ""]
    return "\n".join(L)


def write_summary(page, table):
    """Replaces what lies between the page's summary markers with the table."""
    text = page.read_text()
    begin = text.find(SUMMARY_BEGIN)
    end = text.find(SUMMARY_END)
    if begin < 0 or end < begin:
        log("== %s has no %s … %s markers: left alone" % (page, SUMMARY_BEGIN, SUMMARY_END))
        return
    start = text.index("\n", begin) + 1
    page.write_text(text[:start] + table + "\n" + text[end:])
    log("== wrote the summary into " + str(page))


def report(R):
    small = [p for p, d in R["parts"].items() if d.get("small")]
    results = render(R)
    L = summary_table(R)
    OUT.mkdir(parents=True, exist_ok=True)
    if small:
        (OUT / "RESULTS.md").write_text(results)
        (OUT / "summary.md").write_text("\n".join(L).replace("(%s)", "(RESULTS.md)") + "\n")
        log("== sizes below the defaults (%s): a test of the script, so the report went to %s and %s only"
            % (", ".join(small), OUT / "RESULTS.md", OUT / "summary.md"))
        return
    (HERE / "RESULTS.md").write_text(results)
    log("== wrote " + str(HERE / "RESULTS.md"))
    for page in SUMMARY_PAGES:
        link = os.path.relpath(HERE / "RESULTS.md", page.parent)
        table = short_table(R) if page == README else L
        write_summary(page, "\n".join(table).replace("(%s)", "(" + link + ")"))


# ---------------------------------------------------------------- main
def only():
    wanted = [p.strip() for p in os.environ.get("XENT_BENCH_ONLY", ",".join(PARTS)).split(",") if p.strip()]
    unknown = [p for p in wanted if p not in PARTS]
    if unknown:
        raise SystemExit("XENT_BENCH_ONLY: unknown part(s) %s; the parts are %s"
                         % (", ".join(unknown), ",".join(PARTS)))
    return wanted


def check_tools(wanted):
    for jar in (JAR, CLI_JAR):
        if not jar.exists():
            raise SystemExit("missing %s: run bench/compare (it builds the jars first)" % jar)
    if "startup" in wanted and not shutil.which("hyperfine"):
        raise SystemExit("the start-up part needs hyperfine (Debian: apt-get install hyperfine);"
                         " or leave it out with XENT_BENCH_ONLY")
    if "csv" in wanted or "loss" in wanted:
        probe = subprocess.run([SKLEARN_PYTHON, "-c", "import sklearn, pandas"], capture_output=True,
                               text=True) if os.path.exists(SKLEARN_PYTHON) else None
        if probe is None or probe.returncode != 0:
            raise SystemExit("bench/compare needs scikit-learn and pandas in %s (%s): on Debian,"
                             " apt-get install python3-sklearn python3-pandas; or set"
                             " XENT_BENCH_SKLEARN_PYTHON to a Python that has them"
                             % (SKLEARN_PYTHON, "not found" if probe is None
                                else probe.stderr.strip().splitlines()[-1]))


def main():
    args = sys.argv[1:]
    if args in (["--rerender"], ["--report"]):
        if not RESULTS_JSON.exists():
            raise SystemExit("no saved results in %s: run bench/compare first" % RESULTS_JSON)
        return report(json.loads(RESULTS_JSON.read_text()))
    if args:
        raise SystemExit("usage: bench/compare.py [--rerender]  (knobs: see bench/compare)")
    wanted = only()
    check_tools(wanted)
    OUT.mkdir(parents=True, exist_ok=True)
    saved = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    if saved.get("full", FULL) != FULL:
        saved = {}   # a quick part beside a full one would make one table of two settings
    R = {"machine": machine(), "full": FULL, "parts": saved.get("parts", {})}
    run = {"measures": part_measures, "loss": part_loss, "csv": part_csv, "startup": part_startup}
    t0 = time.time()
    for part in PARTS:
        if part in wanted:
            log("== part %s" % part)
            t = time.time()
            R["parts"][part] = dict(run[part](), small=small_sizes(part), seconds=time.time() - t)
            RESULTS_JSON.write_text(json.dumps(R, indent=1))
    log("== measured in %.0f s" % (time.time() - t0))
    report(R)


if __name__ == "__main__":
    sys.exit(main())
