#!/usr/bin/env python3
"""Writes gaussian-grid.csv: true values of the closed forms of dev.xent.continuous.Gaussian.

For P = N(mu1, s1^2) and Q = N(mu2, s2^2), with every input taken exactly as the double it is
(mpmath.mpf(float) is exact), at 80 significant digits (mpmath), each rounded to 25 digits:

    h     = 1/2 ln(2 pi e s1^2)
    ce    = 1/2 ln(2 pi s2^2) + (s1^2 + (mu1 - mu2)^2) / (2 s2^2)
    kl    = ln(s2 / s1) + (s1^2 + (mu1 - mu2)^2) / (2 s2^2) - 1/2
          = [ln(s2 / s1) + (s1^2 - s2^2) / (2 s2^2)] + (mu1 - mu2)^2 / (2 s2^2)

written in sigma^2, as the textbooks write them (Cover & Thomas ch. 8), not in the forms the Java
code uses. A value beyond the largest double is written 'inf'. The rows: a fixed grid of widths
from 1e-300 to 1e300 (with the defect case 1e-200 / 1e-199, widths next to the zero of h at
1/sqrt(2 pi e), ratios next to 1) against mean differences from 0 to 1e300, plus random
log-uniform cases from a fixed seed. Run: python3 gaussian_grid.py > gaussian-grid.csv
"""
import random
import mpmath as mp

mp.mp.dps = 80

def f(x):
    return repr(float(x))

def val(x):
    if x > mp.mpf('1.7976931348623157e308'):
        return 'inf'
    return mp.nstr(x, 25, strip_zeros=False, min_fixed=0, max_fixed=0) if x != 0 else '0'

def row(mu1, s1, mu2, s2):
    m1, v1, m2, v2 = (mp.mpf(x) for x in (mu1, s1, mu2, s2))
    quad = (v1 ** 2 + (m1 - m2) ** 2) / (2 * v2 ** 2)
    h = mp.log(2 * mp.pi * mp.e * v1 ** 2) / 2
    ce = mp.log(2 * mp.pi * v2 ** 2) / 2 + quad
    # the same KL, grouped so that a tiny (mu1 - mu2)^2/(2 s2^2) is not lost against 1/2 when s1 = s2
    kl = (mp.log(v2 / v1) + (v1 ** 2 - v2 ** 2) / (2 * v2 ** 2)) + (m1 - m2) ** 2 / (2 * v2 ** 2)
    return ','.join([repr(mu1), repr(s1), repr(mu2), repr(s2), val(h), val(ce), val(kl)])

widths = [1e-300, 1e-200, 1e-199, 1e-100, 1e-10, 0.1, 0.24197072451914337, 0.2419707245191434,
          0.3989422804014327, 0.5, 0.9, 1.0, 1.0 + 2.0 ** -30, 1.1, 2.0, 3.0, 1e10, 1e100, 1e199,
          1e200, 1e300]
pairs = [(1e-200, 1e-199), (1e-199, 1e-200), (1.0, 1.0 + 2.0 ** -30), (1.0, 1.0 + 2.0 ** -52),
         (3.0, 3.0000000001), (1e300, 1.0000001e300), (1e-300, 1.0000001e-300), (0.7, 1.3),
         (1.3, 0.7), (0.55, 1.0), (1.9, 1.0), (0.26, 1.0), (3.9, 1.0)]
print('mu1,sigma1,mu2,sigma2,entropy,cross_entropy,kl')
rows = []
for s1 in widths:
    for s2 in widths:
        for (m1, m2) in [(0.0, 0.0), (1.0, 0.0)]:
            rows.append((m1, s1, m2, s2))
for s1, s2 in pairs:
    for (m1, m2) in [(0.0, 0.0), (0.0, 1e-3 * s2), (5.0, 5.0 + 2 * s2), (-1e300, 1e300)]:
        rows.append((m1, s1, m2, s2))
for s in widths:
    for d in [1e-300, 1e-20, 1.0, 1e20, 1e150, 1e300]:
        rows.append((d, s, -d, s))
rnd = random.Random(20261202)
for _ in range(200):
    s1 = 10.0 ** rnd.uniform(-300, 300)
    s2 = s1 * 10.0 ** rnd.uniform(-3, 3) if rnd.random() < 0.5 else 10.0 ** rnd.uniform(-300, 300)
    m1 = rnd.uniform(-1, 1) * 10.0 ** rnd.uniform(-300, 300)
    m2 = m1 + rnd.uniform(-10, 10) * s2 if rnd.random() < 0.5 else rnd.uniform(-1, 1) * 10.0 ** rnd.uniform(-300, 300)
    rows.append((m1, s1, m2, s2))
for r in rows:
    print(row(*r))
