"""Independent reference values for dev.xent.loss.KlDivergenceEdgesTest and
dev.xent.loss.OptionsAndSummaryEdgesTest: exact values with mpmath at 50 digits, each taken on
the exact binary value of the double inputs (mp.mpf(float) is exact). Nothing here comes from
xent. Run: python3 loss/src/test/python/edges_reference.py
"""
import mpmath as mp

mp.mp.dps = 50
# float(mpf) does not round to nearest in every mpmath version: go through 30 decimal digits
F = lambda x: repr(float(mp.nstr(mp.mpf(x), 30)))


def kl(t, q):
    """KL(t||q) = sum t ln(t/q), 0 ln(0/q) = 0, on the exact values of the doubles."""
    return mp.fsum(mp.mpf(a) * mp.log(mp.mpf(a) / mp.mpf(b)) for a, b in zip(t, q) if a != 0)


# |r| = |t - q|/q = 1/16 < 0.1: the series branch of the non-negative KL term
print("kl [0.53125, 0.46875] || [0.5, 0.5]", F(kl([0.53125, 0.46875], [0.5, 0.5])))
# rows that are exact distributions in binary (sums exactly 1), a tiny divergence
d = 12345 * 2.0 ** -52
t, q = [0.25, 0.75], [0.25 + d, 0.75 - d]
assert mp.mpf(q[0]) + mp.mpf(q[1]) == 1 and q[0] - 0.25 == d
print("kl close dyadic rows", F(kl(t, q)))
# the ratio t/q overflows a double: q = 2^-1074, KL = 1074 ln 2
print("kl [1, 0] || [2^-1074, 1]", F(kl([1.0, 0.0], [2.0 ** -1074, 1.0])))
print("-ln 1e-7", F(-mp.log(mp.mpf(1e-7))))
print("kl [0.25, 0.75] || [0.5, 0.5]", F(kl([0.25, 0.75], [0.5, 0.5])))
# binary log loss of label 0 from ln p: -ln(1 - e^lp)
for lp in (-1e-20, -50.0):
    print("label 0, ln p =", lp, F(-mp.log(1 - mp.exp(mp.mpf(lp)))))
# e^-100 rounded to a double lies above e^-100, so -ln of it is just below 100 (not clamped)
p = 3.720075976020836e-44
print("100 - (-ln p) for p = 3.720075976020836e-44:", mp.nstr(100 + mp.log(mp.mpf(p)), 5))
# the exact sum of the doubles 0.48, 0.42, 0.1, and the double nearest to it
s = mp.mpf(0.48) + mp.mpf(0.42) + mp.mpf(0.1)
print("0.48 + 0.42 + 0.1 exactly:", mp.nstr(s, 25), "nearest double", F(s))
# a weighted mean whose effective weights are subnormal: 1e-300 * 1e-10 and 1e-300 * 3e-10,
# losses ln 2 (label 0, logits [0, 0]) and ln(1 + e^-1) (label 1, logits [0, 1])
w0, w1 = mp.mpf(1e-300) * mp.mpf(1e-10), mp.mpf(1e-300) * mp.mpf(3e-10)
l0, l1 = mp.log(2), mp.log(1 + mp.exp(-1))
print("subnormal effective weights mean", F((w0 * l0 + w1 * l1) / (w0 + w1)))
# three classes, labels 0 and 1 only, uniform logits over three: mean ln 3, baseline ln 2
print("ln 3", F(mp.log(3)), "ln 2", F(mp.log(2)))
# KlDivergenceLoss's non-negative form sum (t ln(t/q') - t + q') with q' clipped to [1e-7, 1 - 1e-7]:
# t = (1, 0, 0), q = (0, 1/2, 1/2), q' = (1e-7, 1/2, 1/2): -ln 1e-7 plus the clipping's shift 1e-7
t, qc = [1.0, 0.0, 0.0], [1e-7, 0.5, 0.5]
print("non-negative form, clipped", F(kl(t, qc) - mp.fsum(map(mp.mpf, t)) + mp.fsum(map(mp.mpf, qc))))
print("0.5 ln(4/3)", F(mp.log(mp.mpf(4) / 3) / 2), "ln(5/3)", F(mp.log(mp.mpf(5) / 3)))
print("-ln(1 - 1e-7)", F(-mp.log(1 - mp.mpf(1e-7))), "50 + ln(2)/2", F(50 + mp.log(2) / 2))
