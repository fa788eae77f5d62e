"""Independent reference values for dev.xent.loss.PeersTest (and docs/losses.md).

No torch, keras or scikit-learn here: each peer's *documented formula* is written out with
numpy (float64, as the peers compute in float64 when given float64 input) and the exact
values with mpmath at 50 digits. Run: python3 loss/src/test/python/peers_reference.py

Formulas, as the peers document them:
- Keras 3.x keras.losses.KLDivergence: "loss = y_true * log(y_true / y_pred)", with
  y_true = ops.clip(y_true, epsilon, 1), y_pred = ops.clip(y_pred, epsilon, 1), epsilon = 1e-7,
  summed over the last axis; reduction "sum_over_batch_size" (sum / batch size).
  Docs example: y_true = [[0, 1], [0, 0]], y_pred = [[0.6, 0.4], [0.4, 0.6]] -> 0.458.
- Keras 3.x categorical_crossentropy on probabilities: output / sum(output, axis=-1), then
  clip(output, 1e-7, 1 - 1e-7), then -sum(target * log(output)).
  sparse_categorical_crossentropy: log(clip(output, 1e-7, 1 - 1e-7)) through log_softmax.
- PyTorch 2.x torch.nn.KLDivLoss: L(y_pred, y_true) = y_true * (log y_true - y_pred) pointwise
  (0 where y_true = 0); log_target=True: exp(y_true) * (y_true - y_pred). reduction 'batchmean'
  = sum / batch size, 'sum', 'mean' = mean over all elements.
- PyTorch 2.x torch.nn.BCELoss: l = -w [y log x + (1 - y) log(1 - x)], "BCELoss clamps its log
  function outputs to be greater than or equal to -100".
- scikit-learn < 1.2 log_loss: y_pred = clip(y_pred, eps, 1 - eps), eps = 1e-15; then
  y_pred /= y_pred.sum(axis=1)[:, np.newaxis]; mean of -log of the true class's column.
- scikit-learn >= 1.5 d2_log_loss_score: 1 - log_loss(y_true, y_pred) / log_loss(y_true,
  y_null), y_null the (weighted) class proportions of y_true (user guide, "D2 log loss score":
  examples 0.0, 0.981..., -0.552...).
"""
import numpy as np
import mpmath as mp

mp.mp.dps = 50
# float(mpf) does not round to nearest in every mpmath version: go through 30 decimal digits
F = lambda x: repr(float(mp.nstr(mp.mpf(x), 30)))


def keras_kl(t, q):
    t = np.clip(np.asarray(t, float), 1e-7, 1)
    q = np.clip(np.asarray(q, float), 1e-7, 1)
    return np.sum(t * np.log(t / q), axis=-1)


print("keras KLDivergence docs example per row", [F(v) for v in keras_kl([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])])
print("keras KLDivergence docs example mean", F(np.mean(keras_kl([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]))))


def mp_kl(t, q):
    return sum(mp.mpf(a) * mp.log(mp.mpf(a) / mp.mpf(b)) for a, b in zip(t, q) if a != 0)


T = [[0.25, 0.25, 0.5], [0.1, 0.6, 0.3], [0.5, 0.5, 0.0]]
Q = [[0.5, 0.25, 0.25], [0.2, 0.5, 0.3], [0.25, 0.5, 0.25]]
rows = [mp_kl(t, q) for t, q in zip(T, Q)]
print("exact KL rows", [F(r) for r in rows], "mean", F(sum(rows) / 3))
W = [1.0, 2.0, 0.5]
print("exact KL weighted mean", F(sum(w * r for w, r in zip(W, rows)) / sum(W)))

# close rows with exactly representable sums: q = t + (+d, -d)
d = mp.mpf(2) ** -30
t = [mp.mpf("0.5"), mp.mpf("0.5")]
q = [mp.mpf("0.5") + d, mp.mpf("0.5") - d]
print("close rows KL", mp.nstr(mp_kl(t, q), 20), F(mp_kl(t, q)))
naive = float(sum(0.5 * np.log(0.5 / float(b)) for b in q))
print("close rows KL, naive float64 sum of t*log(t/q)", repr(naive))

# PyTorch KLDivLoss on log-probabilities (input = log_softmax of logits)
Z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
logq = Z - np.log(np.sum(np.exp(Z), axis=1, keepdims=True))
TT = np.array([[0.2, 0.3, 0.5], [0.0, 0.25, 0.75]])
with np.errstate(divide="ignore", invalid="ignore"):
    pw = np.where(TT > 0, TT * (np.log(np.where(TT > 0, TT, 1)) - logq), 0.0)
print("torch pointwise sum", F(pw.sum()), "batchmean", F(pw.sum() / 2), "mean", F(pw.mean()),
      "rows", [F(v) for v in pw.sum(axis=1)])
# exact for the same numbers, via mpmath (softmax of Z)
def mp_row(z, tt):
    zs = [mp.mpf(v) for v in z]
    ls = mp.log(sum(mp.e ** v for v in zs))
    return sum(mp.mpf(a) * (mp.log(mp.mpf(a)) - (v - ls)) for a, v in zip(tt, zs) if a != 0)
ex = [mp_row(z, tt) for z, tt in zip(Z.tolist(), TT.tolist())]
print("exact (mpmath) rows", [F(v) for v in ex], "sum", F(sum(ex)), "mean over elements", F(sum(ex) / 6))
# log_target=True with a target row that is not normalised (PyTorch does not check)
LT = np.log(np.array([[0.2, 0.3, 0.6]]))
pw2 = np.exp(LT) * (LT - logq[:1])
print("torch log_target unnormalised row", F(pw2.sum()))
ex2 = sum(mp.mpf(a) * (mp.log(mp.mpf(a)) - (mp.mpf(v) - mp.log(sum(mp.e ** mp.mpf(u) for u in Z[0])))) for a, v in zip([0.2, 0.3, 0.6], Z[0]))
print("  exact", F(ex2))

# PyTorch BCELoss with the -100 clamp
def bce(y, x):
    with np.errstate(divide="ignore"):
        return -(y * np.maximum(np.log(x), -100) + (1 - y) * np.maximum(np.log1p(-x), -100))
print("torch BCELoss", [F(bce(y, x)) for y, x in [(1.0, 0.0), (0.0, 1.0), (1.0, 1e-50), (1.0, 0.5), (0.3, 0.0)]])

# Keras categorical (divide, then clip) and sparse (clip, then log_softmax) on unnormalised rows
def keras_cat(t, q):
    q = np.asarray(q, float); q = q / q.sum(axis=-1, keepdims=True)
    q = np.clip(q, 1e-7, 1 - 1e-7)
    return -np.sum(np.asarray(t) * np.log(q), axis=-1)
def keras_sparse(y, q):
    lq = np.log(np.clip(np.asarray(q, float), 1e-7, 1 - 1e-7))
    ls = lq - np.log(np.sum(np.exp(lq)))
    return -ls[y]
print("keras categorical [0,0,1] vs [0.2,0.2,0.4]", F(keras_cat([0, 0, 1], [0.2, 0.2, 0.4])))
print("keras categorical [1,0,0] vs [0,0.5,0.3]", F(keras_cat([1, 0, 0], [0.0, 0.5, 0.3])))
print("keras sparse 0 vs [0,0.5,0.3]", F(keras_sparse(0, [0.0, 0.5, 0.3])))
print("  exact -ln(1e-7/(0.8+1e-7))", F(-mp.log(mp.mpf("1e-7") / (mp.mpf("0.8") + mp.mpf("1e-7")))))
print("  exact keras cat: -ln(1e-7)", F(-mp.log(mp.mpf("1e-7"))))

# scikit-learn < 1.2: clip at 1e-15, then divide by the row sum
def sk_legacy(y, q):
    q = np.clip(np.asarray(q, float), 1e-15, 1 - 1e-15)
    q = q / q.sum(axis=1)[:, np.newaxis]
    return np.mean([-np.log(q[i, yi]) for i, yi in enumerate(y)])
print("sklearn<1.2 [2,0] vs [[0.2,0.2,0.4],[0,0.5,0.3]]", F(sk_legacy([2, 0], [[0.2, 0.2, 0.4], [0.0, 0.5, 0.3]])))
print("  exact", F((mp.log(2) - mp.log(mp.mpf("1e-15") / (mp.mpf("0.8") + mp.mpf("1e-15")))) / 2))

# D2 (scikit-learn >= 1.5), the user guide's three examples, labels sorted: 1, 2, 3
def d2(y, P, w=None):
    y = np.asarray(y); P = np.asarray(P, float)
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    labels = np.unique(y)
    idx = np.searchsorted(labels, y)
    ll = np.sum(w * -np.log(P[np.arange(len(y)), idx])) / w.sum()
    prior = np.array([w[idx == k].sum() for k in range(len(labels))]) / w.sum()
    base = np.sum(w * -np.log(prior[idx])) / w.sum()
    return 1 - ll / base, base
print("d2 ex1", [F(v) for v in d2([1, 1, 2, 3], [[0.5, 0.25, 0.25]] * 4)])
print("d2 ex2", [F(v) for v in d2([1, 2, 3], [[0.98, 0.01, 0.01], [0.01, 0.98, 0.01], [0.01, 0.01, 0.98]])])
print("d2 ex3", [F(v) for v in d2([1, 2, 3], [[0.1, 0.6, 0.3], [0.1, 0.6, 0.3], [0.4, 0.5, 0.1]])])
print("d2 ex3 weighted [0.2,0.3,0.5]", [F(v) for v in d2([1, 2, 3], [[0.1, 0.6, 0.3], [0.1, 0.6, 0.3], [0.4, 0.5, 0.1]], [0.2, 0.3, 0.5])])
# exact versions
m2 = -(3 * mp.log(mp.mpf("0.98"))) / 3
print("  d2 ex2 exact", F(1 - m2 / mp.log(3)))
m3 = -(mp.log(mp.mpf("0.1")) + mp.log(mp.mpf("0.6")) + mp.log(mp.mpf("0.1"))) / 3
print("  d2 ex3 exact", F(1 - m3 / mp.log(3)))

# the tutorial's dataset: priors 1/2, baseline ln 2
y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
p = ["0.8", "0.9", "0.9", "0.6", "0.8", "0.1", "0.4", "0.2", "0.1", "0.3"]
# the file holds decimals; xent reads them as doubles: the exact mean of the doubles' losses
mean = sum(-mp.log(mp.mpf(float(pi))) if yi else -mp.log(1 - mp.mpf(float(pi))) for yi, pi in zip(y, p)) / 10
print("tutorial d2 to 25 digits", mp.nstr(1 - mean / mp.log(2), 25), "(nearly half-way between two doubles)")
print("tutorial mean", F(mean), "d2", F(1 - mean / mp.log(2)), "perplexity", F(mp.e ** mean),
      "bits", F(mean / mp.log(2)), "baseline ln 2", F(mp.log(2)))
# spam.csv: labels spam, ham, ham, spam; baseline ln 2
ms = (-mp.log(mp.mpf("0.9")) - mp.log(mp.mpf("0.9")) - mp.log(mp.mpf("0.8")) - mp.log(mp.mpf("0.65"))) / 4
print("spam mean", F(ms), "d2", F(1 - ms / mp.log(2)), "perplexity", F(mp.e ** ms), "bits", F(ms / mp.log(2)))
# uneven priors 3:1 (a dominant class), baseline = -(3/4 ln 3/4 + 1/4 ln 1/4)
print("baseline 3:1", F(-(mp.mpf(3) / 4 * mp.log(mp.mpf(3) / 4) + mp.mpf(1) / 4 * mp.log(mp.mpf(1) / 4))))
# a dominant class: weights 1e6 : 1
W1, W2 = mp.mpf(10) ** 6, mp.mpf(1)
p1, p2 = W1 / (W1 + W2), W2 / (W1 + W2)
print("baseline 1e6:1", F(-(p1 * mp.log(p1) + p2 * mp.log(p2))))

# the transcripts of docs/losses.md and docs/cli.md (examples/rows.csv and examples/miss.csv)
def summary(name, lls, labels):
    n = len(lls); mean = sum(lls) / n
    ks = sorted(set(labels)); pri = [mp.mpf(labels.count(k)) / n for k in ks]
    base = -sum(p * mp.log(p) for p in pri)
    print(name, "mean", F(mean), "perplexity", F(mp.e ** mean), "bits", F(mean / mp.log(2)),
          "d2", F(1 - mean / base), "baseline", F(base))
half = mp.mpf("0.5")
# xent loss streams class labels: Keras' *sparse* order (clip, then log_softmax)
summary("rows.csv --profile keras", [-mp.log(mp.mpf("0.4") / mp.mpf("0.8")),
        -mp.log(mp.mpf("1e-7") / (mp.mpf("0.8") + mp.mpf("1e-7")))], ["c", "a"])
summary("rows.csv --profile sklearn-legacy", [-mp.log(mp.mpf("0.4") / mp.mpf("0.8")),
        -mp.log(mp.mpf("1e-15") / (mp.mpf("0.8") + mp.mpf("1e-15")))], ["c", "a"])
summary("miss.csv --profile pytorch", [-mp.log(mp.mpf("0.9")), -mp.log(mp.mpf("0.8")), mp.mpf(100)], [1, 0, 1])
summary("miss.csv --profile keras", [-mp.log(mp.mpf("0.9")), -mp.log(mp.mpf("0.8")), -mp.log(mp.mpf("1e-7"))], [1, 0, 1])
print("rows.csv sklearn-legacy class a", F(-mp.log(mp.mpf("1e-15") / (mp.mpf(0.8) + mp.mpf("1e-15")))))
