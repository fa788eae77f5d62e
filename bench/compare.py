#!/usr/bin/env python3
"""The work of bench/compare (run that script, which builds the jar first).

1. Inputs: P and Q of n entries for every n, from a fixed seed (numpy PCG64, seed 20261124): uniform
   entries in (0, 1] divided by their sum. Written once to bench/target/compare/data as p-N.f64 /
   q-N.f64 (raw little-endian doubles, what Java reads) and, for n <= 10^6, p-q-N.csv. The loss
   datasets (binary-*.f64, sparse-*.{i32,f64}; see generate_loss) and a CSV of XENT_BENCH_CSV_ROWS
   rows (default 10^7; 0 skips the CSV case) for `xent loss`.
2. References: H(P), H(P,Q) and KL(P||Q) of those exact doubles with mpmath at 160 bits for
   n <= 10^6, and with numpy's 80-bit long double (64-bit significand, logl, error about 2^-64
   relative, i.e. ~0.001 ulp of a double per term) for every n; where both exist the script checks
   that they agree to 0.05 ulp, and uses mpmath. n = 10^7 uses the long-double value (mpmath would take
   minutes). Mean losses in long double; the CSV's exact mean with mpmath. Cached in data/*.json.
3. Values of every xent backend (java ... dev.xent.bench.Values) and of the peers; error in ulps of
   the reference value: |value - reference| / ulp(reference).
4. Times: JMH (average time per call, -prof gc for allocation) for the backends, the bare Math.log
   loop and the loss paths; the numpy/scipy peers with time.perf_counter, median of repeated calls;
   scikit-learn and pandas (bench/loss_peers.py, run by XENT_BENCH_SKLEARN_PYTHON, default
   /usr/bin/python3 with Debian's python3-sklearn and python3-pandas); `xent loss` and
   pandas.read_csv + log_loss on the CSV, and xent's start-up, as whole processes (wall time and
   peak memory).
5. bench/RESULTS.md, and bench/target/compare/summary.md for the README.
"""
import datetime
import json
import os
import platform
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
SEED = 20261124
SIZES = [int(s) for s in os.environ.get("XENT_BENCH_SIZES", "10 1000 1000000 10000000").split()]
FULL = os.environ.get("XENT_BENCH_FULL", "") == "1"
JAVA = os.environ.get("JAVA", "java")
MPMATH_MAX_N = 1_000_000
CSV_MAX_N = 1_000_000
BACKENDS = ["naive", "kl", "commons", "vector"]
CLI_JAR = ROOT / "cli" / "target" / "xent.jar"
LOSS_BINARY_ROWS = [1000, 10_000_000]
LOSS_SPARSE_ROWS = [1000, 1_000_000]
CSV_ROWS = int(os.environ.get("XENT_BENCH_CSV_ROWS", "10000000"))
SKLEARN_PYTHON = os.environ.get("XENT_BENCH_SKLEARN_PYTHON", "/usr/bin/python3")
LOSS_CASES = [("binaryProbabilities", "Binary cross-entropy from probabilities", LOSS_BINARY_ROWS),
              ("binaryLogits", "Binary cross-entropy from logits", LOSS_BINARY_ROWS),
              ("sparseProbabilities", "Sparse categorical cross-entropy (10 classes) from probabilities",
               LOSS_SPARSE_ROWS),
              ("sparseLogits", "Sparse categorical cross-entropy (10 classes) from logits",
               LOSS_SPARSE_ROWS),
              ("sparseParallelCollector", "The same, on a parallel stream through the collector"
               " (`vector`; partial accumulators merged)", LOSS_SPARSE_ROWS)]
MEASURES = ["entropy", "crossEntropy", "klDivergence"]
TITLES = {"entropy": "Entropy H(P)", "crossEntropy": "Cross-entropy H(P,Q)",
          "klDivergence": "KL divergence KL(P‖Q)"}


def log(msg):
    print(msg, flush=True)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


# ---------------------------------------------------------------- 1. inputs
def generate():
    DATA.mkdir(parents=True, exist_ok=True)
    meta = DATA / "meta.json"
    want = {"seed": SEED, "recipe": "PCG64 seeded [seed, n]; 1 - uniform in (0,1], /sum; p then q"}
    if not meta.exists() or json.loads(meta.read_text()) != want:
        for old in DATA.iterdir():
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


# ---------------------------------------------------------------- 2. references
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


def ref_value(refs, n, m):
    mpmath.mp.prec = 160
    return mpmath.mpf(refs[str(n)]["values"][m])


# ---------------------------------------------------------------- 3. values
def java_values():
    env = dict(os.environ, XENT_BENCH_DATA=str(DATA))
    cmd = [JAVA, "--add-modules", "jdk.incubator.vector", "-cp", str(JAR), "dev.xent.bench.Values"]
    out = subprocess.run(cmd + [str(n) for n in SIZES], env=env, capture_output=True, text=True,
                         check=True).stdout
    values = {}
    for line in out.splitlines():
        b, m, n, v = line.split(",")
        values[(b, m, int(n))] = float(v)
    return values


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


def time_peer(f, p, q):
    """Median seconds per call: batches of at least ~20 ms, 7 batches (21 with XENT_BENCH_FULL)."""
    f(p, q)
    t0 = time.perf_counter()
    f(p, q)
    once = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(0.02 / once))
    samples = []
    for _ in range(21 if FULL else 7):
        t0 = time.perf_counter()
        for _ in range(number):
            f(p, q)
        samples.append((time.perf_counter() - t0) / number)
    return float(np.median(samples))


def peers():
    results = {}
    for n in SIZES:
        p, q = load(n)
        for m in MEASURES:
            for name, code, f in PEERS[m]:
                results[(name, m, n)] = {"value": float(f(p, q)), "seconds": time_peer(f, p, q),
                                         "code": code}
        log("== peers n=%d done" % n)
    return results


# ---------------------------------------------------------------- 4. JMH
def jmh():
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
    result = OUT / "jmh.json"
    cmd = [JAVA, "-jar", str(JAR), "dev.xent.bench.*", "-p", "n=" + ",".join(map(str, SIZES)),
           "-prof", "gc", "-rf", "json", "-rff", str(result)] + args + extra
    log("== JMH: " + " ".join(cmd))
    env = dict(os.environ, XENT_BENCH_DATA=str(DATA))
    with open(OUT / "jmh.log", "w") as logfile:
        subprocess.run(cmd, env=env, check=True, stdout=logfile, stderr=subprocess.STDOUT)
    times = {}
    for r in json.loads(result.read_text()):
        bench = r["benchmark"].rsplit(".", 1)[1]
        params = r.get("params", {})
        if "LossBenchmark" in r["benchmark"]:
            n = int(params.get("binaryRows") or params["sparseRows"])
            backend = params.get("backend", "-")
        else:
            n = int(params["n"])
            backend = params.get("backend", "Math.log loop")
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        times[(backend, bench, n)] = {"ns": r["primaryMetric"]["score"],
                                      "error": r["primaryMetric"].get("scoreError"),
                                      "alloc": alloc}
    return times, " ".join(args + extra)


# ---------------------------------------------------------------- 6. the loss layer
def generate_loss():
    """The loss datasets (same recipe as dev.xent.bench.LossData's fallback, numpy's generator):
    binary: p uniform in [0.001, 0.999), y = 1 with probability p; sparse: rows of 10 uniform in
    (0, 1] divided by their sum, the label drawn from the row. And the CSV of CSV_ROWS rows: a label
    and 10 probabilities with 6 decimals that sum to exactly 1 in decimal (integers of 10^-6, each at
    least 1), written as fixed-width text."""
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
    if CSV_ROWS > 0 and not csv_file().exists():
        log("== loss inputs: CSV, %d rows (label + 10 probabilities, 6 decimals)" % CSV_ROWS)
        rng = np.random.default_rng([SEED, 3, CSV_ROWS])
        counts = np.zeros(10 ** 6 + 1, dtype=np.int64)   # how often each k/10^6 is the true class's
        part = csv_file().with_suffix(".part")
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
        part.rename(csv_file())


def csv_file():
    return DATA / ("loss-%d.csv" % CSV_ROWS)


def loss_references():
    """Mean losses in 80-bit long double (logl, log1pl; pairwise sums): about 0.01 ulp of a double."""
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
    key = "csv/%d" % CSV_ROWS
    if CSV_ROWS > 0 and key not in cached:
        counts = np.load(DATA / ("csv-counts-%d.npy" % CSV_ROWS))
        ks = np.nonzero(counts)[0]
        mpmath.mp.prec = 160
        total = mpmath.fsum(int(counts[k]) * (mpmath.log(10 ** 6) - mpmath.log(int(k))) for k in ks)
        cached[key] = mpmath.nstr(total / CSV_ROWS, 40)
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


def csv_case():
    """xent loss and pandas.read_csv + log_loss on the same CSV file, each as a whole process."""
    if CSV_ROWS <= 0:
        return None
    path = csv_file()
    subprocess.run("cat '%s' > /dev/null" % path, shell=True, check=True)   # into the page cache
    xent_cmd = [JAVA, "-jar", str(CLI_JAR), "loss", str(path), "--json"]
    pandas_cmd = [SKLEARN_PYTHON, str(HERE / "loss_peers.py"), "csv", str(path)]
    runs = {"xent": [], "pandas": []}
    for i in range(5 if FULL else 3):
        wall, rss, out = timed(xent_cmd)
        runs["xent"].append({"seconds": wall, "rss": rss, "value": json.loads(out)["value"]})
        wall, rss, out = timed(pandas_cmd)
        d = json.loads(out)
        runs["pandas"].append({"seconds": wall, "rss": rss, "value": d["value"], "parts": d})
        log("== CSV run %d: xent %.2f s %.0f MB, pandas + sklearn %.2f s %.0f MB"
            % (i + 1, runs["xent"][-1]["seconds"], runs["xent"][-1]["rss"],
               runs["pandas"][-1]["seconds"], runs["pandas"][-1]["rss"]))
    return {"rows": CSV_ROWS, "bytes": path.stat().st_size, "xent_cmd": "java -jar cli/target/xent.jar"
            " loss FILE --json", "runs": runs}


def startup():
    """A single measure through the packaged command: median wall time and peak memory of 11 runs."""
    cmd = [JAVA, "-jar", str(CLI_JAR), "entropy", "--p", "0.1,0.4,0.5"]
    timed(cmd)
    runs = [timed(cmd) for _ in range(11)]
    return {"cmd": "java -jar cli/target/xent.jar entropy --p 0.1,0.4,0.5",
            "seconds": float(np.median([r[0] for r in runs])), "rss": max(r[1] for r in runs),
            "out": runs[0][2].strip()}

# ---------------------------------------------------------------- 5. report
def fmt_ns(x):
    return "%.3g" % x if x < 100 else "%.0f" % x


def machine():
    model = sh("lscpu | sed -n 's/^Model name:[ \\t]*//p'") or platform.processor()
    flags = sh("lscpu | grep -o -w -E 'avx512f|avx2' | sort -u | tr '\\n' ' '")
    cores = sh("nproc")
    java = sh(JAVA + " -version 2>&1 | head -2 | tr '\\n' ' '")
    return model, flags, cores, java


def report(refs, jvals, peer, times, jmh_args, load_before, load_after, started, elapsed, loss):
    model, flags, cores, java = machine()
    L = []
    L.append("# xent benchmarks: every backend against numpy, scipy, scikit-learn and pandas")
    L.append("")
    L.append("Written by `bench/compare` on %s (UTC), in %.0f s. **Machine:** %s, %s cores (%s), "
             "Linux %s. **JVM:** %s. **Python** %s, numpy %s, scipy %s, mpmath %s."
             % (started, elapsed, model, cores, flags.strip(), platform.release(), java.strip(),
                platform.python_version(), np.__version__, scipy.__version__, mpmath.__version__))
    L.append("")
    L.append("**Load:** `uptime` before: `%s`; after: `%s`. The machine has %s cores; a load above"
             " about 1 means other processes shared them and the times are inflated (most for the"
             " slowest, longest-running cases)." % (load_before, load_after, cores))
    L.append("")
    L.append("**Settings:** JMH `%s` with `-prof gc` (%s), average time per call, forks get"
             " `--add-modules=jdk.incubator.vector -Xms1g -Xmx1g`; peers: median of %d batches of"
             " ≥ 20 ms each. Inputs: P and Q with n entries uniform in (0, 1] divided by their sum,"
             " numpy PCG64 seed %d, the same binary files for Java and Python (see"
             " `bench/compare.py`)." % (jmh_args, "full run" if FULL else
                                       "quick run; `XENT_BENCH_FULL=1` for the long one",
                                       21 if FULL else 7, SEED))
    L.append("")
    L.append("**Columns:** *ns/element* = time per call ÷ n. *vs numpy* = numpy's time ÷ this"
             " time (above 1: faster than numpy's one-liner for the same measure). *vs Math.log* ="
             " this time ÷ the bare `Σ p·Math.log(q)` loop's (Java only; the scalar backends' target"
             " is ≤ 1.3). *ulps* = |value − reference| ÷ ulp(reference); references: mpmath at 160"
             " bits for n ≤ 10⁶, 80-bit long double for n = 10⁷ (checked against mpmath to"
             " ≤ 0.05 ulp where both exist). *B/op* = bytes allocated per call (JMH gc profiler;"
             " a few hundred bytes per call at large n are JMH's own, spread over few calls; what"
             " matters is that it does not grow with n).")
    L.append("")
    L.append("**References:** " + "; ".join(
        "n = %s: %s%s" % ("{:,}".format(n), refs[str(n)]["source"],
                          " (long double agrees to %.4f ulp)" % refs[str(n)]["check"]
                          if refs[str(n)]["check"] is not None else "")
        for n in SIZES) + ".")
    L.append("")
    verdicts = []
    for m in MEASURES:
        L.append("## " + TITLES[m])
        L.append("")
        L.append("| n | implementation | ns/element | vs numpy | vs Math.log | ulps | B/op |")
        L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for n in SIZES:
            ref = ref_value(refs, n, m)
            numpy_s = peer[("numpy", m, n)]["seconds"]
            base = times.get(("Math.log loop", "mathLogLoop", n))
            rows = []
            for b in BACKENDS:
                t = times.get((b, m, n))
                if t is None:
                    continue
                sec = t["ns"] * 1e-9
                vs_log = "%.2f" % (t["ns"] / base["ns"]) if base else "–"
                alloc = "%.0f" % t["alloc"] if t["alloc"] is not None else "–"
                e = ulps(jvals[(b, m, n)], ref)
                rows.append(("xent `%s`" % b, sec, vs_log, e, alloc))
            for name, code, _ in PEERS[m]:
                r = peer[(name, m, n)]
                rows.append(("%s `%s`" % (name, code), r["seconds"], "–", ulps(r["value"], ref), "–"))
            if base and m == "crossEntropy":
                rows.append(("bare `Σ p·Math.log(q)` loop (JMH)", base["ns"] * 1e-9, "1.00", None,
                             "%.0f" % base["alloc"] if base["alloc"] is not None else "–"))
            for name, sec, vs_log, e, alloc in rows:
                L.append("| %s | %s | %s | %.2f | %s | %s | %s |"
                         % ("{:,}".format(n), name, fmt_ns(sec * 1e9 / n), numpy_s / sec, vs_log,
                            "%.1f" % e if e is not None else "–", alloc))
            # targets
            v = times.get(("vector", m, n))
            if v and n == 1_000_000 and m in ("crossEntropy", "klDivergence"):
                speed = numpy_s / (v["ns"] * 1e-9)
                e = ulps(jvals[("vector", m, n)], ref)
                ok = speed >= 1.25 and e <= 2.0
                how = "met"
                if not ok:
                    how = "missed"
                    if speed < 1.25:
                        how += ": %.0f %% more time than the target allows" % (100 * (1.25 / speed - 1))
                    if e > 2.0:
                        how += "; error above 2 ulps"
                verdicts.append("- `vector` %s at n = 10⁶: %.2f× numpy's speed (target ≥ 1.25×), %.1f"
                                " ulps (target ≤ 2): **%s**" % (TITLES[m], speed, e, how))
            if base and n >= 1_000_000:
                for b in ("naive", "kl", "commons"):
                    t = times.get((b, m, n))
                    if t:
                        ratio = t["ns"] / base["ns"]
                        verdicts.append("- `%s` %s at n = %s: %.2f× the Math.log loop (target ≤ 1.3):"
                                        " **%s**" % (b, TITLES[m], "{:,}".format(n), ratio,
                                                     "met" if ratio <= 1.3 else "missed by %.0f %%"
                                                     % (100 * (ratio / 1.3 - 1))))
        L.append("")
    if loss:
        L.extend(loss_report(loss, times, verdicts))
    L.append("## Targets of issue 6 (this run)")
    L.append("")
    L.extend(verdicts)
    L.append("")
    notes = HERE / "analysis.md"
    if notes.exists():
        L.append(notes.read_text().rstrip())
        L.append("")
    (HERE / "RESULTS.md").write_text("\n".join(L))
    summary(refs, jvals, peer, times, started, model, cores, java, load_before, loss)


def loss_report(loss, times, verdicts):
    """The loss layer's tables (JMH against scikit-learn in memory; the CSV job; start-up)."""
    refs, jv, sk = loss["refs"], loss["jvals"], loss["sklearn"]
    L = ["## The loss layer, in memory (JMH) against `sklearn.metrics.log_loss`", "",
         "Each call builds an accumulator, adds every example and returns the sum (constant memory);"
         " scikit-learn's `log_loss` gets the same arrays (median of %d calls, %s). *vs sklearn* ="
         " sklearn's time ÷ this time. *ulps*: the mean's error against the 80-bit long double mean"
         " of the same doubles (`logl`/`log1pl` per term). Logit rows compute from z = ln(p/(1 − p))"
         " or ln q, rounded in Java, so they have no reference here (the verification kit checks"
         " them against its oracle). *B/op* must not grow with the number of rows."
         % (5 if FULL else 3, loss.get("sklearn_version", "")), "",
         "| case | rows | implementation | ns/example | vs sklearn | ulps | B/op |",
         "| --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for case, title, sizes in LOSS_CASES:
        for n in sizes:
            skr = sk.get((case, n))
            backends = BACKENDS if case.endswith("Probabilities") else ["-"]
            for b in backends:
                t = times.get((b, case, n))
                if t is None:
                    continue
                sec = t["ns"] * 1e-9
                ref = refs.get("%s/%d" % (case, n))
                v = jv.get((b, case, n))
                e = "%.1f" % ulps(v, ref) if ref is not None and v is not None else "–"
                who = ("xent `%s`" % b) if b != "-" else "xent"
                L.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                    title, "{:,}".format(n), who, fmt_ns(sec * 1e9 / n),
                    "%.1f" % (skr["seconds"] / sec) if skr else "–", e,
                    "%.0f" % t["alloc"] if t["alloc"] is not None else "–"))
            if skr:
                ref = refs.get("%s/%d" % (case, n))
                L.append("| %s | %s | scikit-learn `%s` | %s | 1.0 | %s | – |" % (
                    title, "{:,}".format(n), skr["code"], fmt_ns(skr["seconds"] * 1e9 / n),
                    "%.1f" % ulps(skr["value"], ref) if ref else "–"))
            big = max(sizes)
            if n == big:
                small = times.get(("vector" if case.endswith("Probabilities") else "-", case, min(sizes)))
                large = times.get(("vector" if case.endswith("Probabilities") else "-", case, big))
                if small and large and small["alloc"] is not None and large["alloc"] is not None:
                    verdicts.append("- Loss path *%s*: %.0f B per call at %s rows, %.0f B at %s rows"
                                    " (%.4f B per example): **%s**" % (
                                        title, small["alloc"], "{:,}".format(min(sizes)),
                                        large["alloc"], "{:,}".format(big), large["alloc"] / big,
                                        "no allocation per example" if large["alloc"] / big < 0.01
                                        else "allocates per example"))
    L.append("")
    c = loss.get("csv")
    if c:
        xs, ps = c["runs"]["xent"], c["runs"]["pandas"]
        med = lambda runs, k: float(np.median([r[k] for r in runs]))
        ref = refs.get("csv/%d" % c["rows"])
        xt, pt = med(xs, "seconds"), med(ps, "seconds")
        xm, pm = max(r["rss"] for r in xs), max(r["rss"] for r in ps)
        L.append("## `xent loss` on a CSV file against `pandas.read_csv` + `log_loss`")
        L.append("")
        L.append("The file: %s rows, a label column (the class index) and 10 probability columns"
                 " with 6 decimals that sum to exactly 1 (%.0f MB). Each tool runs as a whole process"
                 " (JVM or Python start-up and imports included), %d times alternately, file in the"
                 " page cache; median wall time, and the largest peak resident memory (`wait4`"
                 " `ru_maxrss`). xent: `%s` (default JVM options, the vector API off, as `./xent`"
                 " runs it). pandas: `bench/loss_peers.py csv FILE` — `pd.read_csv(FILE)`, then"
                 " `log_loss(label, classes, labels=range(10))`. *ulps*: against the exact mean of"
                 " the decimal values (mpmath)."
                 % ("{:,}".format(c["rows"]), c["bytes"] / 1e6, len(xs), c["xent_cmd"]))
        L.append("")
        L.append("| implementation | wall time | rows per second | peak memory | mean | ulps |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: |")
        L.append("| xent `loss` | %.2f s | %s | %.0f MB | %r | %s |" % (
            xt, "{:,.0f}".format(c["rows"] / xt), xm, xs[0]["value"],
            "%.1f" % ulps(xs[0]["value"], ref) if ref else "–"))
        L.append("| pandas + scikit-learn | %.2f s | %s | %.0f MB | %r | %s |" % (
            pt, "{:,.0f}".format(c["rows"] / pt), pm, ps[0]["value"],
            "%.1f" % ulps(ps[0]["value"], ref) if ref else "–"))
        L.append("")
        L.append("pandas' time by parts (medians): imports %.2f s, `read_csv` %.2f s, `log_loss`"
                 " %.2f s." % tuple(float(np.median([r["parts"][k] for r in ps]))
                                     for k in ("import", "read_csv", "log_loss")))
        L.append("")
        speed = pt / xt
        ok = speed >= 2.0 and xm < 256
        how = "met" if ok else "missed"
        if speed < 2.0:
            how += ": %.0f %% more time than the target allows" % (100 * (2.0 / speed - 1))
        if xm >= 256:
            how += "; peak memory above 256 MB"
        verdicts.append("- `xent loss` on %s rows: %.2f× as fast as pandas + scikit-learn (target ≥ 2×),"
                        " peak memory %.0f MB (target < 256 MB): **%s**"
                        % ("{:,}".format(c["rows"]), speed, xm, how))
    st = loss.get("startup")
    if st:
        L.append("## Start-up")
        L.append("")
        L.append("`%s` (prints `%s`): median %.3f s of 11 runs, peak memory %.0f MB."
                 % (st["cmd"], st["out"], st["seconds"], st["rss"]))
        L.append("")
        verdicts.append("- Start-up for a single measure: %.3f s (target < 0.5 s): **%s**"
                        % (st["seconds"], "met" if st["seconds"] < 0.5 else "missed"))
    return L


def summary(refs, jvals, peer, times, started, model, cores, java, load_before, loss=None):
    """The README's short table: n = 10^6 (or the largest size up to it), ns/element and ulps."""
    n = max([x for x in SIZES if x <= 1_000_000] or SIZES)
    names = [("xent `%s`" % b, ("java", b)) for b in BACKENDS]
    names += [("numpy", ("py", "numpy")), ("scipy.stats.entropy", ("py", "scipy.stats.entropy")),
              ("scipy.special.rel_entr / entr", ("py", None))]
    L = ["Latest run of `bench/compare` (%s settings): %s UTC; %s, %s cores; %s; load average"
         " before the run %s. n = %s, time per element and error in ulps against mpmath:"
         % ("full" if FULL else "quick", started, model, cores, java.strip(),
            load_before.split("load average:")[-1].strip(), "{:,}".format(n)), "",
         "| implementation | H(P) | H(P,Q) | KL(P‖Q) |", "| --- | ---: | ---: | ---: |"]
    for label, (kind, key) in names:
        cells = []
        for m in MEASURES:
            ref = ref_value(refs, n, m)
            if kind == "java":
                t = times.get((key, m, n))
                cell = "%.2f ns, %.1f ulp" % (t["ns"] / n, ulps(jvals[(key, m, n)], ref)) if t else "–"
            else:
                k = key or {"entropy": "scipy.special.entr", "klDivergence": "scipy.special.rel_entr"
                            }.get(m)
                r = peer.get((k, m, n)) if k else None
                cell = "%.2f ns, %.1f ulp" % (r["seconds"] * 1e9 / n, ulps(r["value"], ref)) if r else "–"
            cells.append(cell)
        L.append("| %s | %s |" % (label, " | ".join(cells)))
    base = times.get(("Math.log loop", "mathLogLoop", n))
    if base:
        L.append("| bare `Σ p·Math.log(q)` loop | | %.2f ns | |" % (base["ns"] / n))
    if loss:
        L.extend(["", "The loss layer (JMH, in memory; time per example and the mean's error in ulps):", "",
                  "| implementation | binary, 10⁷ examples | sparse, 10⁶ × 10 classes |",
                  "| --- | ---: | ---: |"])
        b, sp = max(LOSS_BINARY_ROWS), max(LOSS_SPARSE_ROWS)
        for backend in BACKENDS:
            cells = []
            for case, rows in (("binaryProbabilities", b), ("sparseProbabilities", sp)):
                t = times.get((backend, case, rows))
                v = loss["jvals"].get((backend, case, rows))
                ref = loss["refs"].get("%s/%d" % (case, rows))
                cells.append("%.1f ns, %.1f ulp" % (t["ns"] / rows, ulps(v, ref)) if t and v is not None
                             and ref else "–")
            L.append("| xent `%s` | %s |" % (backend, " | ".join(cells)))
        cells = []
        for case, rows in (("binaryLogits", b), ("sparseLogits", sp)):
            t = times.get(("-", case, rows))
            cells.append("%.1f ns" % (t["ns"] / rows) if t else "–")
        L.append("| xent, from logits | %s |" % " | ".join(cells))
        t = times.get(("-", "sparseParallelCollector", sp))
        L.append("| xent `vector`, parallel stream (collector) | | %s |"
                 % ("%.1f ns" % (t["ns"] / sp) if t else "–"))
        cells = []
        for case, rows in (("binaryProbabilities", b), ("sparseProbabilities", sp)):
            r = loss["sklearn"].get((case, rows))
            ref = loss["refs"].get("%s/%d" % (case, rows))
            cells.append("%.1f ns, %.1f ulp" % (r["seconds"] * 1e9 / rows, ulps(r["value"], ref))
                         if r else "–")
        L.append("| scikit-learn `log_loss` | %s |" % " | ".join(cells))
        c = loss.get("csv")
        if c:
            xs, ps = c["runs"]["xent"], c["runs"]["pandas"]
            xt = float(np.median([r["seconds"] for r in xs]))
            pt = float(np.median([r["seconds"] for r in ps]))
            L.extend(["", "A %s-row CSV (label + 10 probabilities, %.0f MB), whole processes: `xent loss`"
                      " %.2f s and %.0f MB peak; `pandas.read_csv` + `log_loss` %.2f s and %.0f MB"
                      " (%.1f× the time)." % ("{:,}".format(c["rows"]), c["bytes"] / 1e6, xt,
                                                max(r["rss"] for r in xs), pt,
                                                max(r["rss"] for r in ps), pt / xt)])
        st = loss.get("startup")
        if st:
            L.extend(["", "Start-up, `%s`: median %.2f s, %.0f MB peak." % (st["cmd"], st["seconds"],
                                                                              st["rss"])])
    (OUT / "summary.md").write_text("\n".join(L) + "\n")
    log("== wrote " + str(HERE / "RESULTS.md"))


def save(path, refs, jvals, peer, times, jmh_args, load_before, load_after, started, elapsed, loss):
    packed = None
    if loss:
        packed = dict(loss, jvals=[[list(k), v] for k, v in loss["jvals"].items()],
                      sklearn=[[list(k), v] for k, v in loss["sklearn"].items()])
    path.write_text(json.dumps({
        "loss": packed,
        "jvals": [[list(k), v] for k, v in jvals.items()],
        "peer": [[list(k), v] for k, v in peer.items()],
        "times": [[list(k), v] for k, v in times.items()],
        "jmh_args": jmh_args, "load_before": load_before, "load_after": load_after,
        "started": started, "elapsed": elapsed, "full": FULL, "sizes": SIZES}, indent=1))


def rerender(path):
    """bench/compare.py --report: rewrites RESULTS.md from the last run's measurements (e.g. after
    editing bench/analysis.md), without measuring again."""
    global FULL, SIZES
    d = json.loads(path.read_text())
    FULL = d["full"]
    SIZES = d["sizes"]
    refs = json.loads((DATA / "reference.json").read_text())
    unpack = lambda rows: {tuple(k): v for k, v in rows}
    loss = d.get("loss")
    if loss:
        loss = dict(loss, jvals=unpack(loss["jvals"]), sklearn=unpack(loss["sklearn"]))
    report(refs, unpack(d["jvals"]), unpack(d["peer"]), unpack(d["times"]), d["jmh_args"],
           d["load_before"], d["load_after"], d["started"], d["elapsed"], loss)


def main():
    if sys.argv[1:] == ["--report"]:
        return rerender(OUT / "results.json")
    for jar in (JAR, CLI_JAR):
        if not jar.exists():
            raise SystemExit("missing %s: run bench/compare (it builds the jars first)" % jar)
    probe = subprocess.run([SKLEARN_PYTHON, "-c", "import sklearn, pandas"], capture_output=True,
                           text=True) if os.path.exists(SKLEARN_PYTHON) else None
    if probe is None or probe.returncode != 0:
        raise SystemExit("bench/compare needs scikit-learn and pandas in %s (%s): on Debian,"
                         " apt-get install python3-sklearn python3-pandas; or set"
                         " XENT_BENCH_SKLEARN_PYTHON to a Python that has them"
                         % (SKLEARN_PYTHON, "not found" if probe is None
                            else probe.stderr.strip().splitlines()[-1]))
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    t0 = time.time()
    OUT.mkdir(parents=True, exist_ok=True)
    generate()
    generate_loss()
    refs = references()
    loss = {"refs": loss_references()}
    log("== values of the xent backends")
    jvals = java_values()
    loss["jvals"] = java_loss_values()
    load_before = sh("uptime")
    log("== load: " + load_before)
    peer = peers()
    log("== scikit-learn log_loss in memory (%s)" % SKLEARN_PYTHON)
    loss["sklearn"] = sklearn_memory()
    loss["sklearn_version"] = subprocess.run(
        [SKLEARN_PYTHON, "-c", "import sys, sklearn, pandas, numpy; print('Python %d.%d, scikit-learn %s,"
         " pandas %s, numpy %s' % (sys.version_info[0], sys.version_info[1], sklearn.__version__,"
         " pandas.__version__, numpy.__version__))"], capture_output=True, text=True).stdout.strip()
    times, jmh_args = jmh()
    log("== xent loss against pandas + scikit-learn on the CSV")
    loss["csv"] = csv_case()
    log("== start-up")
    loss["startup"] = startup()
    load_after = sh("uptime")
    log("== load: " + load_after)
    elapsed = time.time() - t0
    save(OUT / "results.json", refs, jvals, peer, times, jmh_args, load_before, load_after, started,
         elapsed, loss)
    report(refs, jvals, peer, times, jmh_args, load_before, load_after, started, elapsed, loss)


if __name__ == "__main__":
    sys.exit(main())
