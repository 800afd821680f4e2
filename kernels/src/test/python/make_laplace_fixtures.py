#!/usr/bin/env python3
"""Independent reference for the learners' Laplace update (kernels LaplaceReferenceTest).

For seeded logistic and softmax regression problems with a Gaussian prior N(m, diag(v)), the
posterior mode (MAP) is found with SciPy's trust-region optimiser on the negative log posterior
(analytic gradient and Hessian written here in NumPy, nothing shared with the Java code), and the
Laplace covariance is the inverse of the Hessian at the mode. A learner that takes all examples in
one batch must reproduce both.

The posterior's own mean and covariance (which assumed-density filtering approximates, and the
Laplace mode and curvature only approximate) are estimated by self-normalised importance sampling
with a multivariate Student-t proposal (5 degrees of freedom) centred at the mode with the Laplace
covariance, 400,000 seeded draws; the effective sample size is written beside them.

Run from the repository root:  python3 kernels/src/test/python/make_laplace_fixtures.py
It rewrites kernels/src/test/resources/learning/laplace-*.txt (SciPy 1.17.1, NumPy 2.4.6 made the
committed files).
"""
import pathlib

import numpy as np
import scipy
from scipy.optimize import minimize

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources/learning"


def softmax(a):
    a = a - a.max(axis=1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=1, keepdims=True)


def problem(name, kind, seed, n, d, classes, prior_mean, prior_variance, bias):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    if bias:
        X[:, -1] = 1.0
    K = 1 if kind == "logistic" else classes
    W_true = rng.normal(scale=1.5, size=(K, d))
    weights = np.where(rng.random(n) < 0.2, 2.0, 1.0)
    if kind == "logistic":
        p = 1 / (1 + np.exp(-X @ W_true[0]))
        y = (rng.random(n) < p).astype(float)
    else:
        P = softmax(X @ W_true.T)
        y = np.array([rng.choice(classes, p=row) for row in P], dtype=float)
    D = K * d
    m = np.full(D, prior_mean)
    v = np.full(D, prior_variance)

    def negative_log_posterior(w):
        prior = 0.5 * np.sum((w - m) ** 2 / v)
        if kind == "logistic":
            a = X @ w
            # log sigma(a) for y = 1, log sigma(-a) for y = 0
            s = np.where(y > 0.5, a, -a)
            return prior + np.sum(weights * np.logaddexp(0, -s))
        A = X @ w.reshape(K, d).T
        lse = np.logaddexp.reduce(A, axis=1)
        return prior - np.sum(weights * (A[np.arange(n), y.astype(int)] - lse))

    def gradient(w):
        g = (w - m) / v
        if kind == "logistic":
            p = 1 / (1 + np.exp(-(X @ w)))
            return g - X.T @ (weights * (y - p))
        P = softmax(X @ w.reshape(K, d).T)
        Y = np.eye(K)[y.astype(int)]
        return g - ((weights[:, None] * (Y - P)).T @ X).reshape(D)

    def hessian(w):
        H = np.diag(1 / v)
        if kind == "logistic":
            p = 1 / (1 + np.exp(-(X @ w)))
            return H + X.T @ ((weights * p * (1 - p))[:, None] * X)
        P = softmax(X @ w.reshape(K, d).T)
        for i in range(n):
            C = weights[i] * (np.diag(P[i]) - np.outer(P[i], P[i]))
            H += np.kron(C, np.outer(X[i], X[i]))
        return H

    result = minimize(negative_log_posterior, m.copy(), jac=gradient, hess=hessian, method="trust-exact",
                      options={"gtol": 1e-13, "maxiter": 500})
    assert result.success or np.max(np.abs(gradient(result.x))) < 1e-9, result.message
    mode = result.x
    covariance = np.linalg.inv(hessian(mode))
    covariance = 0.5 * (covariance + covariance.T)
    # the exact posterior moments by importance sampling (Student-t proposal around the mode)
    draws = 400_000
    nu = 5.0
    L = np.linalg.cholesky(covariance)
    z = rng.standard_normal(size=(draws, D))
    g = rng.chisquare(nu, size=draws) / nu
    samples = mode + (z @ L.T) / np.sqrt(g)[:, None]
    quad = np.sum(np.linalg.solve(L, (samples - mode).T) ** 2, axis=0)
    log_proposal = -0.5 * (nu + D) * np.log1p(quad / nu)
    log_target = np.array([-negative_log_posterior(w) for w in samples])
    log_weights = log_target - log_proposal
    weights_is = np.exp(log_weights - log_weights.max())
    weights_is /= weights_is.sum()
    ess = 1.0 / np.sum(weights_is ** 2)
    posterior_mean = weights_is @ samples
    centred = samples - posterior_mean
    posterior_covariance = (centred * weights_is[:, None]).T @ centred
    lines = [
        f"# {name}: {kind}, made by kernels/src/test/python/make_laplace_fixtures.py (SciPy {scipy.__version__}, NumPy {np.__version__})",
        f"# trust-exact: {result.nit} iterations, max |gradient| at the mode {np.max(np.abs(gradient(mode))):.3e}",
        f"kind {kind}",
        f"features {d}",
        f"classes {classes}",
        "prior_mean " + " ".join(repr(float(x)) for x in m),
        "prior_variance " + " ".join(repr(float(x)) for x in v),
        f"examples {n}",
    ]
    for i in range(n):
        lines.append(" ".join(repr(float(x)) for x in X[i]) + f" {int(y[i])} {float(weights[i])!r}")
    lines.append("mode " + " ".join(repr(float(x)) for x in mode))
    lines.append(f"covariance {D}")
    for row in covariance:
        lines.append(" ".join(repr(float(x)) for x in row))
    lines.append(f"# importance sampling: {draws} draws, effective sample size {ess:.0f}")
    lines.append("posterior_mean " + " ".join(repr(float(x)) for x in posterior_mean))
    lines.append(f"posterior_covariance {D}")
    for row in posterior_covariance:
        lines.append(" ".join(repr(float(x)) for x in row))
    (OUT / f"laplace-{name}.txt").write_text("\n".join(lines) + "\n")
    print(name, "mode", np.round(mode, 4))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    problem("logistic-many", "logistic", 11, n=200, d=5, classes=2, prior_mean=0.0, prior_variance=4.0, bias=True)
    problem("logistic-few", "logistic", 12, n=40, d=12, classes=2, prior_mean=0.3, prior_variance=1.0, bias=False)
    problem("softmax", "softmax", 13, n=300, d=4, classes=3, prior_mean=0.0, prior_variance=2.0, bias=True)
