"""Independent reference for the optimiser tests (tests/optimizers.rs).

Plain CPython, no libraries: a small MLP's forward and backward pass written out here, and
PyTorch's documented update algorithms (torch.optim.SGD with momentum and nesterov, RMSprop,
Adam; no weight decay, no dampening), in the form PyTorch's own loop computes them (Adam as
step_size = lr / (1 - beta1^t) and denom = sqrt(v) / sqrt(1 - beta2^t) + eps). Writes each
optimiser's 20-step trajectory on two networks to optimizers.json:

    python3 tests/reference/optimizers.py > tests/reference/optimizers.json
"""
import json
import math

STEPS = 20

EXAM = {
    "version": 1, "title": "exam", "layers": [2, 2, 1], "activations": ["relu", "sigmoid"],
    "loss": "bce", "learning_rate": 0.01,
    "weights": [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]],
    "biases": [[0.2, -0.2], [0.0]],
    "samples": [{"x": [1.0, 2.0], "y": [0.0]}],
}

# A 2-4-3 softmax network with numbers drawn once and written down, two samples.
SOFTMAX = {
    "version": 1, "title": "2-4-3 softmax", "layers": [2, 4, 3],
    "activations": ["tanh", "softmax"], "loss": "cross_entropy", "learning_rate": 0.1,
    "weights": [
        [[0.31, -0.74, 0.12, 0.58], [-0.45, 0.27, 0.83, -0.16]],
        [[0.52, -0.33, 0.08], [-0.61, 0.44, 0.29], [0.17, 0.71, -0.56], [-0.24, -0.09, 0.65]],
    ],
    "biases": [[0.05, -0.12, 0.2, 0.0], [0.1, -0.05, 0.03]],
    "samples": [{"x": [0.8, -1.3], "y": [0.0, 1.0, 0.0]},
                {"x": [-0.4, 0.9], "y": [0.0, 0.0, 1.0]}],
}

OPTIMIZERS = [
    {"kind": "sgd"},
    {"kind": "momentum", "momentum": 0.9},
    {"kind": "nesterov", "momentum": 0.9},
    {"kind": "rmsprop", "alpha": 0.99, "epsilon": 1e-8},
    {"kind": "adam", "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
]


def act(name, z):
    if name == "relu":
        return [max(v, 0.0) for v in z]
    if name == "sigmoid":
        return [1.0 / (1.0 + math.exp(-v)) for v in z]
    if name == "tanh":
        return [math.tanh(v) for v in z]
    if name == "softmax":
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return [v / s for v in e]
    raise ValueError(name)


def act_grad(name, z, a):
    if name == "relu":
        return [1.0 if v > 0 else 0.0 for v in z]
    if name == "tanh":
        return [1.0 - v * v for v in a]
    raise ValueError(name)


def gradients(net, W, B):
    """Mean gradients over the samples, as flat lists shaped like W and B."""
    gW = [[[0.0] * len(row) for row in layer] for layer in W]
    gB = [[0.0] * len(layer) for layer in B]
    n = len(net["samples"])
    for sample in net["samples"]:
        a = [sample["x"]]
        zs = [None]
        for l, layer in enumerate(W):
            z = [sum(a[l][i] * layer[i][j] for i in range(len(layer))) + B[l][j]
                 for j in range(len(B[l]))]
            zs.append(z)
            a.append(act(net["activations"][l], z))
        y = sample["y"]
        out = a[-1]
        # Sigmoid + BCE (mean over outputs) and softmax + cross-entropy: delta = (a - t)/k, a - t.
        if net["loss"] == "bce":
            delta = [(o - t) / len(out) for o, t in zip(out, y)]
        else:
            delta = [o - t for o, t in zip(out, y)]
        for l in range(len(W) - 1, -1, -1):
            for i in range(len(W[l])):
                for j in range(len(W[l][i])):
                    gW[l][i][j] += a[l][i] * delta[j] / n
            for j in range(len(B[l])):
                gB[l][j] += delta[j] / n
            if l > 0:
                back = [sum(W[l][i][j] * delta[j] for j in range(len(delta)))
                        for i in range(len(W[l]))]
                d = act_grad(net["activations"][l - 1], zs[l], a[l])
                delta = [b * f for b, f in zip(back, d)]
    return gW, gB


def flat(W, B):
    return [w for layer in W for row in layer for w in row] + [b for layer in B for b in layer]


def shaped(values, W, B):
    it = iter(values)
    return ([[[next(it) for _ in row] for row in layer] for layer in W],
            [[next(it) for _ in layer] for layer in B])


def trajectory(net, opt):
    W, B = net["weights"], net["biases"]
    lr = net["learning_rate"]
    p = flat(W, B)
    buf = [0.0] * len(p)
    exp_avg = [0.0] * len(p)
    exp_avg_sq = [0.0] * len(p)
    steps = []
    for t in range(1, STEPS + 1):
        gW, gB = gradients(net, *shaped(p, W, B))
        g = flat(gW, gB)
        kind = opt["kind"]
        for k in range(len(p)):
            if kind == "sgd":
                p[k] = p[k] - lr * g[k]
            elif kind in ("momentum", "nesterov"):
                mu = opt["momentum"]
                buf[k] = g[k] if t == 1 else mu * buf[k] + g[k]
                step = g[k] + mu * buf[k] if kind == "nesterov" else buf[k]
                p[k] = p[k] - lr * step
            elif kind == "rmsprop":
                alpha, eps = opt["alpha"], opt["epsilon"]
                exp_avg_sq[k] = exp_avg_sq[k] * alpha + (1 - alpha) * g[k] * g[k]
                p[k] = p[k] - lr * g[k] / (math.sqrt(exp_avg_sq[k]) + eps)
            elif kind == "adam":
                b1, b2, eps = opt["beta1"], opt["beta2"], opt["epsilon"]
                exp_avg[k] = exp_avg[k] + (g[k] - exp_avg[k]) * (1 - b1)
                exp_avg_sq[k] = exp_avg_sq[k] * b2 + (1 - b2) * g[k] * g[k]
                bias_correction1 = 1 - b1 ** t
                bias_correction2 = 1 - b2 ** t
                step_size = lr / bias_correction1
                denom = math.sqrt(exp_avg_sq[k]) / math.sqrt(bias_correction2) + eps
                p[k] = p[k] - step_size * exp_avg[k] / denom
        state = {}
        if kind in ("momentum", "nesterov"):
            state["velocity"] = list(buf)
        if kind == "adam":
            state["first_moment"] = list(exp_avg)
        if kind in ("rmsprop", "adam"):
            state["second_moment"] = list(exp_avg_sq)
        steps.append({"params": list(p), "state": state})
    return steps


def main():
    cases = []
    for net in (EXAM, SOFTMAX):
        for opt in OPTIMIZERS:
            cases.append({"scenario": net, "optimizer": opt, "steps": trajectory(net, opt)})
    print(json.dumps({"steps": STEPS, "cases": cases}))


if __name__ == "__main__":
    main()
