"""The lecture's char-RNN recipe (Karpathy's min-char-rnn) in plain NumPy: the reference the C# `charrnn` sample is
measured against (issue 13: >= 10x its iterations/s, the whole training step included).

Same recipe as samples/NlpSymbolic.Samples/CharRnn (SequentialTrainer): hidden 100, chunks of 25 characters with the
hidden state carried across chunks (reset at iteration 0 and at the end of the text), weights N(0, 0.01^2), biases 0,
each gradient entry clipped to [-5, 5], AdaGrad with learning rate 0.1 and eps 1e-8 under the square root, smoothed
loss 0.999 s + 0.001 loss. The step is min-char-rnn's own, one-hot inputs multiplied by Wxh included.

    /usr/bin/python3 tests/NlpSymbolic.Benchmarks/numpy/min_char_rnn.py [--data PATH] [--iterations N]

Prints NumPy's version and BLAS, then iterations/s over the timed iterations (after a short warm-up), by wall time
and by this process's CPU time (the fairer figure when other jobs share the machine); sampling is not timed (the C# figure is the trainer's Step time, which does not include sampling either).
"""
import argparse
import gzip
import os
import platform
import sys
import time

import numpy as np


def read_text(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.read()


def default_data():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", "..", ".."))
    big = os.path.normpath(os.path.join(repo, "..", "shared", "data", "norvig-big", "big.txt"))
    if os.path.exists(big):
        return big
    return os.path.join(repo, "samples", "NlpSymbolic.Samples", "data", "tinyshakespeare", "input.txt.gz")


def blas_name():
    try:
        from numpy.__config__ import CONFIG  # NumPy >= 1.25
        return str(CONFIG["Build Dependencies"]["blas"].get("name"))
    except Exception:
        pass
    try:
        info = np.__config__.get_info("blas_opt_info")
        libraries = info.get("libraries", [])
        # Debian's plain "blas" is the reference (netlib) BLAS unless an alternative (OpenBLAS, BLIS) is selected.
        target = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
        return f"{','.join(libraries)} -> {target}"
    except Exception as e:  # pragma: no cover
        return f"unknown ({e})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=default_data())
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--seq-length", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data = read_text(args.data)
    chars = sorted(set(data))
    vocab_size = len(chars)
    index = {ch: i for i, ch in enumerate(chars)}
    ids = np.array([index[ch] for ch in data], dtype=np.int64)

    hidden_size, seq_length, learning_rate = args.hidden, args.seq_length, 1e-1
    rng = np.random.default_rng(args.seed)
    Wxh = rng.standard_normal((hidden_size, vocab_size)) * 0.01
    Whh = rng.standard_normal((hidden_size, hidden_size)) * 0.01
    Why = rng.standard_normal((vocab_size, hidden_size)) * 0.01
    bh = np.zeros((hidden_size, 1))
    by = np.zeros((vocab_size, 1))

    def loss_fun(inputs, targets, hprev):
        xs, hs, ys, ps = {}, {}, {}, {}
        hs[-1] = np.copy(hprev)
        loss = 0.0
        for t in range(len(inputs)):
            xs[t] = np.zeros((vocab_size, 1))
            xs[t][inputs[t]] = 1
            hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t - 1]) + bh)
            ys[t] = np.dot(Why, hs[t]) + by
            ps[t] = np.exp(ys[t] - np.max(ys[t])) / np.sum(np.exp(ys[t] - np.max(ys[t])))
            loss += -np.log(ps[t][targets[t], 0])
        dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
        dbh, dby = np.zeros_like(bh), np.zeros_like(by)
        dhnext = np.zeros_like(hs[0])
        for t in reversed(range(len(inputs))):
            dy = np.copy(ps[t])
            dy[targets[t]] -= 1
            dWhy += np.dot(dy, hs[t].T)
            dby += dy
            dh = np.dot(Why.T, dy) + dhnext
            dhraw = (1 - hs[t] * hs[t]) * dh
            dbh += dhraw
            dWxh += np.dot(dhraw, xs[t].T)
            dWhh += np.dot(dhraw, hs[t - 1].T)
            dhnext = np.dot(Whh.T, dhraw)
        for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
            np.clip(dparam, -5, 5, out=dparam)
        return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs) - 1]

    mWxh, mWhh, mWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    mbh, mby = np.zeros_like(bh), np.zeros_like(by)
    smooth_loss = -np.log(1.0 / vocab_size) * seq_length
    n, p = 0, 0
    hprev = np.zeros((hidden_size, 1))
    total = args.warmup + args.iterations
    start = None
    while n < total:
        if n == args.warmup:
            start, start_cpu = time.perf_counter(), time.process_time()
        if p + seq_length + 1 >= len(ids) or n == 0:
            hprev = np.zeros((hidden_size, 1))
            p = 0
        inputs = ids[p:p + seq_length]
        targets = ids[p + 1:p + seq_length + 1]
        loss, dWxh, dWhh, dWhy, dbh, dby, hprev = loss_fun(inputs, targets, hprev)
        smooth_loss = smooth_loss * 0.999 + loss * 0.001
        for param, dparam, mem in zip([Wxh, Whh, Why, bh, by], [dWxh, dWhh, dWhy, dbh, dby], [mWxh, mWhh, mWhy, mbh, mby]):
            mem += dparam * dparam
            param += -learning_rate * dparam / np.sqrt(mem + 1e-8)
        p += seq_length
        n += 1
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu

    print(f"python {platform.python_version()}, numpy {np.__version__}, BLAS {blas_name()}")
    print(f"data {args.data}: {len(ids):,} characters, V = {vocab_size}; hidden {hidden_size}, chunks of {seq_length}")
    print(f"smoothed loss @ iteration {n:,}: {smooth_loss:.2f}")
    print(f"iterations/s: {args.iterations / seconds:.0f} ({args.iterations:,} timed iterations in {seconds:.2f} s after {args.warmup} warm-up)")
    # On a shared machine the wall time counts other jobs' turns; the CPU time is this process's own.
    print(f"iterations per CPU second: {args.iterations / cpu_seconds:.0f} ({cpu_seconds:.2f} s of CPU)")


if __name__ == "__main__":
    sys.exit(main())
