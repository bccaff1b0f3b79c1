# A damped random walk (Ornstein-Uhlenbeck) observed at unit steps, as a light curve might be:
# parameters log_tau (relaxation time) and log_sigma (long-run spread); 50..150 steps per curve.
import numpy as np
rng = np.random.default_rng(1)

def curve(log_tau, log_sigma, steps):
    a = np.exp(-1 / np.exp(log_tau))
    y = np.empty(steps)
    y[0] = np.exp(log_sigma) * rng.standard_normal()
    for t in range(1, steps):
        y[t] = a * y[t - 1] + np.exp(log_sigma) * np.sqrt(1 - a * a) * rng.standard_normal()
    return y + 0.1 * rng.standard_normal(steps)   # measurement noise

with open("curves.csv", "w") as f:                 # training simulations, long form
    f.write("curve,log_tau,log_sigma,flux\n")
    for i in range(3000):
        lt, ls = rng.uniform(0, 3), rng.uniform(-1, 1)
        for v in curve(lt, ls, rng.integers(50, 151)):
            f.write(f"{i},{lt:.5f},{ls:.5f},{v:.5f}\n")
with open("observed.csv", "w") as f:               # two curves to analyse (true: 1.5, 0.2 and 2.5, -0.5)
    f.write("curve,flux\n")
    for i, (lt, ls, n) in enumerate([(1.5, 0.2, 120), (2.5, -0.5, 60)]):
        for v in curve(lt, ls, n):
            f.write(f"{i},{v:.5f}\n")
