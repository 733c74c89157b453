//! The playground's training engine: mini-batch SGD on flat, preallocated buffers, so that a
//! sample-step allocates nothing. It computes exactly what [`super::StepTrace`] computes (the
//! tests compare the two), without recording the explanation.
//!
//! Regularisation adds `λ·Σ|w|` (L1) or `λ·½·Σw²` (L2) over the weights (not the biases) to the
//! loss, so its gradient `λ·sign(w)` or `λ·w` joins each weight's gradient.

use serde::Serialize;

use super::activation::Activation;
use super::lanes;
use super::loss::Loss;
use super::network::{Network, Params};
use super::optimizer::{FlatState, Optimizer, Slot};
use super::optimizer_state::OptimizerState;
use super::rng::Rng;

impl Regularization {
    /// Every regularisation, in the order the page lists them.
    pub const ALL: [Regularization; 3] =
        [Regularization::None, Regularization::L1, Regularization::L2];

    /// The name files and links use (`"l2"`).
    pub fn name(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "l1",
            Regularization::L2 => "l2",
        }
    }

    /// The penalty's gradient at weight `w` for rate `rate`: `λ·sign(w)` (0 at 0) or `λ·w`.
    pub fn gradient(self, rate: f64, w: f64) -> f64 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => rate * w.signum() * f64::from(u8::from(w != 0.0)),
            Regularization::L2 => rate * w,
        }
    }
}

/// Weight initialisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Init {
    /// Uniform in [−0.5, 0.5].
    Uniform,
    /// Xavier/Glorot: uniform in ±√(6 / (fan_in + fan_out)).
    Xavier,
    /// He: normal with standard deviation √(2 / fan_in).
    He,
    /// All zero (a lesson in symmetry: every neuron of a layer stays the same).
    Zeros,
}

impl Init {
    /// Every initialisation, in the order the page lists them.
    pub const ALL: [Init; 4] = [Init::Uniform, Init::Xavier, Init::He, Init::Zeros];

    /// The name files and links use (`"xavier"`).
    pub fn name(self) -> &'static str {
        match self {
            Init::Uniform => "uniform",
            Init::Xavier => "xavier",
            Init::He => "he",
            Init::Zeros => "zeros",
        }
    }
}

/// Weight regularisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regularization {
    /// None.
    None,
    /// λ·Σ|w|.
    L1,
    /// λ·½·Σw².
    L2,
}

/// Fresh parameters for layer sizes `sizes`, from `seed`. Biases start at zero.
pub fn init_params(sizes: &[usize], init: Init, seed: u64) -> Params {
    let mut rng = Rng::new(seed);
    let normal = |rng: &mut Rng| {
        let u = rng.next_f64().max(1e-12);
        let v = rng.next_f64();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    };
    let weights = sizes
        .windows(2)
        .map(|pair| {
            let (fan_in, fan_out) = (pair[0] as f64, pair[1] as f64);
            (0..pair[0])
                .map(|_| {
                    (0..pair[1])
                        .map(|_| match init {
                            Init::Uniform => rng.uniform(-0.5, 0.5),
                            Init::Xavier => {
                                let limit = (6.0 / (fan_in + fan_out)).sqrt();
                                rng.uniform(-limit, limit)
                            }
                            Init::He => normal(&mut rng) * (2.0 / fan_in).sqrt(),
                            Init::Zeros => 0.0,
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let biases = sizes[1..].iter().map(|&n| vec![0.0; n]).collect();
    Params { weights, biases }
}

/// Training stopped because a parameter stopped being a finite number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diverged {
    /// Which parameter went first, as a path (`weights[1][0][3]`).
    pub path: String,
}

/// A network laid out flat for fast training.
#[derive(Clone, Debug)]
pub struct Trainer {
    sizes: Vec<usize>,
    acts: Vec<Activation>,
    loss: Loss,
    /// Weights, layer by layer, `[from][to]` row-major.
    w: Vec<f64>,
    b: Vec<f64>,
    w_at: Vec<usize>,
    b_at: Vec<usize>,
    gw: Vec<f64>,
    gb: Vec<f64>,
    /// Per-neuron z, a and δ, all layers (inputs first).
    z: Vec<f64>,
    a: Vec<f64>,
    d: Vec<f64>,
    n_at: Vec<usize>,
    grad_a: Vec<f64>,
    /// The optimiser's state, one slot per parameter (weights, then biases), and its steps.
    state: FlatState,
}

impl Trainer {
    /// Lays out a network.
    pub fn new(net: &Network) -> Trainer {
        let sizes = net.layer_sizes();
        let mut w = Vec::new();
        let mut w_at = Vec::new();
        for layer in &net.params.weights {
            w_at.push(w.len());
            for row in layer {
                w.extend_from_slice(row);
            }
        }
        let mut b = Vec::new();
        let mut b_at = Vec::new();
        for layer in &net.params.biases {
            b_at.push(b.len());
            b.extend_from_slice(layer);
        }
        let mut n_at = Vec::new();
        let mut total = 0;
        for &n in &sizes {
            n_at.push(total);
            total += n;
        }
        let widest = sizes.iter().copied().max().unwrap_or(0);
        Trainer {
            acts: net.activations.clone(),
            loss: net.loss,
            gw: vec![0.0; w.len()],
            gb: vec![0.0; b.len()],
            w,
            b,
            w_at,
            b_at,
            z: vec![0.0; total],
            a: vec![0.0; total],
            d: vec![0.0; total],
            n_at,
            grad_a: vec![0.0; widest],
            sizes,
            state: FlatState::default(),
        }
    }

    /// The current parameters.
    pub fn params(&self) -> Params {
        let weights = (0..self.sizes.len() - 1)
            .map(|l| {
                let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
                (0..n_in)
                    .map(|i| {
                        self.w[self.w_at[l] + i * n_out..self.w_at[l] + (i + 1) * n_out].to_vec()
                    })
                    .collect()
            })
            .collect();
        let biases = (0..self.sizes.len() - 1)
            .map(|l| self.b[self.b_at[l]..self.b_at[l] + self.sizes[l + 1]].to_vec())
            .collect();
        Params { weights, biases }
    }

    /// Replaces the parameters (an edit while paused); the shapes must match.
    pub fn set_params(&mut self, params: &Params) {
        let net = Network {
            activations: self.acts.clone(),
            loss: self.loss,
            params: params.clone(),
        };
        let state = std::mem::take(&mut self.state);
        *self = Trainer::new(&net);
        self.state = state;
    }

    /// The optimiser's state, shaped like the parameters, holding what `optimizer` keeps.
    pub fn optimizer_state(&self, optimizer: Optimizer) -> OptimizerState {
        OptimizerState::from_flat(&self.state_for_all(), optimizer.kept(), &self.params())
    }

    /// Restores the optimiser's state (read from a link; its shapes were checked).
    pub fn set_optimizer_state(&mut self, optimizer: Optimizer, state: &OptimizerState) {
        self.state = state.flat(optimizer.kept(), &self.params());
    }

    /// Forgets the optimiser's state: the next step is its first.
    pub fn reset_optimizer(&mut self) {
        self.state = FlatState::default();
    }

    /// The state with a slot for every parameter.
    fn state_for_all(&self) -> FlatState {
        let count = self.w.len() + self.b.len();
        let mut state = self.state.clone();
        state.slots.resize(count, Slot::default());
        state
    }

    /// Runs the forward pass; returns the outputs.
    ///
    /// The loops run over slices (no index checks inside) and add the terms in the same order
    /// as [`super::Network`]'s forward pass (`b + a₁w₁ + a₂w₂ + …`), so the numbers are the
    /// trace's to the last bit.
    pub fn forward(&mut self, x: &[f64]) -> &[f64] {
        let n0 = self.sizes[0];
        self.a[..n0].copy_from_slice(&x[..n0]);
        self.z[..n0].copy_from_slice(&x[..n0]);
        for l in 0..self.sizes.len() - 1 {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (at_in, at_out) = (self.n_at[l], self.n_at[l + 1]);
            let wl = &self.w[self.w_at[l]..self.w_at[l] + n_in * n_out];
            let (before, after) = self.a.split_at_mut(at_out);
            let a_in = &before[at_in..at_in + n_in];
            let a_out = &mut after[..n_out];
            let z_out = &mut self.z[at_out..at_out + n_out];
            z_out.copy_from_slice(&self.b[self.b_at[l]..self.b_at[l] + n_out]);
            for (ai, row) in a_in.iter().zip(wl.chunks_exact(n_out)) {
                lanes::add_scaled(z_out, row, *ai);
            }
            match self.acts[l] {
                Activation::Softmax => {
                    let out = Activation::Softmax.apply(z_out);
                    a_out.copy_from_slice(&out);
                }
                Activation::Tanh => lanes::tanh_from(a_out, z_out),
                act => {
                    a_out.copy_from_slice(z_out);
                    act.apply_in_place(a_out);
                }
            }
        }
        let last = self.sizes.len() - 1;
        &self.a[self.n_at[last]..self.n_at[last] + self.sizes[last]]
    }

    /// The loss of one sample (runs the forward pass).
    pub fn sample_loss(&mut self, x: &[f64], t: &[f64]) -> f64 {
        self.forward(x);
        let last = self.sizes.len() - 1;
        let (at, n) = (self.n_at[last], self.sizes[last]);
        self.loss.value(
            self.acts[last - 1],
            &self.z[at..at + n],
            &self.a[at..at + n],
            t,
        )
    }

    /// The mean loss over samples.
    pub fn mean_loss(&mut self, xs: &[Vec<f64>], ts: &[Vec<f64>]) -> f64 {
        if xs.is_empty() {
            return 0.0;
        }
        let total: f64 = xs.iter().zip(ts).map(|(x, t)| self.sample_loss(x, t)).sum();
        total / xs.len() as f64
    }

    /// Forward and backward for one sample, adding `scale` times its gradients.
    fn accumulate(&mut self, x: &[f64], t: &[f64], scale: f64) -> f64 {
        let loss = self.sample_loss(x, t);
        let last = self.sizes.len() - 1;
        let (at, n) = (self.n_at[last], self.sizes[last]);
        let output = self.acts[last - 1];
        let (z, a) = (&self.z[at..at + n], &self.a[at..at + n]);
        let d = &mut self.d[at..at + n];
        match (self.loss, output) {
            // The common element-wise cases without a temporary vector: ∂J/∂a times f′.
            (Loss::HalfSse | Loss::Mse, act) if act != Activation::Softmax => {
                let nf = n as f64;
                for (((dj, zj), aj), tj) in d.iter_mut().zip(z).zip(a).zip(t) {
                    let g = if self.loss == Loss::Mse {
                        2.0 * (aj - tj) / nf
                    } else {
                        aj - tj
                    };
                    *dj = act.derivative(*zj, *aj) * g;
                }
            }
            _ => d.copy_from_slice(&self.loss.output_delta(output, z, a, t)),
        }
        for l in (0..last).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (at_in, at_out) = (self.n_at[l], self.n_at[l + 1]);
            let (w_at, b_at) = (self.w_at[l], self.b_at[l]);
            let (d_before, d_after) = self.d.split_at_mut(at_out);
            let d_out = &d_after[..n_out];
            for (g, dj) in self.gb[b_at..b_at + n_out].iter_mut().zip(d_out) {
                *g += scale * dj;
            }
            let a_in = &self.a[at_in..at_in + n_in];
            let wl = &self.w[w_at..w_at + n_in * n_out];
            let gwl = &mut self.gw[w_at..w_at + n_in * n_out];
            let rows = a_in
                .iter()
                .zip(wl.chunks_exact(n_out).zip(gwl.chunks_exact_mut(n_out)));
            if l == 0 {
                // The inputs need no δ: only the weights' gradients.
                for (ai, (_, g_row)) in rows {
                    lanes::add_scaled(g_row, d_out, scale * ai);
                }
                continue;
            }
            for ((ai, (w_row, g_row)), back) in rows.zip(self.grad_a.iter_mut()) {
                *back = lanes::add_scaled_and_dot(g_row, d_out, scale * ai, w_row);
            }
            let act = self.acts[l - 1];
            let d_in = &mut d_before[at_in..at_in + n_in];
            if act == Activation::Softmax {
                let delta = act.backprop(
                    &self.z[at_in..at_in + n_in],
                    &self.a[at_in..at_in + n_in],
                    &self.grad_a[..n_in],
                );
                d_in.copy_from_slice(&delta);
            } else if act == Activation::Tanh {
                for ((d, a), g) in d_in.iter_mut().zip(a_in).zip(&self.grad_a) {
                    *d = (1.0 - a * a) * g;
                }
            } else {
                let zs = &self.z[at_in..at_in + n_in];
                for (((d, z), a), g) in d_in.iter_mut().zip(zs).zip(a_in).zip(&self.grad_a) {
                    *d = act.derivative(*z, *a) * g;
                }
            }
        }
        loss
    }

    /// The mean gradients over samples, as parameters (for tests and inspection).
    pub fn gradients(&mut self, xs: &[Vec<f64>], ts: &[Vec<f64>]) -> Params {
        self.batch_gradients(xs, ts);
        let keep_w = std::mem::replace(&mut self.w, self.gw.clone());
        let keep_b = std::mem::replace(&mut self.b, self.gb.clone());
        let grads = self.params();
        self.w = keep_w;
        self.b = keep_b;
        grads
    }

    /// One SGD step on a mini-batch; returns the batch's mean loss (before the step). If any
    /// parameter stops being finite, the step is undone and the first such parameter named.
    pub fn train_batch(
        &mut self,
        xs: &[Vec<f64>],
        ts: &[Vec<f64>],
        learning_rate: f64,
        regularization: Regularization,
        rate: f64,
    ) -> Result<f64, Diverged> {
        self.train_batch_with(xs, ts, learning_rate, regularization, rate, Optimizer::Sgd)
    }

    /// One step of `optimizer` on a mini-batch (its state carried from the last call), as
    /// [`Trainer::train_batch`]; regularisation's gradient joins each weight's before the
    /// optimiser sees it. A step that would leave a non-finite number changes nothing.
    pub fn train_batch_with(
        &mut self,
        xs: &[Vec<f64>],
        ts: &[Vec<f64>],
        learning_rate: f64,
        regularization: Regularization,
        rate: f64,
        optimizer: Optimizer,
    ) -> Result<f64, Diverged> {
        if !optimizer.is_sgd() {
            return self.optimizer_batch(xs, ts, learning_rate, regularization, rate, optimizer);
        }
        let loss = self.batch_gradients(xs, ts);
        let step_w = |w: f64, g: f64| w - learning_rate * (g + regularization.gradient(rate, w));
        // Check first, write second: a step that would leave a non-finite number changes nothing
        // (and needs no copy of the parameters to undo).
        let finite = self
            .w
            .iter()
            .zip(&self.gw)
            .all(|(w, g)| step_w(*w, *g).is_finite())
            && self
                .b
                .iter()
                .zip(&self.gb)
                .all(|(b, g)| (b - learning_rate * g).is_finite());
        if !finite {
            let mut next = self.clone();
            for (w, g) in next.w.iter_mut().zip(&self.gw) {
                *w = step_w(*w, *g);
            }
            for (b, g) in next.b.iter_mut().zip(&self.gb) {
                *b -= learning_rate * g;
            }
            let path = next.first_non_finite().unwrap_or_default();
            return Err(Diverged { path });
        }
        for (w, g) in self.w.iter_mut().zip(&self.gw) {
            *w = step_w(*w, *g);
        }
        for (b, g) in self.b.iter_mut().zip(&self.gb) {
            *b -= learning_rate * g;
        }
        Ok(loss)
    }

    fn optimizer_batch(
        &mut self,
        xs: &[Vec<f64>],
        ts: &[Vec<f64>],
        learning_rate: f64,
        regularization: Regularization,
        rate: f64,
        optimizer: Optimizer,
    ) -> Result<f64, Diverged> {
        let loss = self.batch_gradients(xs, ts);
        let mut state = self.state_for_all();
        let t = state.step.saturating_add(1);
        let weights = self.w.len();
        let params = self.w.iter().chain(&self.b);
        let grads = self.gw.iter().chain(&self.gb);
        let stages: Vec<_> = params
            .zip(grads)
            .enumerate()
            .map(|(k, (&p, &g))| {
                let g = if k < weights {
                    g + regularization.gradient(rate, p)
                } else {
                    g
                };
                optimizer.stages(learning_rate, t, p, g, state.slots[k])
            })
            .collect();
        let updated = stages.iter().map(|s| s.updated);
        if stages.iter().any(|s| !s.updated.is_finite()) {
            let mut next = self.clone();
            next.write_params(updated);
            let path = next.first_non_finite().unwrap_or_default();
            return Err(Diverged { path });
        }
        self.write_params(updated);
        for (slot, stage) in state.slots.iter_mut().zip(&stages) {
            *slot = stage.slot;
        }
        state.step = t;
        self.state = state;
        Ok(loss)
    }

    /// Zeroes the gradients and accumulates a batch's mean into them; returns its mean loss.
    fn batch_gradients(&mut self, xs: &[Vec<f64>], ts: &[Vec<f64>]) -> f64 {
        self.gw.iter_mut().for_each(|g| *g = 0.0);
        self.gb.iter_mut().for_each(|g| *g = 0.0);
        let scale = 1.0 / xs.len().max(1) as f64;
        let mut loss = 0.0;
        for (x, t) in xs.iter().zip(ts) {
            loss += scale * self.accumulate(x, t, scale);
        }
        loss
    }

    /// Writes every parameter, weights then biases, in the flat order.
    fn write_params(&mut self, values: impl Iterator<Item = f64>) {
        for (slot, v) in self.w.iter_mut().chain(self.b.iter_mut()).zip(values) {
            *slot = v;
        }
    }

    fn first_non_finite(&self) -> Option<String> {
        for l in 0..self.sizes.len() - 1 {
            let n_out = self.sizes[l + 1];
            for i in 0..self.sizes[l] {
                for j in 0..n_out {
                    if !self.w[self.w_at[l] + i * n_out + j].is_finite() {
                        return Some(format!("weights[{l}][{i}][{j}]"));
                    }
                }
            }
            for j in 0..n_out {
                if !self.b[self.b_at[l] + j].is_finite() {
                    return Some(format!("biases[{l}][{j}]"));
                }
            }
        }
        None
    }

    /// Every neuron's output at each point of an `n × n` grid over `[−extent, extent]²`, for the
    /// decision boundary and the thumbnails: `out[neuron][row * n + col]` (neurons of all layers
    /// after the inputs, in order; row 0 at the top, `x2 = extent`). The network's inputs are
    /// `features` of each point. (The features are data rather than a closure so that this loop
    /// is compiled in this crate, for speed, rather than in each caller's.)
    ///
    /// The grid goes through the network a tile of [`GRID_TILE`] points at a time, each tile
    /// through every layer before the next tile starts (so that its numbers stay in the
    /// processor's nearest cache): for each weight, one tight pass over the tile's contiguous
    /// numbers (`z_j += a_i·w_ij`). The terms are added in the same order as
    /// [`Trainer::forward`], so every value is the one the forward pass gives for that point.
    pub fn neuron_grids(&mut self, n: usize, extent: f64, features: &[Feature]) -> Vec<Vec<f32>> {
        let points = n * n;
        let first = self.sizes[0];
        let step = if n > 1 {
            2.0 * extent / (n - 1) as f64
        } else {
            0.0
        };
        let widest = self.sizes.iter().copied().max().unwrap_or(1);
        let mut out: Vec<Vec<f32>> = self.sizes[1..]
            .iter()
            .flat_map(|&k| (0..k).map(|_| vec![0.0f32; points]))
            .collect();
        // One tile's activations and pre-activations, one row of GRID_TILE numbers a neuron.
        let mut a = vec![0.0; widest * GRID_TILE];
        let mut z = vec![0.0; widest * GRID_TILE];
        let mut column = vec![0.0; widest];
        for start in (0..points).step_by(GRID_TILE) {
            let len = GRID_TILE.min(points - start);
            for p in 0..len {
                let (row, col) = ((start + p) / n, (start + p) % n);
                let (x1, x2) = (-extent + col as f64 * step, extent - row as f64 * step);
                for (i, f) in features.iter().enumerate().take(first) {
                    a[i * GRID_TILE + p] = f.of(x1, x2);
                }
            }
            let mut neuron = 0;
            for l in 0..self.sizes.len() - 1 {
                let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
                let wl = &self.w[self.w_at[l]..self.w_at[l] + n_in * n_out];
                let bl = &self.b[self.b_at[l]..self.b_at[l] + n_out];
                for (j, zj) in z.chunks_exact_mut(GRID_TILE).take(n_out).enumerate() {
                    let zj = &mut zj[..len];
                    zj.fill(bl[j]);
                    for (i, ai) in a.chunks_exact(GRID_TILE).take(n_in).enumerate() {
                        lanes::add_scaled(zj, &ai[..len], wl[i * n_out + j]);
                    }
                }
                let act = self.acts[l];
                match act {
                    Activation::Softmax => {
                        let column = &mut column[..n_out];
                        for p in 0..len {
                            for (j, c) in column.iter_mut().enumerate() {
                                *c = z[j * GRID_TILE + p];
                            }
                            for (j, v) in act.apply(column).into_iter().enumerate() {
                                z[j * GRID_TILE + p] = v;
                            }
                        }
                    }
                    _ => {
                        for zj in z.chunks_exact_mut(GRID_TILE).take(n_out) {
                            act.apply_in_place(&mut zj[..len]);
                        }
                    }
                }
                for (j, zj) in z.chunks_exact(GRID_TILE).take(n_out).enumerate() {
                    for (o, v) in out[neuron + j][start..start + len]
                        .iter_mut()
                        .zip(&zj[..len])
                    {
                        *o = *v as f32;
                    }
                }
                neuron += n_out;
                std::mem::swap(&mut a, &mut z);
            }
        }
        out
    }
}

/// How many grid points [`Trainer::neuron_grids`] takes through the network together: eight
/// neurons' numbers for a tile (16 KiB) fit in the processor's first-level cache.
pub const GRID_TILE: usize = 256;

/// The input features a point can be turned into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// x1.
    X1,
    /// x2.
    X2,
    /// x1².
    X1Squared,
    /// x2².
    X2Squared,
    /// x1·x2.
    X1X2,
    /// sin x1.
    SinX1,
    /// sin x2.
    SinX2,
}

impl Feature {
    /// Every feature, in the order the playground lists them.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The name files and links use (`"x1_squared"`).
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1_squared",
            Feature::X2Squared => "x2_squared",
            Feature::X1X2 => "x1_x2",
            Feature::SinX1 => "sin_x1",
            Feature::SinX2 => "sin_x2",
        }
    }

    /// The feature's value at a point. Never inlined: inlined into the decision map's loop, the
    /// compiler computed `sin x1` and `sin x2` for every point whatever the features (a `match`
    /// arm calling `sin` may be computed before the arm is chosen), 15 % of the map's time.
    #[inline(never)]
    pub fn of(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initialisations_are_seeded_and_scaled() {
        let sizes = [2, 8, 8, 1];
        for init in [Init::Uniform, Init::Xavier, Init::He, Init::Zeros] {
            assert_eq!(
                init_params(&sizes, init, 4),
                init_params(&sizes, init, 4),
                "{init:?}"
            );
        }
        let xavier = init_params(&sizes, Init::Xavier, 4);
        let limit = (6.0f64 / 16.0).sqrt();
        assert!(xavier.weights[1].iter().flatten().all(|w| w.abs() <= limit));
        assert!(init_params(&sizes, Init::Zeros, 4)
            .weights
            .iter()
            .flatten()
            .flatten()
            .all(|w| *w == 0.0));
        assert_ne!(
            init_params(&sizes, Init::He, 4),
            init_params(&sizes, Init::He, 5)
        );
    }

    #[test]
    fn features_are_what_they_say() {
        assert_eq!(Feature::X1X2.of(2.0, 3.0), 6.0);
        assert_eq!(Feature::X2Squared.of(2.0, 3.0), 9.0);
        assert_eq!(Feature::SinX1.of(0.0, 3.0), 0.0);
    }
}
